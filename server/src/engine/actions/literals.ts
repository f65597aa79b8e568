import type { Node as SyntaxNode } from 'web-tree-sitter';
import { stringValue } from '../model/syntax';

const LITERAL_TYPES = new Set(['integer', 'float', 'true', 'false', 'none']);

/** A plain literal: number, string (not f-string), bool, None, or a negated number. */
export function isLiteral(node: SyntaxNode): boolean {
  if (LITERAL_TYPES.has(node.type)) return true;
  if (node.type === 'string' || node.type === 'concatenated_string') return stringValue(node) !== undefined || /^[bB]/.test(node.text);
  if (node.type === 'unary_operator') {
    const operand = node.childForFieldName('argument');
    return node.text.trimStart().startsWith('-') && (operand?.type === 'integer' || operand?.type === 'float');
  }
  return false;
}

/** The literals of a block in source order, the docstring left out; does not enter literals' children. */
export function literalSlots(body: SyntaxNode, skip?: SyntaxNode): SyntaxNode[] {
  const slots: SyntaxNode[] = [];
  const visit = (node: SyntaxNode) => {
    if (skip && node.id === skip.id) return;
    if (isLiteral(node)) {
      slots.push(node);
      return;
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(body);
  return slots;
}

/** The docstring statement of a block, if any. */
export function docstringStatement(body: SyntaxNode): SyntaxNode | undefined {
  const first = body.namedChildren.find((c) => c?.type !== 'comment');
  return first?.type === 'expression_statement' && first.namedChild(0)?.type === 'string' ? first : undefined;
}

/** A literal's Python type for an annotation. */
export function literalType(node: SyntaxNode): string {
  switch (node.type) {
    case 'integer':
      return 'int';
    case 'float':
      return 'float';
    case 'true':
    case 'false':
      return 'bool';
    case 'none':
      return 'None';
    case 'unary_operator':
      return node.childForFieldName('argument')?.type === 'float' ? 'float' : 'int';
    default:
      return /^[bB]|^[rR][bB]/.test(node.text) ? 'bytes' : 'str';
  }
}

/** One annotation for a column of values: `int`, `float` (ints and floats), `str | None` … */
export function columnType(values: SyntaxNode[]): string {
  const types = new Set(values.map(literalType));
  if (types.has('int') && types.has('float')) types.delete('int');
  const hasNone = types.delete('None');
  const list = [...types];
  if (list.length === 0) return 'None';
  const base = list.length === 1 ? list[0] : 'object';
  return hasNone ? `${base} | None` : base;
}

/** A text for readable ids: string contents, numbers as written, `True`/`None` as is. */
export function idText(node: SyntaxNode): string {
  const value = stringValue(node);
  return value ?? node.text;
}

/** A pytest-style id made of word characters. */
export function sanitizeId(raw: string): string {
  const cleaned = raw.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '');
  return cleaned || 'empty';
}

/** Name for a parameter from where the literal sits: keyword argument, assignment target, assert. */
export function nameFromContext(node: SyntaxNode): string | undefined {
  let current: SyntaxNode = node;
  let parent = node.parent;
  while (parent && (parent.type === 'parenthesized_expression' || parent.type === 'unary_operator')) {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (parent.type === 'keyword_argument') return parent.childForFieldName('name')?.text;
  // `"ab".upper()`: the literal is the input the method works on.
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === current.id) return literalType(node) === 'str' ? 'text' : 'number';
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === current.id) {
    const left = parent.childForFieldName('left');
    return left?.type === 'identifier' ? left.text : undefined;
  }
  if (parent.type === 'comparison_operator') {
    const inAssert = parent.parent?.type === 'assert_statement';
    if (inAssert && parent.namedChildren[0]?.id !== current.id) return 'expected';
    const other = parent.namedChildren.find((c) => c && c.id !== current.id);
    if (other?.type === 'identifier') return `${other.text}_value`;
  }
  if (parent.type === 'argument_list') {
    const call = parent.parent;
    const callee = call?.childForFieldName('function');
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    if (name && /^\w+$/.test(name)) return `${name.replace(/^_+/, '')}_arg`;
  }
  return undefined;
}

/** Makes `base` a fresh identifier: not taken, not a keyword; `value`, `value_2` … */
export function uniqueName(base: string | undefined, taken: Set<string>): string {
  let name = (base ?? 'value').replace(/\W/g, '_').replace(/^(\d)/, '_$1').toLowerCase() || 'value';
  if (PYTHON_KEYWORDS.has(name)) name = `${name}_value`;
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
  taken.add(candidate);
  return candidate;
}

const PYTHON_KEYWORDS = new Set(['and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'none', 'true', 'false', 'type', 'id', 'input', 'list', 'dict', 'str', 'int', 'len']);
