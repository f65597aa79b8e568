import type { Node as SyntaxNode } from 'web-tree-sitter';

/**
 * `# pytest-patterns: ignore[PP101, PP2]` at the end of a line silences those codes (or prefixes) on
 * that line; without brackets it silences every code there. `# pytest-patterns: ignore-file[...]` on
 * a line of its own does the same for the whole file.
 */
export interface Suppressions {
  isSuppressed(code: string, line: number): boolean;
}

const DIRECTIVE = /(?:#|\/\/)\s*pytest-patterns:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/;

export function suppressionsFromComments(comments: Iterable<{ text: string; line: number }>): Suppressions {
  const byLine = new Map<number, string[] | 'all'>();
  let file: string[] | 'all' | undefined;
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const codes = match[2] === undefined ? 'all' : match[2].split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
    if (match[1] === 'ignore-file') file = merge(file, codes);
    else byLine.set(comment.line, merge(byLine.get(comment.line), codes));
  }
  const covers = (codes: string[] | 'all' | undefined, code: string) =>
    codes === 'all' || (codes !== undefined && codes.some((c) => code.startsWith(c)));
  return { isSuppressed: (code, line) => covers(file, code) || covers(byLine.get(line), code) };
}

function merge(a: string[] | 'all' | undefined, b: string[] | 'all'): string[] | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return [...(a ?? []), ...b];
}

/** Comment nodes of a Python tree. */
export function pythonComments(root: SyntaxNode): { text: string; line: number }[] {
  return root.descendantsOfType('comment').filter((c) => c !== null).map((c) => ({ text: c!.text, line: c!.startPosition.row }));
}

/** Comments of any text file that may hold a directive: `#` (Makefile, YAML, tox.ini) or `//` (tasks.json is JSONC). */
export function lineComments(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  text.split('\n').forEach((line, index) => {
    const at = line.search(/(?:#|\/\/)\s*pytest-patterns:/);
    if (at >= 0) out.push({ text: line.slice(at), line: index });
  });
  return out;
}
