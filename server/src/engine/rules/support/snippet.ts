import type { Node as SyntaxNode } from 'web-tree-sitter';

/** A node's source on one line, shortened for messages: `pytest.raises(ValueError)`, `fetch(...)`. */
export function snippet(node: SyntaxNode, max = 48): string {
  const oneLine = node.text.replace(/\s*\n\s*/g, ' ');
  if (oneLine.length <= max) return oneLine;
  if (node.type === 'call') {
    const callee = node.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
    if (callee.length + 5 <= max) return `${callee}(...)`;
  }
  return `${oneLine.slice(0, max - 1)}…`;
}
