// A conftest.py's `collect_ignore` (paths relative to its folder) and `collect_ignore_glob`
// (fnmatch patterns joined to its folder): what pytest does not collect below it. Read statically:
// a list or tuple of strings, grown by `append`/`extend`/`+=` at module level or under an `if` whose
// condition is known. An entry added under an `if` that cannot be decided is not ignored (pytest may
// collect it); an assignment that cannot be read leaves the whole list unknown, and then nothing is
// ignored: the tree may list a test pytest skips, never hide one it runs.

import * as path from 'node:path';
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { truth } from './conditions';
import { evaluate } from './pyValues';
import type { Scope } from './scope';
import { evaluateSequence } from './sequences';

const NAMES = ['collect_ignore', 'collect_ignore_glob'] as const;
type Name = (typeof NAMES)[number];

/** Absolute paths and patterns; absent: the conftest does not define the name; 'unknown': it does, unreadably. */
export type CollectIgnore = Partial<Record<Name, string[] | 'unknown'>>;

interface ListState {
  /** Entries pytest certainly has, in order; undefined: the list is not known. */
  entries: string[] | undefined;
  defined: boolean;
}

export type CollectIgnoreName = Name;

export function collectIgnoreOf(root: SyntaxNode, dir: string, scope: Scope): CollectIgnore {
  const text = root.text;
  const result: CollectIgnore = {};
  for (const name of NAMES) {
    if (!new RegExp(String.raw`\b${name}\b`).test(text)) continue;
    const state: ListState = { entries: [], defined: false };
    run(root, name, scope, state, true);
    if (!state.entries) result[name] = 'unknown';
    else if (state.defined) result[name] = state.entries.map((entry) => path.resolve(dir, entry));
  }
  return result;
}

/** Runs the statements of `block` that touch `name`; `sure`: they certainly run. */
function run(block: SyntaxNode, name: Name, scope: Scope, state: ListState, sure: boolean): void {
  const mentions = new RegExp(String.raw`\b${name}\b`);
  for (const statement of block.namedChildren) {
    if (!statement || !mentions.test(statement.text)) continue;
    if (statement.type === 'if_statement') {
      runIf(statement, name, scope, state, sure);
      continue;
    }
    if (statement.type === 'function_definition' || statement.type === 'decorated_definition' || statement.type === 'class_definition') continue;
    const expression = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
    if (!expression || !apply(expression, name, scope, state, sure)) state.entries = undefined;
  }
}

function runIf(statement: SyntaxNode, name: Name, scope: Scope, state: ListState, sure: boolean): void {
  const branches: [SyntaxNode | null, SyntaxNode | null][] = [[statement.childForFieldName('condition'), statement.childForFieldName('consequence')]];
  for (const clause of statement.namedChildren) {
    if (clause?.type === 'elif_clause') branches.push([clause.childForFieldName('condition'), clause.childForFieldName('consequence')]);
    if (clause?.type === 'else_clause') branches.push([null, clause.childForFieldName('body')]);
  }
  let decided = sure;
  for (const [condition, body] of branches) {
    const holds = condition ? truth(evaluate(condition, scope)) : true;
    if (holds === false) continue;
    if (body) run(body, name, scope, state, decided && holds === true);
    if (holds === true && decided) return; // this branch runs, the later ones do not
    decided = false; // undecided: every later branch may run too
  }
}

/** One statement on the list; false when it is not understood. */
function apply(expression: SyntaxNode, name: Name, scope: Scope, state: ListState, sure: boolean): boolean {
  if (expression.type === 'assignment' && expression.childForFieldName('left')?.text === name) {
    const strings = stringsOf(expression.childForFieldName('right'), scope);
    if (!strings || !sure) return false;
    state.entries = strings;
    state.defined = true;
    return true;
  }
  if (expression.type === 'augmented_assignment' && expression.childForFieldName('left')?.text === name && expression.childForFieldName('operator')?.text === '+=') {
    return grow(stringsOf(expression.childForFieldName('right'), scope), state, sure);
  }
  if (expression.type === 'call') {
    const callee = expression.childForFieldName('function');
    const argument = expression.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type !== 'comment') ?? [];
    if (callee?.text === `${name}.append` && argument.length === 1) return grow(stringsOf(argument[0], scope, true), state, sure);
    if (callee?.text === `${name}.extend` && argument.length === 1) return grow(stringsOf(argument[0], scope), state, sure);
  }
  return false;
}

/** Adds what certainly runs; an entry that only may be added is not ignored. */
function grow(strings: string[] | undefined, state: ListState, sure: boolean): boolean {
  if (!strings) return false;
  if (sure && state.entries) state.entries.push(...strings);
  return true;
}

/** The strings of a list/tuple expression (or of one string when `single`); undefined when not all known. */
function stringsOf(node: SyntaxNode | null | undefined, scope: Scope, single = false): string[] | undefined {
  if (!node) return undefined;
  const elements = single ? [node] : evaluateSequence(node, scope);
  if (!elements) return undefined;
  const strings: string[] = [];
  for (const element of elements) {
    const value = evaluate(element, scope);
    if (value.kind !== 'str') return undefined;
    strings.push(value.value);
  }
  return strings;
}
