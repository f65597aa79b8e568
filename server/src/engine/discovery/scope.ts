// Name bindings of a module or class body, so parametrize values written as names
// (`CASES`, `Color.RED`, `helper`) can be followed to what they were bound to.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { dottedName } from '../model/syntax';
import { COMPOUND_STATEMENTS, namesBoundIn } from './boundNames';
import type { FunctionSources } from './functionSources';
import type { PyValue } from './pyValues';

export type Binding =
  /**
   * `decorated`: a decorator may have replaced the function (its `__name__` is then a guess).
   * `node`/`scope`: its definition (body blanked) and the scope it was defined in, to call it.
   */
  | { kind: 'function'; decorated?: boolean; node?: SyntaxNode; scope?: Scope }
  /** `members`: the names its body assigns (in source order) and their values; `body` its statements. */
  | { kind: 'class'; bases: string[]; members: Map<string, SyntaxNode>; decorated?: boolean; body?: SyntaxNode | null }
  /** `guess`: a later `if`/`try`/loop block may rebind or mutate it, so values read from it are a best guess. */
  | { kind: 'value'; node: SyntaxNode | PyValue; scope?: Scope; guess?: boolean }
  /** `from <from> import <importedName>`; `from` is absent for bindings made up by callers. */
  | { kind: 'import'; importedName: string; from?: ModuleSpec }
  /** `import <dotted> as name`; `dotted` is absent when the module name is not literal. */
  | { kind: 'module'; dotted?: string };

/** A module as an import statement names it: `..pkg.mod` is level 2, dotted `pkg.mod`. */
export interface ModuleSpec {
  level: number;
  dotted: string;
}

/** Values of names that live in other modules, when their source can be read (see ModuleLoader). */
export interface ExternalNames {
  /** `module.name` for `import module`. */
  attribute(module: string, name: string): PyValue | undefined;
  /** `name` for `from <spec> import name`. */
  imported(spec: ModuleSpec, name: string): PyValue | undefined;
  /** The definition of a plain function `name` of the module in `home`, and that module's scope, to call it. */
  definition(home: string, name: string): { node: SyntaxNode; scope: Scope } | undefined;
}

interface Placed {
  at: number;
  binding: Binding;
}

export class Scope {
  private readonly bindings = new Map<string, Placed[]>();
  /** Set on a module's scope when other modules' source can be followed. */
  external?: ExternalNames;
  /** Set on a module's scope: the whole bodies of its functions, to call helpers. */
  sources?: FunctionSources;
  /** Some binding here is a guess (see `guessBindings`): lets readers skip the check otherwise. */
  private guesses = false;

  /**
   * `parentAt`: a call's frame, whose nodes come from another tree (the helper's own parse): names
   * not bound here are looked up in the parent as of the call's offset there.
   */
  constructor(
    private readonly parent?: Scope,
    private readonly parentAt?: number,
  ) {}

  /** The resolver of names in other modules, from this scope or an enclosing one. */
  externalNames(): ExternalNames | undefined {
    return this.external ?? this.parent?.externalNames();
  }

  /** The whole bodies of the module's functions, from this scope or an enclosing one. */
  functionSources(): FunctionSources | undefined {
    return this.sources ?? this.parent?.functionSources();
  }

  /** `before` (an offset in this scope's tree) as an offset in `target`'s tree, an enclosing scope. */
  offsetIn(target: Scope, before: number): number {
    let at = before;
    for (let scope: Scope | undefined = this; scope && scope !== target; scope = scope.parent) {
      if (scope.parentAt !== undefined) at = scope.parentAt;
    }
    return at;
  }

  bind(name: string, at: number, binding: Binding): void {
    const list = this.bindings.get(name) ?? [];
    list.push({ at, binding });
    this.bindings.set(name, list);
  }

  /** The functions this scope binds by a `def`, with their definitions. */
  functionDefinitions(): [name: string, definition: SyntaxNode][] {
    const found: [string, SyntaxNode][] = [];
    for (const [name, list] of this.bindings) {
      for (const placed of list) if (placed.binding.kind === 'function' && placed.binding.node) found.push([name, placed.binding.node]);
    }
    return found;
  }

  /** The names this scope binds to values (not functions, classes or imports). */
  valueNames(): string[] {
    return [...this.bindings].filter(([, list]) => list.some((placed) => placed.binding.kind === 'value')).map(([name]) => name);
  }

  /** Makes the value bindings of `name` made before `before` guesses: a block there may change them. */
  guessBindings(name: string, before: number): void {
    for (const placed of this.bindings.get(name) ?? []) {
      if (placed.at < before && placed.binding.kind === 'value' && !placed.binding.guess) {
        placed.binding = { ...placed.binding, guess: true };
        this.guesses = true;
      }
    }
  }

  /** Whether this scope or an enclosing one holds a guessed binding. */
  hasGuesses(): boolean {
    return this.guesses || (this.parent?.hasGuesses() ?? false);
  }

  /** The binding in force at source offset `before` (the last one made before it). */
  lookup(name: string, before: number): Binding | undefined {
    const list = this.bindings.get(name);
    let found: Binding | undefined;
    for (const placed of list ?? []) if (placed.at < before) found = placed.binding;
    return found ?? this.parent?.lookup(name, this.parentAt ?? before);
  }
}

