import type { Node as SyntaxNode } from 'web-tree-sitter';
import { dottedName, walkScope } from '../../model/syntax';
import type { PytestFile } from '../../model/types';
import { rangeOf } from '../../text/positions';
import { allFunctionDefinitions, enclosingClass, isAsyncDefinition } from '../support/functions';
import { qualifiedName } from '../support/qualifiedName';
import { snippet } from '../support/snippet';
import type { PythonRule } from '../types';

/** AsyncMock's own synchronous API: calling these returns no coroutine. */
const MOCK_API = /^(?:assert_\w+|reset_mock|configure_mock|attach_mock|mock_add_spec|_mock_\w+|called|call_count|call_args)$/;

/** PP505 — a coroutine is created by a bare call and never awaited, so its body never runs. */
export const unawaitedCoroutine: PythonRule = {
  meta: {
    code: 'PP505',
    name: 'unawaited-coroutine',
    summary: 'A call to an `async def` function, an `AsyncMock` or `asyncio.sleep` is neither awaited nor passed on.',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, report }) {
    const moduleAsync = new Set([...file.moduleFunctions].filter(([, node]) => isPlainCoroutineFunction(node)).map(([name]) => name));
    // Read once per class: reading them for each method made a class of n methods cost n² (scipy's
    // test classes: seconds of a `check`).
    const asyncMethodsByClass = new Map<number, Set<string>>();
    for (const definition of allFunctionDefinitions(file.root)) {
      const body = definition.childForFieldName('body');
      if (!body) continue;
      const cls = enclosingClass(definition);
      let asyncMethods = cls ? asyncMethodsByClass.get(cls.id) : undefined;
      if (cls && !asyncMethods) asyncMethodsByClass.set(cls.id, (asyncMethods = asyncMethodsOf(cls)));
      const scope = scopeOf(file, body, moduleAsync, asyncMethods ?? new Set());
      walkScope(body, (node) => {
        if (node.type !== 'expression_statement') return;
        const call = node.namedChild(0);
        if (call?.type !== 'call' || !isCoroutineCall(file, call, scope) || insideExpectation(file, node, body)) return;
        const isAsync = isAsyncDefinition(definition);
        const at = rangeOf(call).start;
        report({
          range: rangeOf(call),
          message:
            `\`${snippet(call)}\` creates a coroutine that is never awaited, so its body never runs.` +
            (isAsync ? ' Add `await`.' : ' Await it from an async test.'),
          fixes: isAsync ? [{ title: 'Add `await`', edits: [{ range: { start: at, end: at }, newText: 'await ' }], safe: true }] : undefined,
        });
      });
    }
  },
};

interface Scope {
  /** Names that call an `async def` here: module-level and locally defined coroutine functions. */
  asyncFunctions: Set<string>;
  /** Async methods of the enclosing class, called as `self.name(...)`. */
  asyncMethods: Set<string>;
  /** Local variables holding an `AsyncMock`. */
  asyncMocks: Set<string>;
}

/** The names of a class's `async def` methods (the functions whose enclosing class it is). */
function asyncMethodsOf(cls: SyntaxNode): Set<string> {
  const names = new Set<string>();
  for (const method of cls.childForFieldName('body')?.descendantsOfType('function_definition') ?? []) {
    if (method && enclosingClass(method)?.id === cls.id && isPlainCoroutineFunction(method)) names.add(method.childForFieldName('name')!.text);
  }
  return names;
}

