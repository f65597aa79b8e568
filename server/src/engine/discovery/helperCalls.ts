// Calls of a module's own helper functions in decorators: `parametrize("a,b", cases(SIZES))`.
// A small interpreter runs the helper's body on values known statically: assignments, `for`,
// `if`/`elif`/`else`, `append`/`extend`, `return` and `yield`. Anything else (a `while`, a `try`,
// a call that may change a list it tracks, a condition it cannot decide) gives up: the caller
// then treats the call as unknown, as before.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { callArguments } from '../model/syntax';
import { truth } from './conditions';
import { Element, evaluate, isComputed, PyValue } from './pyValues';
import { bindImport, Scope } from './scope';
import { bindTarget, evaluateSequence, materialize } from './sequences';

const MAX_CALL_DEPTH = 4;
/** Statements run per call, loops included: a helper that runs longer is not worth it statically. */
const MAX_STEPS = 50_000;
const MAX_ITEMS = 20_000;
const UNKNOWN: PyValue = { kind: 'unknown' };

class GiveUp extends Error {}

/** What running a block ended with. */
type Flow = 'next' | 'break' | 'continue' | 'return';

class Frame {
  steps = 0;
  returned: PyValue = { kind: 'none' };
  readonly yielded: Element[] = [];

  constructor(
    readonly scope: Scope,
    readonly depth: number,
  ) {}

  run(block: SyntaxNode): Flow {
    for (const statement of block.namedChildren) {
      if (!statement || statement.type === 'comment') continue;
      const flow = this.statement(statement);
      if (flow !== 'next') return flow;
    }
    return 'next';
  }

  private statement(node: SyntaxNode): Flow {
    if (++this.steps > MAX_STEPS) throw new GiveUp();
    switch (node.type) {
      case 'expression_statement':
        this.expression(node.namedChild(0));
        return 'next';
      case 'return_statement': {
        const value = node.namedChild(0);
        this.returned = value ? valueOf(value, this.scope, this.depth) : { kind: 'none' };
        return 'return';
      }
      case 'for_statement':
        return this.loop(node);
      case 'if_statement':
        return this.branch(node);
      case 'import_statement':
      case 'import_from_statement':
        bindImport(node, this.scope, -1); // `import pytest` inside the helper
        return 'next';
      case 'pass_statement':
        return 'next';
      case 'break_statement':
        return 'break';
      case 'continue_statement':
        return 'continue';
      default:
        throw new GiveUp(); // while, try, with, raise, nested defs, imports, global…
    }
  }

