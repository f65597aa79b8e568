import type { Node as SyntaxNode } from 'web-tree-sitter';

/** Methods that change a list, dict, set or deque in place. */
export const MUTATING_METHODS = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'popitem', 'clear', 'update', 'add', 'discard', 'setdefault',
  'sort', 'reverse', 'appendleft', 'extendleft', 'popleft', 'difference_update', 'intersection_update',
  'symmetric_difference_update', '__setitem__', '__delitem__',
]);

/** Calls that build a fresh mutable container. */
const MUTABLE_FACTORIES = /^(?:collections\.)?(?:list|dict|set|defaultdict|OrderedDict|deque|Counter|bytearray)$/;

/** `[]`, `{}`, `{1}`, `set()`, `dict(a=1)`, `defaultdict(list)`, comprehensions: values shared by reference. */
export function isMutableValue(node: SyntaxNode | null | undefined): boolean {
  if (!node) return false;
  if (['list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension'].includes(node.type)) return true;
  return node.type === 'call' && MUTABLE_FACTORIES.test(node.childForFieldName('function')?.text ?? '');
}

/**
 * How `node` mutates the object `target` matches (an identifier or `self.items`), if it does:
 * `x.append(…)`, `x[k] = …`, `x[k] += …`, `x += …`, `del x[k]`. Returns the mutating node.
 */
export function mutationOf(node: SyntaxNode, isTarget: (n: SyntaxNode) => boolean): SyntaxNode | undefined {
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (fn?.type === 'attribute' && MUTATING_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) {
      const object = fn.childForFieldName('object');
      if (object && isTarget(object)) return node;
    }
    return undefined;
  }
  if (node.type === 'assignment' || node.type === 'augmented_assignment') {
    const left = node.childForFieldName('left');
    if (left?.type === 'subscript' && left.childForFieldName('value') && isTarget(left.childForFieldName('value')!)) return node;
    if (node.type === 'augmented_assignment' && left && isTarget(left)) return node;
    return undefined;
  }
  if (node.type === 'delete_statement') {
    for (const target of node.namedChildren) {
      const items = target?.type === 'expression_list' ? target.namedChildren : [target];
      if (items.some((t) => t?.type === 'subscript' && isTarget(t.childForFieldName('value')!))) return node;
    }
  }
  return undefined;
}