function scopeOf(file: PytestFile, body: SyntaxNode, moduleAsync: Set<string>, asyncMethods: Set<string>): Scope {
  const scope: Scope = { asyncFunctions: new Set(moduleAsync), asyncMethods, asyncMocks: new Set() };
  walkScope(body, (node) => {
    if (node.type === 'function_definition') {
      const name = node.childForFieldName('name')!.text;
      if (isPlainCoroutineFunction(node)) scope.asyncFunctions.add(name);
      else scope.asyncFunctions.delete(name);
    } else if (node.type === 'assignment' && node.childForFieldName('left')?.type === 'identifier') {
      const name = node.childForFieldName('left')!.text;
      scope.asyncFunctions.delete(name);
      if (isAsyncMock(file, node.childForFieldName('right'))) scope.asyncMocks.add(name);
    } else if (node.type === 'as_pattern') {
      const alias = node.childForFieldName('alias')?.namedChild(0);
      if (alias?.type === 'identifier' && isAsyncMockContext(file, node.namedChild(0))) scope.asyncMocks.add(alias.text);
    }
  });
  return scope;
}

/**
 * Inside `with pytest.raises(...)` / `self.assertWarns(...)` / `check_warnings(...)` the bare call is
 * the point: binding bad arguments raises at once, and "never awaited" is the warning under test.
 */
const EXPECTATIONS = /(?:^|\.)(?:raises|warns|deprecated_call|assert(?:Raises|Warns)(?:Regex)?|check_warnings|catch_warnings)$/;

function insideExpectation(file: PytestFile, node: SyntaxNode, body: SyntaxNode): boolean {
  for (let n = node.parent; n && n.id !== body.id; n = n.parent) {
    if (n.type !== 'with_statement') continue;
    const clause = n.namedChildren.find((c) => c?.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      let value = item?.childForFieldName('value') ?? null;
      if (value?.type === 'as_pattern') value = value.namedChild(0);
      if (value?.type === 'call' && EXPECTATIONS.test(qualifiedName(file, value) ?? '')) return true;
    }
  }
  return false;
}

/**
 * An `async def` whose call surely returns a coroutine: undecorated, or decorated with pytest marks
 * only. Other decorators may wrap it into something else (`@asynccontextmanager`, `@async_to_sync`,
 * trio's `@trio_test`, `@pytest_asyncio.fixture`).
 */
function isPlainCoroutineFunction(definition: SyntaxNode): boolean {
  if (!isAsyncDefinition(definition)) return false;
  const outer = definition.parent?.type === 'decorated_definition' ? definition.parent : undefined;
  const decorators = outer?.namedChildren.filter((c) => c?.type === 'decorator') ?? [];
  return decorators.every((d) => /^@\s*pytest\.mark\./.test(d!.text));
}

function isAsyncMock(file: PytestFile, value: SyntaxNode | null): boolean {
  return value?.type === 'call' && /(?:^|\.)AsyncMock$/.test(qualifiedName(file, value) ?? '');
}

/** `patch(..., new_callable=AsyncMock)` / `patch.object(..., new=AsyncMock())` as a context manager. */
function isAsyncMockContext(file: PytestFile, value: SyntaxNode | null): boolean {
  if (value?.type !== 'call' || !/(?:^|\.)patch(?:\.object)?$/.test(qualifiedName(file, value) ?? '')) return false;
  return /\bnew_callable\s*=\s*(?:\w+\.)*AsyncMock\b|\bnew\s*=\s*(?:\w+\.)*AsyncMock\s*\(/.test(value.childForFieldName('arguments')?.text ?? '');
}

function isCoroutineCall(file: PytestFile, call: SyntaxNode, scope: Scope): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  if (qualifiedName(file, call) === 'asyncio.sleep') return true;
  if (fn.type === 'identifier') return scope.asyncFunctions.has(fn.text) || scope.asyncMocks.has(fn.text);
  if (fn.type !== 'attribute') return false;
  const object = fn.childForFieldName('object');
  const attribute = fn.childForFieldName('attribute')?.text ?? '';
  if (object?.type !== 'identifier') return false;
  if (object.text === 'self' && scope.asyncMethods.has(attribute)) return true;
  return scope.asyncMocks.has(object.text) && !MOCK_API.test(attribute) && dottedName(fn) !== undefined;
}