  private expression(node: SyntaxNode | null): void {
    if (!node || node.type === 'string' || node.type === 'concatenated_string') return; // a docstring
    switch (node.type) {
      case 'assignment': {
        const target = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!target || !right || right.type === 'assignment') throw new GiveUp(); // `x: int = 1` is fine
        if (!bindTarget(target, valueOf(right, this.scope, this.depth), this.scope, this.depth)) throw new GiveUp();
        return;
      }
      case 'augmented_assignment':
        return this.augment(node);
      case 'yield':
        return this.yieldOf(node);
      case 'call':
        return this.call(node);
      default:
        throw new GiveUp();
    }
  }

  /** `rows += [...]` extends the list in place; `n += 1` rebinds. */
  private augment(node: SyntaxNode): void {
    const target = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (target?.type !== 'identifier' || !right) throw new GiveUp();
    const current = this.scope.lookup(target.text, Number.MAX_SAFE_INTEGER);
    const list = current?.kind === 'value' && isComputed(current.node) && current.node.kind === 'list' ? current.node : undefined;
    const operator = node.childForFieldName('operator')?.text;
    if (list && operator === '+=') return this.extend(list, right);
    if (operator !== '+=' && operator !== '-=') throw new GiveUp();
    const before = evaluate(target, this.scope);
    const step = evaluate(right, this.scope);
    let after: PyValue = UNKNOWN;
    if (before.kind === 'int' && step.kind === 'int') after = { kind: 'int', value: operator === '+=' ? before.value + step.value : before.value - step.value };
    else if (before.kind === 'str' && step.kind === 'str' && operator === '+=') after = { kind: 'str', value: before.value + step.value };
    this.scope.bind(target.text, -1, { kind: 'value', node: after });
  }

  private yieldOf(node: SyntaxNode): void {
    const value = node.namedChild(0);
    if (!value) this.yielded.push({ kind: 'none' });
    else if (node.children.some((c) => c?.type === 'from')) {
      const items = evaluateSequence(value, this.scope, this.depth);
      if (!items) throw new GiveUp();
      this.yielded.push(...items.map((item) => materialize(item, this.scope, this.depth)));
    } else this.yielded.push(valueOf(value, this.scope, this.depth));
    if (this.yielded.length > MAX_ITEMS) throw new GiveUp();
  }

  /** `rows.append(x)`, `rows.extend(xs)`; other calls are ignored unless they may change a list we track. */
  private call(node: SyntaxNode): void {
    const fn = node.childForFieldName('function');
    const { positional, keywords } = callArguments(node.childForFieldName('arguments'));
    const receiver = fn?.type === 'attribute' ? trackedList(fn.childForFieldName('object'), this.scope) : undefined;
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (receiver && keywords.size === 0 && positional.length === 1 && positional[0].type !== 'list_splat') {
      if (method === 'append') {
        receiver.items.push(valueOf(positional[0], this.scope, this.depth));
        if (receiver.items.length > MAX_ITEMS) throw new GiveUp();
        return;
      }
      if (method === 'extend') return this.extend(receiver, positional[0]);
    }
    // `np.random.seed(0)` changes nothing we compute; `shuffle(rows)` or `rows.sort()` would.
    if (receiver || [...positional, ...keywords.values()].some((arg) => trackedList(arg, this.scope))) throw new GiveUp();
  }

  private extend(list: { items: Element[] }, source: SyntaxNode): void {
    const items = evaluateSequence(source, this.scope, this.depth);
    if (!items) throw new GiveUp();
    list.items.push(...items.map((item) => materialize(item, this.scope, this.depth)));
    if (list.items.length > MAX_ITEMS) throw new GiveUp();
  }

  private loop(node: SyntaxNode): Flow {
    const target = node.childForFieldName('left');
    const body = node.childForFieldName('body');
    const items = evaluateSequence(node.childForFieldName('right') ?? undefined, this.scope, this.depth);
    if (!target || !body || !items) throw new GiveUp();
    for (const item of items) {
      if (!bindTarget(target, materialize(item, this.scope, this.depth), this.scope, this.depth)) throw new GiveUp();
      const flow = this.run(body);
      if (flow === 'return') return flow;
      if (flow === 'break') return 'next'; // an `else:` clause is skipped
    }
    const otherwise = node.childForFieldName('alternative');
    return otherwise ? this.run(otherwise.childForFieldName('body') ?? otherwise) : 'next';
  }

  private branch(node: SyntaxNode): Flow {
    const decide = (condition: SyntaxNode | null): boolean => {
      const outcome = truth(evaluate(condition, this.scope, this.depth));
      if (outcome === undefined) throw new GiveUp();
      return outcome;
    };
    if (decide(node.childForFieldName('condition'))) return this.run(node.childForFieldName('consequence')!);
    for (const clause of node.childrenForFieldName('alternative')) {
      if (!clause) continue;
      if (clause.type === 'elif_clause') {
        if (decide(clause.childForFieldName('condition'))) return this.run(clause.childForFieldName('consequence')!);
      } else return this.run(clause.childForFieldName('body')!);
    }
    return 'next';
  }
}

/** The list a name holds in the frame, when the interpreter built it. */
function trackedList(node: SyntaxNode | null | undefined, scope: Scope): { kind: 'list'; items: Element[] } | undefined {
  if (node?.type !== 'identifier') return undefined;
  const binding = scope.lookup(node.text, Number.MAX_SAFE_INTEGER);
  return binding?.kind === 'value' && isComputed(binding.node) && binding.node.kind === 'list' ? binding.node : undefined;
}

/**
 * A value computed now (Python evaluates eagerly): lists become `list` values the frame can change.
 * Lists are copied, not shared: a helper that appends to another name for the same list is rare.
 */
export function valueOf(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  if (node.type === 'list' || node.type === 'list_comprehension') {
    const items = evaluateSequence(node, scope, depth);
    return items ? { kind: 'list', items: items.map((item) => materialize(item, scope, depth)) } : UNKNOWN;
  }
  const value = materialize(node, scope, depth);
  // A copy: the frame may append to it, and the list may be another module's cached value.
  if (value.kind === 'list') return { kind: 'list', items: [...value.items] };
  if (value.kind !== 'object' && value.kind !== 'unknown') return value;
  const items = evaluateSequence(node, scope, depth);
  return items ? { kind: 'list', items: items.map((item) => materialize(item, scope, depth)) } : value;
}

/**
 * The plain function a call runs: one of the module (globals read as of the call), or one another
 * module defines (`from .helpers import cases`, `helpers.cases`), whose module has run to its end.
 */
function helperOf(call: SyntaxNode, scope: Scope, depth: number): { node: SyntaxNode; scope: Scope; callAt: number } | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier' && callee?.type !== 'attribute') return undefined;
  const binding = callee.type === 'identifier' ? scope.lookup(callee.text, call.startIndex) : undefined;
  if (binding?.kind === 'function') {
    if (binding.decorated || !binding.node || !binding.scope) return undefined;
    return { node: binding.node, scope: binding.scope, callAt: scope.offsetIn(binding.scope, call.startIndex) };
  }
  const imported = callee.type === 'attribute' || binding?.kind === 'import';
  const value = imported ? evaluate(callee, scope, depth) : undefined;
  const found = value?.kind === 'named' && value.home ? scope.externalNames()?.definition(value.home, value.name) : undefined;
  return found && { ...found, callAt: Number.MAX_SAFE_INTEGER };
}

