import type { Node as SyntaxNode } from 'web-tree-sitter';
import { stringValue } from '../../model/syntax';
import type { TestFunction, PytestFile } from '../../model/types';
import type { Range, TextEdit } from '../../text/positions';
import { rangeOf } from '../../text/positions';
import type { Fix } from '../types';
import { nodesOfType } from '../body/names';
import { escapeSnippet } from './snippetText';

const NAME_NODES = new Set(['identifier', 'attribute', 'string']);

/**
 * Builds the rename fix for a test: the definition plus the references in the same file that
 * surely mean this test (calls and bare names for module-level tests, `self.name`/`Class.name` for
 * methods, strings that are the name or a node id ending in `::name`). With snippet placeholders,
 * everything goes into one edit so the placeholders are mirrored at every occurrence.
 */
export function renameFix(file: PytestFile, text: string, test: TestFunction, newName: string, snippet: boolean): Fix {
  const occurrences = [test.nameRange, ...references(file, test)].sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  const title = `Rename \`${test.name}\` to follow the naming convention`;
  if (!snippet || occurrences.length === 1) {
    return { title, edits: occurrences.map((range) => ({ range, newText: newName })), snippet, safe: false };
  }
  const lines = text.split('\n');
  const slice = (from: Range['start'], to: Range['start']): string => {
    if (from.line === to.line) return lines[from.line].slice(from.character, to.character);
    return [lines[from.line].slice(from.character), ...lines.slice(from.line + 1, to.line), lines[to.line].slice(0, to.character)].join('\n');
  };
  let newText = '';
  for (let i = 0; i < occurrences.length; i++) {
    if (i > 0) newText += escapeSnippet(slice(occurrences[i - 1].end, occurrences[i].start));
    newText += newName;
  }
  const edit: TextEdit = { range: { start: occurrences[0].start, end: occurrences[occurrences.length - 1].end }, newText };
  return { title, edits: [edit], snippet: true, safe: false };
}

function references(file: PytestFile, test: TestFunction): Range[] {
  const ranges: Range[] = [];
  const owners = new Set(['self', 'cls', test.className ?? '']);
  const defName = test.node.childForFieldName('name')?.id;
  for (const node of nameIndex(file).get(test.name) ?? []) {
    if (node.type === 'identifier') {
      if (node.id !== defName && !test.className && isPlainReference(node)) ranges.push(rangeOf(node));
    } else if (node.type === 'attribute') {
      const attribute = node.childForFieldName('attribute');
      if (test.className && attribute && owners.has(node.childForFieldName('object')?.text ?? '')) ranges.push(rangeOf(attribute));
    } else {
      const range = stringReference(node, test.name);
      if (range) ranges.push(range);
    }
  }
  return ranges;
}

const indexes = new WeakMap<PytestFile, Map<string, SyntaxNode[]>>();

/**
 * Identifiers, attribute accesses and strings of the file by the name they could mean, built once
 * per file: a suite with hundreds of misnamed tests must not walk the tree once per test.
 */
function nameIndex(file: PytestFile): Map<string, SyntaxNode[]> {
  let index = indexes.get(file);
  if (index) return index;
  const built = new Map<string, SyntaxNode[]>();
  const add = (key: string | undefined, node: SyntaxNode) => {
    if (!key) return;
    const list = built.get(key);
    if (list) list.push(node);
    else built.set(key, [node]);
  };
  for (const node of nodesOfType(file.root, NAME_NODES)) {
    if (node.type === 'identifier') add(node.text, node);
    else if (node.type === 'attribute') add(node.childForFieldName('attribute')?.text, node);
    else {
      const value = stringValue(node);
      add(value?.includes('::') ? value.slice(value.lastIndexOf('::') + 2) : value, node);
    }
  }
  index = built;
  indexes.set(file, index);
  return index;
}

/** A read of the module-level name: not an attribute, keyword, parameter, or a local of the same name. */
function isPlainReference(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) return false;
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return false;
  if (['parameters', 'default_parameter', 'typed_parameter', 'typed_default_parameter'].includes(parent.type)) return false;
  for (let scope = parent; scope; scope = scope.parent!) {
    if (scope.type === 'function_definition' && bindsLocally(scope, node.text)) return false;
    if (!scope.parent) break;
  }
  return true;
}

function bindsLocally(fn: SyntaxNode, name: string): boolean {
  const params = fn.childForFieldName('parameters')?.text ?? '';
  if (new RegExp(`\\b${name}\\b`).test(params)) return true;
  const body = fn.childForFieldName('body');
  return (body?.text ?? '').split('\n').some((line) => new RegExp(`^\\s*${name}\\s*=[^=]`).test(line));
}

/** The part of a string literal naming the test: the whole value, or the tail of a node id `…::name`. */
function stringReference(node: SyntaxNode, name: string): Range | undefined {
  const value = stringValue(node);
  if (value === undefined || (value !== name && !value.endsWith(`::${name}`))) return undefined;
  const content = node.namedChildren.find((c) => c?.type === 'string_content');
  if (!content || content.text !== value) return undefined; // escapes or concatenation: leave it alone
  const end = rangeOf(content).end;
  return { start: { line: end.line, character: end.character - name.length }, end };
}
