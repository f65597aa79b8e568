import type { TextEdit } from '../text/positions';

/**
 * An edit adding `import <module>` when the text does not import it at module level yet: before the
 * first module-level import (after `from __future__`), else after the module docstring, else at the top.
 */
export function importEditForText(text: string, module: string, eol = '\n'): TextEdit | undefined {
  const lines = text.split(/\r?\n/);
  const bound = new RegExp(`^import\\s+${module.replace(/\./g, '\\.')}\\s*(?:#.*)?$|^import\\s+.*\\b${module}\\b(?!\\.)`);
  if (lines.some((l) => bound.test(l))) return undefined;
  let line = -1;
  let lastFuture = -1;
  for (let i = 0; i < lines.length; i++) {
    if (/^from\s+__future__\s+import\b/.test(lines[i])) lastFuture = i;
    else if (line < 0 && /^(?:import|from)\s/.test(lines[i])) line = i;
  }
  if (lastFuture >= 0) line = lastFuture + 1;
  if (line < 0) line = docstringEnd(lines);
  else {
    // Keep a block of plain `import x` lines sorted: go past the ones that sort before `module`.
    while (line < lines.length && /^import\s+([\w.]+)\s*$/.test(lines[line]) && /^import\s+([\w.]+)/.exec(lines[line])![1] < module) line++;
  }
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `import ${module}${eol}` };
}

/** The line after a leading module docstring (0 when there is none). */
function docstringEnd(lines: string[]): number {
  let i = 0;
  while (i < lines.length && (lines[i].trim() === '' || lines[i].startsWith('#'))) i++;
  const first = lines[i] ?? '';
  const opener = /^[rRuU]?("""|''')/.exec(first);
  if (!opener) {
    return /^[rRuU]?(["']).*\1\s*$/.test(first) ? i + 1 : 0;
  }
  const rest = first.slice(opener[0].length);
  if (rest.includes(opener[1])) return i + 1;
  for (let j = i + 1; j < lines.length; j++) if (lines[j].includes(opener[1])) return j + 1;
  return 0;
}