/** Whether a definition's body yields (not counting nested functions and lambdas). */
function isGenerator(node: SyntaxNode): boolean {
  for (const child of node.namedChildren) {
    if (!child || child.type === 'function_definition' || child.type === 'lambda' || child.type === 'class_definition') continue;
    if (child.type === 'yield' || isGenerator(child)) return true;
  }
  return false;
}

/** Binds a call's arguments to the definition's parameters; false when the shapes do not fit. */
function bindParameters(definition: SyntaxNode, call: SyntaxNode, caller: Scope, frame: Scope, defaults: Scope): boolean {
  const { positional, keywords } = callArguments(call.childForFieldName('arguments'));
  if (positional.some((p) => p.type === 'list_splat' || p.type === 'dictionary_splat')) return false;
  const used = new Set<string>();
  let index = 0;
  let extraKeywords = false;
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter || parameter.type === 'comment') continue;
    if (parameter.type === 'keyword_separator' || parameter.type === 'positional_separator') continue;
    // `*args` (maybe typed) takes the remaining positional arguments; `**kwargs` the other keywords.
    const splat = parameter.type === 'typed_parameter' ? parameter.namedChild(0) : parameter;
    if (splat?.type === 'list_splat_pattern' || splat?.type === 'dictionary_splat_pattern') {
      const splatName = splat.namedChildren.find((c) => c?.type === 'identifier');
      if (!splatName) return false;
      if (splat.type === 'list_splat_pattern') {
        frame.bind(splatName.text, -1, { kind: 'value', node: { kind: 'tuple', items: positional.slice(index).map((p) => valueOf(p, caller, 0)) } });
        index = positional.length;
      } else {
        frame.bind(splatName.text, -1, { kind: 'value', node: { kind: 'object' } });
        extraKeywords = true;
      }
      continue;
    }
    const name = parameter.type === 'identifier' ? parameter : parameter.childForFieldName('name') ?? parameter.namedChildren.find((c) => c?.type === 'identifier');
    if (!name || name.type !== 'identifier' || parameter.type.includes('splat')) return false;
    const given = index < positional.length ? positional[index++] : keywords.get(name.text);
    if (given) used.add(name.text);
    const fallback = parameter.childForFieldName('value');
    if (given) frame.bind(name.text, -1, { kind: 'value', node: valueOf(given, caller, 0) });
    else if (fallback) frame.bind(name.text, -1, { kind: 'value', node: valueOf(fallback, defaults, 0) });
    else return false;
  }
  return index === positional.length && (extraKeywords || [...keywords.keys()].every((k) => used.has(k)));
}

/**
 * What a plain module function returns for `values` passed positionally, as pytest calls an
 * `ids=` function with each parameter value (its globals as of the end of the module); undefined
 * when its parameters do not fit or its body cannot be run statically.
 */
export function callFunctionWith(node: SyntaxNode, scope: Scope, values: PyValue[], depth: number): PyValue | undefined {
  if (depth > MAX_CALL_DEPTH) return undefined;
  const definition = scope.functionSources()?.definition(node);
  const body = definition?.childForFieldName('body');
  if (!definition || !body || definition.children.some((c) => c?.type === 'async') || isGenerator(body)) return undefined;
  const frame = new Frame(new Scope(scope, Number.MAX_SAFE_INTEGER), depth + 1);
  const defaults = new Scope(scope, node.startIndex);
  let index = 0;
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter || parameter.type === 'comment') continue;
    const name = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? (parameter.type === 'typed_parameter' ? parameter.namedChild(0) : null));
    if (name?.type !== 'identifier') return undefined; // `*args`, `**kwargs`, separators
    const fallback = parameter.childForFieldName('value');
    if (index < values.length) frame.scope.bind(name.text, -1, { kind: 'value', node: values[index++] });
    else if (fallback) frame.scope.bind(name.text, -1, { kind: 'value', node: valueOf(fallback, defaults, 0) });
    else return undefined;
  }
  if (index !== values.length) return undefined;
  try {
    frame.run(body);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  return frame.returned;
}

/**
 * The value a call of a module helper returns (for a generator: the list of what it yields), or
 * undefined when the callee is not such a helper or its body cannot be run statically.
 */
export function callHelper(call: SyntaxNode, scope: Scope, depth: number): PyValue | undefined {
  if (depth > MAX_CALL_DEPTH) return undefined;
  const target = helperOf(call, scope, depth);
  if (!target) return undefined;
  const definition = target.scope.functionSources()?.definition(target.node);
  const body = definition?.childForFieldName('body');
  if (!definition || !body || definition.children.some((c) => c?.type === 'async')) return undefined;
  const frame = new Frame(new Scope(target.scope, target.callAt), depth + 1);
  if (!bindParameters(definition, call, scope, frame.scope, new Scope(target.scope, target.node.startIndex))) return undefined;
  try {
    frame.run(body);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  return isGenerator(body) ? { kind: 'list', items: frame.yielded } : frame.returned;
}
