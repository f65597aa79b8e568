import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { createPythonParser } from '../../server/src/engine/parse/parser';

/** Writes `files` (relative path → text) into a new temporary folder and returns the folder. */
export function writeFileTree(prefix: string, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

/**
 * A Python parser and a file tree for one `describe` block: made before its tests, removed after
 * them. Call inside the block; read them in tests or later `before` hooks.
 */
export function parserAndTree(prefix: string, files: Record<string, string>): { parser(): Parser; root(): string } {
  let parser: Parser | undefined;
  let root: string | undefined;
  before(async () => {
    parser = await createPythonParser();
    root = writeFileTree(prefix, files);
  });
  after(() => {
    parser?.delete();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  return { parser: () => parser!, root: () => root! };
}

/**
 * A Python parser for one `describe` block and file trees its tests write (`tree(files)`), all
 * removed after them.
 */
export function parserAndTrees(prefix: string): { parser(): Parser; tree(files: Record<string, string>): string } {
  let parser: Parser | undefined;
  const roots: string[] = [];
  before(async () => {
    parser = await createPythonParser();
  });
  after(() => {
    parser?.delete();
    roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true }));
  });
  return {
    parser: () => parser!,
    tree: (files) => {
      const root = writeFileTree(prefix, files);
      roots.push(root);
      return root;
    },
  };
}