/**
 * Bindings made by the statements of a module or class body. Blocks (`if`/`try`/loops) bind
 * nothing certain: a value they may rebind, or an `if` may mutate, becomes a guess from there on.
 */
export function scopeOf(body: SyntaxNode, parent?: Scope): Scope {
  const scope = new Scope(parent);
  const blocks: SyntaxNode[] = [];
  const blockTypes: string[] = [];
  // Each node type read crosses into wasm: read it once per statement.
  const assigned: [SyntaxNode, [string, SyntaxNode][]][] = [];
  // Offsets (in the body's text) of `name += …` statements bound below: evaluated, not mutations.
  const augmented = new Set<number>();
  for (const statement of body.namedChildren) {
    if (!statement) continue;
    const type = statement.type;
    if (COMPOUND_STATEMENTS.has(type)) {
      blocks.push(statement);
      blockTypes.push(type);
    }
    const decorated = type === 'decorated_definition';
    const definition = decorated ? statement.childForFieldName('definition') : statement;
    const definitionType = decorated ? definition?.type : type;
    // Only definitions have a name field the code below uses.
    const name = definitionType === 'function_definition' || definitionType === 'class_definition' ? definition?.childForFieldName('name')?.text : undefined;
    if (definitionType === 'function_definition' && name) scope.bind(name, statement.startIndex, { kind: 'function', decorated, node: definition!, scope });
    else if (definitionType === 'class_definition' && name) {
      const bases = (definition!.childForFieldName('superclasses')?.namedChildren ?? []).map((b) => dottedName(b)).filter((b): b is string => !!b);
      const body = definition!.childForFieldName('body');
      // Read on first use: few classes are ever asked for an attribute, and every class is bound.
      let members: Map<string, SyntaxNode> | undefined;
      scope.bind(name, statement.startIndex, { kind: 'class', bases, get members() { return (members ??= assignmentsIn(body)); }, decorated, body });
    } else if (type === 'expression_statement') {
      const pairs = assignments(statement);
      assigned.push([statement, pairs]);
      for (const [target, value] of pairs) {
        // `np = pytest.importorskip("numpy")` binds a module like `import numpy as np`.
        const imported = value.type === 'call' && /^(?:pytest\.)?importorskip$/.test(dottedName(value.childForFieldName('function')) ?? '');
        scope.bind(target, statement.startIndex, imported ? { kind: 'module', dotted: literalModuleName(value) } : { kind: 'value', node: value, scope });
      }
      // `CODES += [...]`: the name is bound to the statement, which evaluates as `CODES + [...]`
      // with the value CODES had before it.
      const augment = pairs.length === 0 ? statement.namedChild(0) : null;
      const target = augment?.type === 'augmented_assignment' ? augment.childForFieldName('left') : null;
      if (target?.type === 'identifier') {
        scope.bind(target.text, statement.startIndex, { kind: 'value', node: augment!, scope });
        augmented.add(statement.startIndex - body.startIndex);
      }
    } else if (type === 'import_from_statement' || type === 'import_statement') bindImport(statement, scope, statement.startIndex);
  }
  // A loop, `try` or `with` body runs on import: its mutations are as certain as top-level ones.
  const branches = blocks.filter((_, i) => BRANCHES.has(blockTypes[i]));
  forgetMutatedContainers(body, scope, branches, assigned, augmented);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const changed = BRANCHES.has(blockTypes[i]) ? mutatedNames(block.text) : new Set<string>();
    namesBoundIn(block, changed);
    for (const name of changed) scope.guessBindings(name, block.startIndex);
  }
  return scope;
}

const BRANCHES = new Set(['if_statement', 'match_statement']);
const ITERATOR_CALLS = /^(?:itertools\.\w+|product|permutations|combinations|zip|map|filter|iter|reversed|enumerate)$/;

function isIterator(value: SyntaxNode): boolean {
  if (value.type === 'generator_expression') return true;
  return value.type === 'call' && ITERATOR_CALLS.test(dottedName(value.childForFieldName('function')) ?? '');
}

/**
 * `CASES = []` (or `list(...)`, any value) filled by `CASES.append(...)`, `DTYPES[key] = ...` or
 * `+=` in a loop of the same body (outside `if`/`match` branches: those make a guess; a top-level
 * `+=` is evaluated, see scopeOf): what was assigned is not the value the decorators see, so it
 * becomes unknown (function bodies are not looked at; discovery parses them blanked).
 */
