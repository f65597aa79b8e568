#!/usr/bin/env node
// Precision check: lints every test file (test_*.py, *_test.py, conftest.py) under the given folders
// with all rules selected and prints per-rule counts plus sample findings to read by hand.
// Needs the compiled engine: `npx tsc -p .` first.
//
//   node scripts/precision.mjs [--samples N] [--rule PP210] [--select PP209,PP5] [--json] DIR...
// --rule shows one rule's findings; --select lints with only those codes/prefixes (faster).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { lintSource } = require(path.join(root, 'out/server/src/engine/lint/linter.js'));
const { RULES } = require(path.join(root, 'out/server/src/engine/rules/registry.js'));

const args = process.argv.slice(2);
let samples = 5;
let only;
let selected;
let json = false;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--samples') samples = Number(args[++i]);
  else if (args[i] === '--rule') only = args[++i].toUpperCase();
  else if (args[i] === '--select') selected = args[++i].split(',').map((c) => c.trim().toUpperCase());
  else if (args[i] === '--json') json = true;
  else dirs.push(args[i]);
}
if (dirs.length === 0) {
  console.error('usage: node scripts/precision.mjs [--samples N] [--rule CODE] [--select CODES] [--json] DIR...');
  process.exit(2);
}

function* testFiles(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.isSymbolicLink()) yield* testFiles(full);
    else if (entry.isFile() && /^(?:test_.*|.*_test|conftest)\.py$/.test(entry.name)) yield full;
  }
}

// Every rule, off-by-default ones included.
const chosen = selected ?? (only ? [only] : undefined);
const select = chosen
  ? RULES.map((r) => r.meta.code).filter((code) => chosen.some((c) => code.startsWith(c)))
  : ['PP', ...RULES.map((r) => r.meta.code)];
const byRule = new Map(RULES.map((r) => [r.meta.code, []]));
let files = 0;
let failures = 0;
for (const dir of dirs) {
  for (const file of testFiles(path.resolve(dir))) {
    files++;
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    try {
      const findings = await lintSource(text, file, {
        editorSettings: { select },
        onRuleError: (rule, error) => console.error(`rule ${rule.meta.code} threw on ${file}: ${error?.stack ?? error}`),
      });
      for (const f of findings) byRule.get(f.code)?.push({ file, line: f.range.start.line + 1, message: f.message });
    } catch (error) {
      failures++;
      console.error(`cannot lint ${file}: ${error?.message ?? error}`);
    }
  }
}

if (json) {
  console.log(JSON.stringify({ files, counts: Object.fromEntries([...byRule].map(([c, f]) => [c, f.length])) }, null, 2));
} else {
  console.log(`${files} files linted${failures ? `, ${failures} failed` : ''}\n`);
  for (const [code, found] of byRule) {
    if ((only && code !== only) || !select.includes(code)) continue;
    const rule = RULES.find((r) => r.meta.code === code);
    console.log(`${code} ${rule.meta.name}: ${found.length}`);
    // Spread the samples over the files instead of showing the first file's hits only.
    const step = Math.max(1, Math.floor(found.length / Math.max(1, samples)));
    for (let i = 0, shown = 0; i < found.length && shown < samples; i += step, shown++) {
      const f = found[i];
      console.log(`    ${f.file}:${f.line} ${f.message}`);
    }
  }
}
