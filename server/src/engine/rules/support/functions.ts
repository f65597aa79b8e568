import type { Node as SyntaxNode } from 'web-tree-sitter';

/** Every function definition in a tree, nested ones and methods included, in source order. */
export function allFunctionDefinitions(root: SyntaxNode): SyntaxNode[] {
  return root.descendantsOfType('function_definition').filter((n): n is SyntaxNode => n !== null);
}

export function isAsyncDefinition(definition: SyntaxNode): boolean {
  return definition.children.some((c) => c?.type === 'async');
}

/** The innermost function definition containing `node`, if any. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return undefined;
}

/** The class whose body directly defines `definition` (methods only). */
export function enclosingClass(definition: SyntaxNode): SyntaxNode | undefined {
  let n = definition.parent;
  if (n?.type === 'decorated_definition') n = n.parent;
  if (n?.type !== 'block') return undefined;
  return n.parent?.type === 'class_definition' ? n.parent : undefined;
}

/** Leading whitespace of the line `node` starts on. */
export function indentOf(text: string, node: SyntaxNode): string {
  const line = text.split('\n')[node.startPosition.row] ?? '';
  return /^[ \t]*/.exec(line)![0];
}
