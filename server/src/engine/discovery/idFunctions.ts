// `ids=` given as a callable: pytest calls it with each parameter value and uses what it returns
// (a `None` falls back to the value's own id). A lambda, a plain function of the module, `str` and
// str methods (`str.upper`) are run statically on the values discovery knows; anything else stays
// unknown.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { callFunctionWith } from './helperCalls';
import { reprText } from './formatSpec';
import { evaluate, PyValue, strOf, unboundStrMethod } from './pyValues';
import { Scope } from './scope';

/** What the callable returns for one value (`unknown` when that needs running code). */
export type IdFunction = (value: PyValue) => PyValue;

const UNKNOWN: PyValue = { kind: 'unknown' };
const MAX_HOPS = 4;

/** The callable an `ids=` expression names, when discovery can run it. */
export function idFunctionOf(node: SyntaxNode, scope: Scope): IdFunction | undefined {
  let target = node;
  let targetScope = scope;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (target.type === 'lambda') return lambdaFunction(target, targetScope);
    // `ids=str.upper`: a str method, called with the value as its `self`.
    if (target.type === 'attribute' && target.childForFieldName('object')?.text === 'str' && !targetScope.lookup('str', target.startIndex)) {
      return unboundStrMethod(target.childForFieldName('attribute')?.text ?? '');
    }
    if (target.type !== 'identifier') return undefined;
    const binding = targetScope.lookup(target.text, target.startIndex);
    if (!binding) return builtinIdFunction(target.text);
    if (binding.kind === 'function') {
      const { node: definition, scope: home } = binding;
      if (binding.decorated || !definition || !home) return undefined;
      return (value) => callFunctionWith(definition, home, [value], 0) ?? UNKNOWN;
    }
    // `make_id = lambda v: ...` at module level.
    if (binding.kind !== 'value' || !('type' in binding.node)) return undefined;
    target = binding.node;
    targetScope = binding.scope ?? targetScope;
  }
  return undefined;
}

/** `ids=str`, `ids=repr`, `ids=ascii`: the builtin's text of each value. */
function builtinIdFunction(name: string): IdFunction | undefined {
  if (name === 'str') return strOf;
  if (name !== 'repr' && name !== 'ascii') return undefined;
  return (value) => {
    const text = reprText(value, name === 'ascii');
    return text === undefined ? UNKNOWN : { kind: 'str', value: text };
  };
}

/** `lambda v: <expression>` with one parameter; its names are the module's as of the end of the import. */
function lambdaFunction(node: SyntaxNode, scope: Scope): IdFunction | undefined {
  const parameters = (node.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p?.type !== 'comment');
  const body = node.childForFieldName('body');
  if (parameters.length !== 1 || parameters[0]?.type !== 'identifier' || !body) return undefined;
  const name = parameters[0].text;
  return (value) => {
    const frame = new Scope(scope, Number.MAX_SAFE_INTEGER);
    frame.bind(name, -1, { kind: 'value', node: value });
    return evaluate(body, frame, 1);
  };
}
