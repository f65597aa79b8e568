import type { Node as SyntaxNode } from 'web-tree-sitter';
import { notNull, stringValue } from '../../model/syntax';
import type { Range } from '../../text/positions';
import { rangeOf } from '../../text/positions';

/** Each argname with the narrowest range that shows it: inside `"a, b"`, or the list element. */
export function argnameRanges(node: SyntaxNode): { name: string; range: Range }[] {
  if (node.type === 'list' || node.type === 'tuple') {
    return node.namedChildren
      .filter(notNull)
      .map((c) => ({ name: (stringValue(c) ?? '').trim(), range: rangeOf(c) }))
      .filter((x) => x.name);
  }
  const value = stringValue(node);
  if (value === undefined) return [];
  const whole = rangeOf(node);
  const content = node.namedChildren.find((c) => c?.type === 'string_content');
  const singleLine = whole.start.line === whole.end.line && content && content.text === value;
  const result: { name: string; range: Range }[] = [];
  let offset = 0;
  for (const part of value.split(',')) {
    const name = part.trim();
    const at = offset + part.indexOf(name);
    offset += part.length + 1;
    if (!name) continue;
    if (singleLine && content) {
      const start = content.startPosition.column + at;
      result.push({ name, range: { start: { line: whole.start.line, character: start }, end: { line: whole.start.line, character: start + name.length } } });
    } else result.push({ name, range: whole });
  }
  return result;
}
