import * as fs from 'node:fs';
import * as path from 'node:path';
import { isTextRuleTarget } from '../engine/lint/lintFile';

const SKIPPED_DIRS = new Set(['node_modules', 'target', '__pycache__', 'venv', '.venv', 'site-packages', 'dist', 'build']);

export interface InputFile {
  /** The path to read. */
  absolute: string;
  /** The path to print: as given, or under the folder as given. */
  display: string;
}

/** Files to check under the given paths: Python files and files a text rule looks at (tasks.json, Makefile, …). */
export function collectFiles(inputs: string[], cwd: string): { files: InputFile[]; missing: string[] } {
  const files: InputFile[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isDirectory()) walk(absolute, input, files);
    else files.push({ absolute, display: input });
  }
  return { files, missing };
}

function walk(dir: string, display: string, into: InputFile[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return;
  }
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    const shown = path.join(display, entry.name);
    if (entry.isDirectory()) {
      // Hidden folders are skipped except the ones that hold CI and editor task files.
      if (SKIPPED_DIRS.has(entry.name) || (entry.name.startsWith('.') && !['.github', '.vscode', '.gitlab'].includes(entry.name))) continue;
      walk(absolute, shown, into);
    } else if (entry.isFile() && (entry.name.endsWith('.py') || isTextRuleTarget(absolute))) {
      into.push({ absolute, display: shown });
    }
  }
}