function forgetMutatedContainers(body: SyntaxNode, scope: Scope, branches: readonly SyntaxNode[], assigned: readonly [SyntaxNode, [string, SyntaxNode][]][], augmented: ReadonlySet<number>): void {
  let text: string | undefined;
  let mutated: Set<string> | undefined;
  // The body's expression statements and their assignments, as scopeOf read them.
  for (const [statement, pairs] of assigned) {
    for (const [target, value] of pairs) {
      const valueType = value.type;
      if (valueType === 'generator_expression' || (valueType === 'call' && isIterator(value))) {
        // `CASES = product(...)`: an iterator is used up by its first parametrize; later ones see nothing.
        text ??= body.text;
        const uses = text.match(new RegExp(`(?<![\\w.])${target}(?!\\w)`, 'g'))?.length ?? 0;
        if (uses > 2) scope.bind(target, statement.startIndex, { kind: 'value', node: { kind: 'unknown' } });
        // Used once here, it is still a guess: another module may import it and use it up first
        // (pytest collects scipy's optimize tests, which import csgraph's cases, before csgraph's).
        else scope.guessBindings(target, statement.startIndex + 1);
        continue;
      }
      // One scan of the body finds every name that is appended to, item-assigned or augmented in a
      // loop; not in function bodies (blanked, unless the file was parsed whole): they run later, if ever.
      if (!mutated) {
        let skipped: SyntaxNode[] | undefined; // read on the first match only: most bodies have none
        const within = (index: number): boolean => (skipped ??= [...branches, ...functionsIn(body)]).some((b) => index >= b.startIndex - body.startIndex && index < b.endIndex - body.startIndex);
        mutated = mutatedNames((text ??= body.text), (index) => augmented.has(index) || within(index));
      }
      if (mutated.has(target)) scope.bind(target, statement.startIndex, { kind: 'value', node: { kind: 'unknown' } });
    }
  }
}

/** The function definitions of a module or class body, methods of its classes included. */
function functionsIn(body: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (const statement of body.namedChildren) {
    const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition') found.push(definition);
    else if (definition?.type === 'class_definition') {
      const classBody = definition.childForFieldName('body');
      if (classBody) found.push(...functionsIn(classBody));
    }
  }
  return found;
}

/** After a name: an item assignment, a mutating method call or an augmented assignment. */
export const MUTATING_USE = String.raw`\s*(?:\[[^\n]*\]\s*=[^=]|\.(?:append|extend|insert|update|setdefault|add|pop|remove|clear|sort|reverse)\(|[-+|&*]=)`;
const MUTATION = new RegExp(String.raw`(?<![\w.])([A-Za-z_]\w*)` + MUTATING_USE, 'g');

/** Names the text appends to, item-assigns or augments (`skip`: offsets of matches to ignore). */
function mutatedNames(text: string, skip?: (index: number) => boolean): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(MUTATION)) if (!skip?.(match.index)) names.add(match[1]);
  return names;
}

/** `pytest.importorskip("numpy")` → `numpy`. */
function literalModuleName(call: SyntaxNode): string | undefined {
  const first = call.childForFieldName('arguments')?.namedChild(0);
  const match = first?.type === 'string' ? /^(['"])([\w.]+)\1$/.exec(first.text) : null;
  return match?.[2];
}

/** `from ..pkg import x` → level 2, dotted `pkg`. */
export function moduleSpecOf(statement: SyntaxNode): ModuleSpec | undefined {
  const text = statement.childForFieldName('module_name')?.text;
  if (text === undefined) return undefined;
  const level = /^\.*/.exec(text)![0].length;
  return { level, dotted: text.slice(level) };
}

/** The names an `import` or `from … import` statement binds, bound at `at`. */
export function bindImport(statement: SyntaxNode, scope: Scope, at: number): void {
  if (statement.type === 'import_statement') {
    for (const child of statement.namedChildren) {
      if (child?.type === 'dotted_name') scope.bind(child.text.split('.')[0], at, { kind: 'module', dotted: child.text.split('.')[0] });
      else if (child?.type === 'aliased_import') {
        const alias = child.childForFieldName('alias')?.text;
        const dotted = child.childForFieldName('name')?.text;
        if (alias) scope.bind(alias, at, { kind: 'module', dotted });
      }
    }
    return;
  }
  const moduleNode = statement.childForFieldName('module_name');
  const from = moduleSpecOf(statement);
  for (const child of statement.namedChildren) {
    if (!child || child.startIndex === moduleNode?.startIndex) continue;
    if (child.type === 'dotted_name') scope.bind(child.text, at, { kind: 'import', importedName: child.text, from });
    else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name')?.text ?? '';
      const alias = child.childForFieldName('alias')?.text ?? name;
      scope.bind(alias, at, { kind: 'import', importedName: name, from });
    }
  }
}

/** `NAME = value` and `NAME: T = value` (chained `a = b = v` binds both). */
function assignments(statement: SyntaxNode): [string, SyntaxNode][] {
  const result: [string, SyntaxNode][] = [];
  let assignment = statement.namedChild(0);
  const targets: string[] = [];
  while (assignment?.type === 'assignment') {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier') targets.push(left.text);
    if (right?.type === 'assignment') {
      assignment = right;
      continue;
    }
    if (right) for (const target of targets) result.push([target, right]);
    break;
  }
  return result;
}

function assignmentsIn(body: SyntaxNode | null): Map<string, SyntaxNode> {
  const members = new Map<string, SyntaxNode>();
  for (const statement of body?.namedChildren ?? []) {
    if (statement?.type === 'expression_statement') for (const [name, value] of assignments(statement)) members.set(name, value);
  }
  return members;
}
