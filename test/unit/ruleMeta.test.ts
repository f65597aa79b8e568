import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parsePython } from '../../server/src/engine/parse/parser';
import { RULES } from '../../server/src/engine/rules/registry';
import type { OptionSpec } from '../../server/src/engine/rules/types';
import { repoPath } from '../support/paths';

const SECTIONS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Options', 'References'];

function docsPage(code: string): string {
  return repoPath('docs', 'rules', `${code}.md`);
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function matchesType(spec: OptionSpec): boolean {
  switch (spec.type) {
    case 'string':
      return typeof spec.default === 'string' && (!spec.enum || spec.enum.some((e) => e.value === spec.default));
    case 'boolean':
      return typeof spec.default === 'boolean';
    case 'number':
      return typeof spec.default === 'number' && Number.isFinite(spec.default);
    case 'string[]':
      return Array.isArray(spec.default) && spec.default.every((v) => typeof v === 'string');
  }
}

/** The ```python blocks of a markdown page, with the line each starts on. */
function pythonBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```python') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== '```') end++;
    blocks.push({ line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

// The registry, the docs pages and the fixtures must stay in step: a rule is only done when all exist.
describe('rule metadata', () => {
  it('has unique PPnnn codes, listed in code order', () => {
    const codes = RULES.map((r) => r.meta.code);
    for (const code of codes) assert.match(code, /^PP\d{3}$/);
    assert.equal(new Set(codes).size, codes.length, `duplicate codes: ${codes.filter((c, i) => codes.indexOf(c) !== i)}`);
    assert.deepEqual(codes, [...codes].sort(), 'RULES in registry.ts must be sorted by code');
  });

  it('has unique kebab-case names', () => {
    const names = RULES.map((r) => r.meta.name);
    for (const name of names) assert.match(name, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
    assert.equal(new Set(names).size, names.length, `duplicate names: ${names.filter((n, i) => names.indexOf(n) !== i)}`);
  });

  for (const rule of RULES) {
    const { code, name } = rule.meta;
    describe(`${code} ${name}`, () => {
      it('has a docs page with the six sections in order', () => {
        const page = docsPage(code);
        assert.ok(fs.existsSync(page), `missing ${path.relative(repoPath(), page)}`);
        const text = fs.readFileSync(page, 'utf8');
        assert.ok(text.startsWith(`# ${code} \`${name}\``), `${code}.md must start with "# ${code} \`${name}\`"`);
        const headings = text.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
        assert.deepEqual(headings, SECTIONS);
      });

      it('has python examples in its docs page that parse', async () => {
        const page = docsPage(code);
        if (!fs.existsSync(page)) assert.fail(`missing docs page for ${code}`);
        const blocks = pythonBlocks(fs.readFileSync(page, 'utf8'));
        assert.ok(blocks.length > 0, `${code}.md has no \`\`\`python example`);
        for (const block of blocks) {
          const tree = await parsePython(block.code);
          try {
            assert.equal(tree.rootNode.hasError, false, `${code}.md: the python block at line ${block.line} has a syntax error`);
          } finally {
            tree.delete();
          }
        }
      });

      it('has a fixture folder', () => {
        const dir = repoPath('test', 'fixtures', 'rules', code);
        assert.ok(fs.existsSync(dir), `missing test/fixtures/rules/${code}/`);
        const files = filesUnder(dir);
        if (rule.target === 'text') assert.ok(files.length > 0, `no fixture file in test/fixtures/rules/${code}/`);
        else assert.ok(files.some((f) => f.endsWith('.py')), `no .py fixture in test/fixtures/rules/${code}/`);
      });

      it('declares option defaults of the declared type', () => {
        for (const [key, spec] of Object.entries(rule.meta.options)) {
          assert.ok(matchesType(spec), `${code} option \`${key}\`: default ${JSON.stringify(spec.default)} is not a valid ${spec.type}`);
          assert.ok(spec.description.length > 0, `${code} option \`${key}\` has no description`);
        }
      });
    });
  }
});
