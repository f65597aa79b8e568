// Static evaluation of the Python expressions that appear as parametrize values, as far as the
// value's parametrize id depends on them. Anything that needs running code is `unknown`.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { callArguments, dottedName } from '../model/syntax';
import type { Binding, Scope } from './scope';
import { evaluateFString, hasFString } from './fStrings';
import { evaluateComparison, evaluateBoolean, truth } from './conditions';
import { dataclassInstance } from './dataclassValues';
import { callHelper } from './helperCalls';
import { numpyDtype, numpyType } from './numpyTypes';
import { compareCodePoints, compareNumbers, dictGet, dictValue, evaluateSequence, materialize, sliceBounds, subscriptElement } from './sequences';
import { stdlibFunctionName } from './stdlibFunctions';
import { stdlibEnumMember } from './stdlibEnums';
import { returnsUnnamedObject } from './stdlibObjects';
import { canonicalMember, enumKindOf, memberLookup } from './enumClasses';
import { idFromValue } from './nodeIds';
import { formatMethod, percentFormat, strIndex, strMethodWithArguments, strSlice } from './strFormatting';
import { decodeStringLiteral, evaluateNumber } from './pyLiterals';
import { floatArithmetic, intArithmetic, intOf, roundOf } from './pyNumbers';
import { strText } from './formatSpec';

export type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: number[] }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex'; real: number; imag: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  /**
   * Has a `__name__` (class, function, lambda): pytest uses the name. `guess` when not certain.
   * `home`: the file of another module that defines it as a plain function, so a call can run it.
   * `identity`: the one object it is (`operator.pow`), for `is` tests.
   */
  | { kind: 'named'; name: string; guess?: boolean; home?: string; identity?: string }
  /** `str()` of an enum member; `name` and `value` (its definition) when it is a member of a class of the module. */
  | { kind: 'enum'; text: string; guess?: boolean; name?: string; value?: () => PyValue }
  /** A compiled regular expression: pytest uses its pattern. */
  | { kind: 'pattern'; source: string }
  | { kind: 'tuple'; items: Element[] }
  /** Certainly an object without its own id (list, dict, set…): pytest falls back to argname+index. */
  | { kind: 'object' }
  /** An object of a `@dataclass` of the module (no id of its own, like `object`), with its fields' values. */
  | { kind: 'instance'; fields: Map<string, PyValue> }
  /** A list a helper built (its items known): to pytest an object like any other list. */
  | { kind: 'list'; items: Element[] }
  /** A dict display read from another module (`np.typecodes`): subscripts and views reach its items. */
  | { kind: 'dict'; entries: [PyValue, PyValue][] }
  /** A set whose items are known, for `in` tests only: its iteration order is not Python's. */
  | { kind: 'set'; items: PyValue[] }
  /** `pytest.param(...)` computed by a helper: its values (undefined after a `*` splat), id and marks. */
  | { kind: 'param'; values?: Element[]; id?: PyValue; hidden?: boolean; marks: string[] }
  /** Depends on code we do not run. */
  | { kind: 'unknown' };

/** A value still as syntax, or already computed (from `range()`, `product()`…). */
export type Element = SyntaxNode | PyValue;

export function isComputed(element: Element): element is PyValue {
  return (element as PyValue).kind !== undefined;
}

const UNKNOWN: PyValue = { kind: 'unknown' };
const OBJECT: PyValue = { kind: 'object' };
const MAX_DEPTH = 8;

// Builtins whose `__name__` is their own name (types and functions).
const BUILTIN_NAMED = new Set(
  ('int float complex str bytes bytearray bool list dict set frozenset tuple object type range slice ' +
    'len print repr abs min max sum any all sorted reversed iter next map filter zip enumerate isinstance ' +
    'callable getattr setattr hasattr id hash hex oct bin ord chr round divmod pow format vars dir open ' +
    'Exception BaseException ValueError TypeError KeyError IndexError AttributeError RuntimeError ' +
    'NotImplementedError ZeroDivisionError OSError FileNotFoundError PermissionError StopIteration ' +
    'AssertionError LookupError ArithmeticError OverflowError ImportError ModuleNotFoundError ' +
    'UnicodeDecodeError UnicodeEncodeError TimeoutError ConnectionError RecursionError MemoryError ' +
    'NameError SyntaxError Warning UserWarning DeprecationWarning RuntimeWarning FutureWarning').split(' '),
);
const OBJECT_BUILTINS = new Set('iter list dict set frozenset tuple bytearray enumerate zip map filter reversed sorted'.split(' '));
const MODULE_CONSTANTS: Record<string, PyValue> = {
  'math.inf': { kind: 'float', value: Infinity },
  'math.nan': { kind: 'float', value: NaN },
  'math.pi': { kind: 'float', value: Math.PI },
  'math.e': { kind: 'float', value: Math.E },
  'math.tau': { kind: 'float', value: 2 * Math.PI },
  'sys.maxsize': { kind: 'int', value: 9223372036854775807n },
  'numpy.inf': { kind: 'float', value: Infinity },
  'numpy.nan': { kind: 'float', value: NaN },
  'numpy.pi': { kind: 'float', value: Math.PI },
  'numpy.e': { kind: 'float', value: Math.E },
};
/** `np.inf` → `numpy.inf`: the usual aliases of modules whose constants appear in ids. */
function aliasFree(dotted: string): string {
  return dotted.replace(/^np\./, 'numpy.');
}


export function evaluate(node: Element | null | undefined, scope: Scope, depth = 0): PyValue {
  if (!node || depth > MAX_DEPTH) return UNKNOWN;
  if (isComputed(node)) return node;
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
      return evaluateString(node, scope, depth);
    case 'integer':
    case 'float':
      return evaluateNumber(node.text);
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return { kind: 'none' };
    case 'parenthesized_expression':
      return evaluate(node.namedChildren.find((c) => c?.type !== 'comment'), scope, depth + 1);
    case 'unary_operator':
      return evaluateUnary(node, scope, depth);
    case 'binary_operator':
      return evaluateBinary(node, scope, depth);
    case 'augmented_assignment': // a name bound by `x += y` (see scopeOf): `x + y`, x as it was before
      return evaluateBinary(node, scope, depth, node.childForFieldName('operator')?.text.slice(0, -1));
    case 'lambda':
      return { kind: 'named', name: '<lambda>' };
    case 'tuple':
    case 'expression_list': // `return a, b`, `yield a, b`
      return { kind: 'tuple', items: node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') };
    case 'list':
    case 'dictionary':
    case 'set':
    case 'list_comprehension':
    case 'dictionary_comprehension':
    case 'set_comprehension':
    case 'ellipsis':
      return OBJECT;
    case 'generator_expression':
      // Generator objects carry a `__name__`.
      return { kind: 'named', name: '<genexpr>' };
    case 'identifier':
      return evaluateName(node, scope, depth);
    case 'attribute':
      return evaluateAttribute(node, scope, depth);
    case 'call':
      return evaluateCall(node, scope, depth);
    case 'comparison_operator':
      return evaluateComparison(node, scope, depth);
    case 'boolean_operator':
    case 'not_operator':
      return evaluateBoolean(node, scope, depth);
    case 'conditional_expression': {
      // `a if condition else b`: the branch a known condition picks.
      const [then, condition, otherwise] = node.namedChildren.filter((c) => c?.type !== 'comment');
      const outcome = truth(evaluate(condition, scope, depth + 1));
      return outcome === undefined ? UNKNOWN : evaluate(outcome ? then : otherwise, scope, depth + 1);
    }
    case 'subscript': {
      const found = subscriptElement(node, scope, depth + 1);
      if (found) return evaluate(found.element, found.scope, depth + 1);
      const member = memberLookup(node, scope, depth); // `Color["RED"]`: no container
      return member ? classAttribute(member.binding, member.className, member.member, scope, depth) : strSubscript(node, scope, depth);
    }
    default:
      return UNKNOWN;
  }
}

function evaluateName(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  const text = node.text; // read once: each read crosses into wasm
  const binding = scope.lookup(text, node.startIndex);
  if (!binding) return BUILTIN_NAMED.has(text) ? { kind: 'named', name: text } : text === 'Ellipsis' || text === 'NotImplemented' ? OBJECT : UNKNOWN;
  switch (binding.kind) {
    case 'function':
    case 'class':
      return { kind: 'named', name: text };
    case 'value':
      return evaluate(binding.node, binding.scope ?? scope, depth + 1);
    case 'import': {
      // Followed into the module's source when it can be read.
      const numpyClass = binding.from?.level === 0 ? numpyType(binding.from.dotted, binding.importedName) : undefined;
      if (numpyClass) return numpyClass;
      const resolved = binding.from ? scope.externalNames()?.imported(binding.from, binding.importedName) : undefined;
      if (resolved) return resolved;
      const stdlib = binding.from?.level === 0 ? stdlibFunctionName(binding.from.dotted, binding.importedName) : undefined;
      if (stdlib) return { kind: 'named', name: stdlib, identity: `${binding.from!.dotted}.${stdlib}` };
      // An imported CamelCase or lowercase name is usually a class or function; ALL_CAPS a constant.
      return /^[A-Z0-9_]+$/.test(binding.importedName) && /[A-Z]/.test(binding.importedName)
        ? UNKNOWN
        : { kind: 'named', name: binding.importedName, guess: true };
    }
    default:
      return UNKNOWN;
  }
}

function evaluateAttribute(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  const dotted = dottedName(node);
  if (!dotted) return UNKNOWN;
  const constant = MODULE_CONSTANTS[dotted];
  if (constant) return constant;
  // `HTTPStatus.OK`, also imported under another name: members are ALL_CAPS.
  if (/\.[A-Z][A-Z0-9_]*$/.test(dotted)) {
    const member = stdlibEnumMember(node, scope);
    if (member) return member;
  }
  const objectNode = node.childForFieldName('object');
  const member = node.childForFieldName('attribute')?.text ?? '';
  if (member === '__name__' && objectNode) {
    // `func.__name__` (a helper's `id=func.__name__`): a str when the function is known for
    // certain; a decorated one's name is only likely, so it stays a guess.
    const owner = evaluate(objectNode, scope, depth + 1);
    if (owner.kind !== 'named') return UNKNOWN;
    return owner.guess ? { kind: 'named', name: owner.name, guess: true } : { kind: 'str', value: owner.name };
  }
  const binding = objectNode?.type === 'identifier' ? scope.lookup(objectNode.text, node.startIndex) : undefined;
  // `case.name` of a dataclass object (`ids=lambda case: case.name`); `Color.RED.value`.
  if (objectNode && (objectNode.type === 'call' || objectNode.type === 'attribute' || binding?.kind === 'value')) {
    const owner = evaluate(objectNode, scope, depth + 1);
    if (owner.kind === 'instance') return owner.fields.get(member) ?? UNKNOWN;
    // `color.name`, `color.value` of a member of an Enum class of the module (`ids=lambda c: c.name`).
    if (owner.kind === 'enum' && owner.name !== undefined && (member === 'name' || member === 'value')) return member === 'name' ? { kind: 'str', value: owner.name } : (owner.value?.() ?? UNKNOWN);
  }
  // `Frame('N').x`, `cases[0].value`: an attribute of a computed object is rarely a function or class.
  if (objectNode?.type === 'call' || objectNode?.type === 'subscript') return UNKNOWN;
  if (!binding || binding.kind === 'module' || binding.kind === 'import') {
    const known = MODULE_CONSTANTS[`${aliasFree(dotted)}`];
    if (known) return known;
    const module = binding?.kind === 'module' ? binding.dotted : undefined;
    const stdlib = module ? stdlibFunctionName(module, member) : undefined;
    if (stdlib) return { kind: 'named', name: stdlib, identity: `${module}.${stdlib}` };
    const numpyClass = module ? numpyType(module, member) : undefined;
    if (numpyClass) return numpyClass;
    // `nx.binomial_graph`: followed into the module's source (an alias of `gnp_random_graph`).
    const resolved = binding?.kind === 'module' && binding.dotted ? scope.externalNames()?.attribute(binding.dotted, member) : undefined;
    if (resolved) return resolved;
    // `S.One`: a Capitalized attribute of an imported class is usually a value without `__name__`
    // (pytest's fallback `argname<index>` is then the likeliest id); `Matrix.det` is a method.
    if (binding?.kind === 'import' && /^[A-Z]/.test(binding.importedName) && /^[A-Z][a-z]/.test(member)) return UNKNOWN;
    // `nx.DiGraph`, `operator.le`: module attributes are mostly classes and functions (their
    // `__name__` is the attribute); ALL_CAPS ones are constants.
    if (!/^[A-Z0-9_]+$/.test(member)) return { kind: 'named', name: member, guess: true };
    // `Color.RED` with `Color` imported: most likely an Enum member.
    if (binding?.kind === 'import' && /^[A-Z][a-z]/.test(objectNode!.text)) return { kind: 'enum', text: `${binding.importedName}.${member}`, guess: true };
    return UNKNOWN;
  }
  if (binding?.kind === 'class') return classAttribute(binding, objectNode!.text, member, scope, depth);
  return UNKNOWN;
}

type ClassBinding = Extract<Binding, { kind: 'class' }>;

/** `Color.RED` of a class of the module: an enum member as pytest ids it, or a class attribute's value. */
export function classAttribute(binding: ClassBinding, className: string, member: string, scope: Scope, depth: number): PyValue {
  const value = binding.members.get(member);
  const kind = enumKindOf(binding, scope);
  if (kind === 'plain') {
    // An alias shows its canonical member's name (`str()` and `.name` alike).
    const canonical = canonicalMember(binding, member, scope, depth);
    return { kind: 'enum', text: `${className}.${canonical.name}`, name: canonical.name, guess: !canonical.certain || undefined, value: () => (value ? evaluate(value, scope, depth + 1) : UNKNOWN) };
  }
  if (kind === 'value') {
    const evaluated = value ? evaluate(value, scope, depth + 1) : UNKNOWN;
    if (evaluated.kind === 'int') return { kind: 'enum', text: evaluated.value.toString(), name: member, value: () => evaluated };
    if (evaluated.kind === 'str') return evaluated;
    return UNKNOWN;
  }
  const evaluated = value ? evaluate(value, scope, depth + 1) : UNKNOWN;
  if (kind === 'none') return evaluated;
  // A base from elsewhere may make the class an Enum: `Class.MEMBER` when a base says so, else
  // the value's own id (a Django `TextChoices` member ids as its value), both only likely. A
  // container stays one: `Cases.ROWS` is far likelier a list of cases than an Enum member.
  if (binding.bases.some((base) => /Enum|Flag/.test(base))) return { kind: 'enum', text: `${className}.${member}`, name: member, guess: true };
  if (evaluated.kind === 'tuple' || evaluated.kind === 'list' || evaluated.kind === 'dict' || evaluated.kind === 'set') return evaluated;
  const text = idFromValue(evaluated);
  return text === undefined ? UNKNOWN : { kind: 'enum', text, guess: true };
}

function evaluateCall(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  const callee = dottedName(node.childForFieldName('function'));
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (callee === 'float' && args.length === 1) {
    const arg = evaluate(args[0], scope, depth + 1);
    if (arg.kind === 'str') {
      const text = arg.value.trim().toLowerCase();
      if (/^[+-]?(inf|infinity)$/.test(text)) return { kind: 'float', value: text.startsWith('-') ? -Infinity : Infinity };
      if (/^[+-]?nan$/.test(text)) return { kind: 'float', value: NaN };
      const parsed = Number(text.replace(/_/g, ''));
      return Number.isNaN(parsed) ? UNKNOWN : { kind: 'float', value: parsed };
    }
    if (arg.kind === 'int') return { kind: 'float', value: Number(arg.value) };
    if (arg.kind === 'float') return arg;
    return UNKNOWN;
  }
  if (callee === 're.compile' && args.length >= 1) {
    const arg = evaluate(args[0], scope, depth + 1);
    return arg.kind === 'str' ? { kind: 'pattern', source: arg.value } : UNKNOWN;
  }
  if ((callee === 'dict' || callee === 'list' || callee === 'set' || callee === 'object') && args.length === 0) return OBJECT;
  // `dict(name="a", size=1)`: a dict of str keys (a table-driven case an `ids=` callable reads).
  if (callee === 'dict' && args.every((arg) => arg.type === 'keyword_argument') && !scope.lookup('dict', node.startIndex)) {
    const entries: [PyValue, PyValue][] = args.map((arg) => [{ kind: 'str', value: arg.childForFieldName('name')?.text ?? '' }, materialize(arg.childForFieldName('value')!, scope, depth + 1)]);
    return { kind: 'dict', entries };
  }
  if ((callee === 'len' || callee === 'abs') && args.length === 1 && !scope.lookup(callee, node.startIndex)) return lengthOrAbs(callee, args[0], scope, depth);
  if (callee === 'str' && args.length === 1 && !scope.lookup('str', node.startIndex)) return strOf(materialize(args[0], scope, depth + 1));
  if (callee === 'int' && args.length === 1 && !scope.lookup('int', node.startIndex)) return intOf(evaluate(args[0], scope, depth + 1));
  if (callee === 'isinstance' && args.length === 2 && !scope.lookup('isinstance', node.startIndex)) return isinstanceOf(node, args, scope, depth);
  if (callee === 'bool' && args.length === 1 && !scope.lookup('bool', node.startIndex)) {
    const outcome = truth(evaluate(args[0], scope, depth + 1));
    return outcome === undefined ? UNKNOWN : { kind: 'bool', value: outcome };
  }
  // Builtins that always return a container or iterator (no `__name__`), unless shadowed.
  if (callee && OBJECT_BUILTINS.has(callee) && !scope.lookup(callee, node.startIndex)) return OBJECT;
  if (args.length === 1 && isDedent(callee, node, scope)) {
    const arg = evaluate(args[0], scope, depth + 1);
    return arg.kind === 'str' ? { kind: 'str', value: dedent(arg.value) } : UNKNOWN;
  }
  if ((callee === 'min' || callee === 'max') && !scope.lookup(callee, node.startIndex)) return extremeOf(callee, node, scope, depth);
  if (callee === 'complex' && (args.length === 1 || args.length === 2) && !scope.lookup('complex', node.startIndex)) {
    const [real, imag] = args.map((arg) => evaluate(arg, scope, depth + 1));
    const part = (v: PyValue | undefined): number | undefined => (v === undefined ? 0 : v.kind === 'int' || v.kind === 'float' || v.kind === 'bool' ? Number(v.value) : undefined);
    const [re, im] = [part(real), part(imag)];
    return re === undefined || im === undefined ? UNKNOWN : { kind: 'complex', real: re, imag: im };
  }
  if (callee?.endsWith('.dtype') && args.length === 1 && isNumpyModule(callee.slice(0, -6), scope, node.startIndex)) {
    const code = evaluate(args[0], scope, depth + 1);
    return (code.kind === 'str' && numpyDtype(code.value)) || UNKNOWN;
  }
  if (callee === 'round' && (args.length === 1 || args.length === 2) && !scope.lookup('round', node.startIndex)) {
    return roundOf(evaluate(args[0], scope, depth + 1), args.length === 2 ? evaluate(args[1], scope, depth + 1) : { kind: 'none' });
  }
  const math = callee?.startsWith('math.') && args.length === 1 ? MATH_FUNCTIONS[callee.slice(5)] : undefined;
  if (math && (scope.lookup('math', node.startIndex) as { dotted?: string } | undefined)?.dotted === 'math') return math(evaluate(args[0], scope, depth + 1));
  if (args.length === 1) {
    const joined = joinOf(node, args[0], scope, depth);
    if (joined) return joined;
  }
  const got = dictGet(node, scope, depth);
  if (got) return got;
  const member = callee && !callee.includes('.') ? memberLookup(node, scope, depth) : undefined; // `Color(1)`
  if (member) return classAttribute(member.binding, member.className, member.member, scope, depth);
  if (returnsUnnamedObject(node.childForFieldName('function'), scope)) return OBJECT;
  // A dataclass of the module, or a helper of the module (`make_id(1)`): run its body when it can be.
  return dataclassInstance(node, scope, depth) ?? callHelper(node, scope, depth + 1) ?? evaluateStrMethod(node, args, scope, depth);
}

/** The builtin types a value of each kind is an instance of (a bool is an int too); kinds not listed are not known. */
const BUILTIN_TYPES_OF: Partial<Record<PyValue['kind'], readonly string[]>> = {
  str: ['str'],
  bytes: ['bytes'],
  int: ['int'],
  bool: ['bool', 'int'],
  float: ['float'],
  complex: ['complex'],
  none: [],
  tuple: ['tuple'],
  list: ['list'],
  dict: ['dict'],
  set: ['set'],
};
const BUILTIN_TYPES = new Set(['str', 'bytes', 'int', 'bool', 'float', 'complex', 'tuple', 'list', 'dict', 'set', 'frozenset']);

/** `isinstance(value, int)` / `isinstance(value, (list, tuple))` with builtin types (an `ids=` function's test). */
function isinstanceOf(node: SyntaxNode, args: SyntaxNode[], scope: Scope, depth: number): PyValue {
  const typesNode = args[1].type === 'tuple' || args[1].type === 'parenthesized_expression' ? args[1].namedChildren : [args[1]];
  const types: string[] = [];
  for (const typeNode of typesNode) {
    if (!typeNode || typeNode.type === 'comment') continue;
    if (typeNode.type !== 'identifier' || !BUILTIN_TYPES.has(typeNode.text) || scope.lookup(typeNode.text, node.startIndex)) return UNKNOWN;
    types.push(typeNode.text);
  }
  const of = BUILTIN_TYPES_OF[evaluate(args[0], scope, depth + 1).kind];
  return of === undefined ? UNKNOWN : { kind: 'bool', value: types.some((type) => of.includes(type)) };
}

const MATH_FUNCTIONS: Record<string, (x: PyValue) => PyValue> = {
  // IEEE square root is correctly rounded in both languages.
  sqrt: (x) => (x.kind === 'int' || x.kind === 'float') && Number(x.value) >= 0 ? { kind: 'float', value: Math.sqrt(Number(x.value)) } : UNKNOWN,
  floor: (x) => (x.kind === 'int' ? x : x.kind === 'float' && Number.isFinite(x.value) ? { kind: 'int', value: BigInt(Math.floor(x.value)) } : UNKNOWN),
  ceil: (x) => (x.kind === 'int' ? x : x.kind === 'float' && Number.isFinite(x.value) ? { kind: 'int', value: BigInt(Math.ceil(x.value)) } : UNKNOWN),
};

/** `min(...)`/`max(...)` of numbers or of strings, given as arguments or one iterable: the first extreme item, as Python picks it. */
function extremeOf(callee: 'min' | 'max', node: SyntaxNode, scope: Scope, depth: number): PyValue {
  const { positional, keywords } = callArguments(node.childForFieldName('arguments'));
  if (keywords.size > 0 || positional.length === 0 || positional.some((p) => p.type.includes('splat'))) return UNKNOWN; // key=, default=
  const items = positional.length > 1 ? positional.map((p) => evaluate(p, scope, depth + 1)) : evaluateSequence(positional[0], scope, depth + 1)?.map((item) => materialize(item, scope, depth + 1));
  if (!items || items.length === 0) return UNKNOWN;
  const numbers = items.every((item) => item.kind === 'int' || item.kind === 'bool' || (item.kind === 'float' && !Number.isNaN(item.value)));
  const strings = items.every((item) => item.kind === 'str');
  if (!numbers && !strings) return UNKNOWN;
  const compare = (a: PyValue, b: PyValue): number => (numbers ? compareNumbers(a, b) : compareCodePoints((a as { value: string }).value, (b as { value: string }).value));
  return items.reduce((best, item) => ((callee === 'min' ? compare(item, best) < 0 : compare(item, best) > 0) ? item : best));
}

/** `"-".join(parts)` of strings. */
function joinOf(node: SyntaxNode, arg: SyntaxNode, scope: Scope, depth: number): PyValue | undefined {
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'join') return undefined;
  const separator = evaluate(fn.childForFieldName('object'), scope, depth + 1);
  if (separator.kind !== 'str') return undefined;
  const parts = evaluateSequence(arg, scope, depth + 1)?.map((item) => materialize(item, scope, depth + 1));
  return parts?.every((part) => part.kind === 'str') ? { kind: 'str', value: parts.map((part) => (part as { value: string }).value).join(separator.value) } : UNKNOWN;
}

/** Whether `name` (`np`) is the numpy module where it is read. */
function isNumpyModule(name: string, scope: Scope, at: number): boolean {
  const binding = scope.lookup(name, at);
  return binding?.kind === 'module' && binding.dotted === 'numpy';
}

/** `str(x)` of a plain value. */
export function strOf(value: PyValue): PyValue {
  const text = strText(value);
  return text === undefined ? UNKNOWN : { kind: 'str', value: text };
}

/** `len(x)` of a known str or sequence, `abs(x)` of a known number. */
function lengthOrAbs(callee: string, arg: SyntaxNode, scope: Scope, depth: number): PyValue {
  if (callee === 'abs') {
    const value = evaluate(arg, scope, depth + 1);
    if (value.kind === 'int') return { kind: 'int', value: value.value < 0n ? -value.value : value.value };
    if (value.kind === 'float') return { kind: 'float', value: Math.abs(value.value) };
    return UNKNOWN;
  }
  const value = evaluate(arg, scope, depth + 1);
  if (value.kind === 'str') return { kind: 'int', value: BigInt([...value.value].length) };
  const items = evaluateSequence(arg, scope, depth + 1);
  return items ? { kind: 'int', value: BigInt(items.length) } : UNKNOWN;
}

/** `textwrap.dedent(...)`, or `dedent(...)` imported from textwrap. */
function isDedent(callee: string | undefined, node: SyntaxNode, scope: Scope): boolean {
  if (callee === 'textwrap.dedent') return true;
  if (callee !== 'dedent') return false;
  const binding = scope.lookup('dedent', node.startIndex);
  return binding?.kind === 'import' && binding.importedName === 'dedent';
}

/** Python's `textwrap.dedent`, line by line (its regexes anchor on `\n` only). */
export function dedent(text: string): string {
  const lines = text.split('\n').map((line) => (/^[ \t]+$/.test(line) ? '' : line));
  let margin: string | undefined;
  for (const line of lines) {
    const match = /^([ \t]*)[^ \t]/.exec(line);
    if (!match) continue;
    const indent = match[1];
    if (margin === undefined || margin.startsWith(indent)) margin = indent;
    else if (!indent.startsWith(margin)) {
      let i = 0;
      while (i < margin.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  if (!margin) return lines.join('\n');
  return lines.map((line) => (line.startsWith(margin!) ? line.slice(margin!.length) : line)).join('\n');
}

/** ASCII only: beyond it Python title-cases by Unicode tables JavaScript does not have. */
const ASCII = /^[\x00-\x7f]*$/;

const STR_METHODS: Record<string, (s: string) => string | undefined> = {
  strip: (s) => s.replace(/^[\s]+|[\s]+$/g, ''),
  lstrip: (s) => s.replace(/^[\s]+/, ''),
  rstrip: (s) => s.replace(/[\s]+$/, ''),
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  capitalize: (s) => (ASCII.test(s) ? s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase() : undefined),
  // A letter after a non-letter starts a word (`"they're 1st".title()` is `They'Re 1St`).
  title: (s) => (ASCII.test(s) ? s.toLowerCase().replace(/(^|[^a-z])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase()) : undefined),
  swapcase: (s) => (ASCII.test(s) ? s.replace(/[a-zA-Z]/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())) : undefined),
};

function applied(method: (s: string) => string | undefined, text: string): PyValue {
  const result = method(text);
  return result === undefined ? UNKNOWN : { kind: 'str', value: result };
}

/** `str.upper` and friends as a callable (`ids=str.upper`): the method applied to a str. */
export function unboundStrMethod(name: string): ((value: PyValue) => PyValue) | undefined {
  const method = Object.hasOwn(STR_METHODS, name) ? STR_METHODS[name] : undefined;
  return method && ((value) => (value.kind === 'str' ? applied(method, value.value) : UNKNOWN));
}

/** `"...".strip()` and friends without arguments on a statically known string. */
function evaluateStrMethod(node: SyntaxNode, args: SyntaxNode[], scope: Scope, depth: number): PyValue {
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute') return UNKNOWN;
  if (args.length > 0) return strMethodCall(node, fn, scope, depth);
  const method = STR_METHODS[fn.childForFieldName('attribute')?.text ?? ''];
  if (!method) return UNKNOWN;
  const receiver = evaluate(fn.childForFieldName('object'), scope, depth + 1);
  return receiver.kind === 'str' ? applied(method, receiver.value) : UNKNOWN;
}

/** `"{}x{}".format(w, h)`, `"a-b".replace("-", "_")`, `"7".zfill(3)`, `w.startswith("a")` of a known str. */
function strMethodCall(node: SyntaxNode, fn: SyntaxNode, scope: Scope, depth: number): PyValue {
  const receiver = evaluate(fn.childForFieldName('object'), scope, depth + 1);
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const { positional, keywords } = callArguments(node.childForFieldName('arguments'));
  if (receiver.kind !== 'str' || positional.some((p) => p.type === 'dictionary_splat')) return UNKNOWN;
  // `"{}-{}".format(*pair)`: a known tuple or list spreads into its items.
  const values: PyValue[] = [];
  for (const argument of positional) {
    if (argument.type !== 'list_splat') {
      values.push(materialize(argument, scope, depth + 1));
      continue;
    }
    const spread = materialize(argument.namedChildren.find((c) => c?.type !== 'comment')!, scope, depth + 1);
    if (spread.kind !== 'tuple' && spread.kind !== 'list') return UNKNOWN;
    values.push(...spread.items.map((item) => (isComputed(item) ? item : materialize(item, scope, depth + 1))));
  }
  if (method === 'format') {
    const named = new Map([...keywords].map(([name, value]) => [name, materialize(value, scope, depth + 1)] as [string, PyValue]));
    return formatMethod(receiver.value, values, named);
  }
  return keywords.size === 0 ? strMethodWithArguments(receiver.value, method, values) : UNKNOWN;
}

/** `word[0]`, `word[:2]`, `word[::-1]` of a known str. */
function strSubscript(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  const receiver = evaluate(node.childForFieldName('value'), scope, depth + 1);
  const indexes = node.childrenForFieldName('subscript').filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (receiver.kind !== 'str' || indexes.length !== 1) return UNKNOWN;
  if (indexes[0].type !== 'slice') return strIndex(receiver.value, evaluate(indexes[0], scope, depth + 1));
  const bounds = sliceBounds(indexes[0], scope, depth);
  return bounds ? strSlice(receiver.value, bounds[0], bounds[1], bounds[2]) : UNKNOWN;
}

function evaluateUnary(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  const operator = node.childForFieldName('operator')?.text;
  const operand = evaluate(node.childForFieldName('argument'), scope, depth + 1);
  if (operator === '+') return operand.kind === 'int' || operand.kind === 'float' || operand.kind === 'complex' ? operand : UNKNOWN;
  if (operator === '-') {
    if (operand.kind === 'int') return { kind: 'int', value: -operand.value };
    if (operand.kind === 'float') return { kind: 'float', value: -operand.value };
    if (operand.kind === 'complex') return { kind: 'complex', real: -operand.real, imag: -operand.imag };
  }
  if (operator === '~' && operand.kind === 'int') return { kind: 'int', value: ~operand.value };
  return UNKNOWN;
}

/** Arithmetic on numbers (Python semantics), `str + str`, `str * int` and `1 + 2j`. */
function evaluateBinary(node: SyntaxNode, scope: Scope, depth: number, operator = node.childForFieldName('operator')?.text ?? ''): PyValue {
  const left = evaluate(node.childForFieldName('left'), scope, depth + 1);
  const right = evaluate(node.childForFieldName('right'), scope, depth + 1);
  if (right.kind === 'complex' && right.real === 0 && (left.kind === 'int' || left.kind === 'float') && (operator === '+' || operator === '-')) {
    return { kind: 'complex', real: Number(left.value), imag: operator === '+' ? right.imag : -right.imag };
  }
  if (left.kind === 'str' && right.kind === 'str' && operator === '+') return { kind: 'str', value: left.value + right.value };
  // `shape + (mode,)`: items computed here, since they may be syntax of this scope.
  if (operator === '+' && ((left.kind === 'tuple' && right.kind === 'tuple') || (left.kind === 'list' && right.kind === 'list'))) {
    const items = [...left.items, ...right.items].map((item) => materialize(item, scope, depth + 1));
    return { kind: left.kind, items };
  }
  if (left.kind === 'str' && operator === '%') {
    // `"%(k)s" % {"k": 1}`: a dict display's entries (a dict evaluates as an object elsewhere: pytest ids it so).
    const rightNode = node.childForFieldName('right');
    if (rightNode?.type === 'dictionary') return percentFormat(left.value, [dictValue(rightNode, scope, depth + 1)]);
    const values = right.kind === 'tuple' ? right.items.map((item) => materialize(item, scope, depth + 1)) : [right];
    return percentFormat(left.value, values);
  }
  if (left.kind === 'str' && right.kind === 'int' && operator === '*') return { kind: 'str', value: left.value.repeat(Math.max(0, Number(right.value))) };
  if (left.kind === 'bool' && right.kind === 'bool' && (operator === '&' || operator === '|' || operator === '^')) {
    return { kind: 'bool', value: operator === '&' ? left.value && right.value : operator === '|' ? left.value || right.value : left.value !== right.value };
  }
  // Otherwise a bool counts as the int it is (`True + 1` is 2).
  const asInt = (value: PyValue): PyValue => (value.kind === 'bool' ? { kind: 'int', value: value.value ? 1n : 0n } : value);
  if (left.kind === 'bool' || right.kind === 'bool') return arithmetic(operator, asInt(left), asInt(right));
  return arithmetic(operator, left, right);
}

function arithmetic(operator: string, left: PyValue, right: PyValue): PyValue {
  if (left.kind === 'int' && right.kind === 'int') return intArithmetic(operator, left.value, right.value);
  if ((left.kind === 'int' || left.kind === 'float') && (right.kind === 'int' || right.kind === 'float')) {
    return floatArithmetic(operator, Number(left.value), Number(right.value));
  }
  return UNKNOWN;
}

// ---- strings -------------------------------------------------------------------------------

function evaluateString(node: SyntaxNode, scope?: Scope, depth = 0): PyValue {
  if (scope && hasFString(node)) return evaluateFString(node, scope, depth); // needs the names it interpolates
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'string') : [node];
  let text = '';
  let bytes: number[] | undefined;
  for (const part of parts) {
    const literal = decodeStringLiteral(part.text);
    if (!literal) return UNKNOWN;
    if (literal.kind === 'bytes') bytes = [...(bytes ?? []), ...literal.value];
    else text += literal.value;
  }
  return bytes ? { kind: 'bytes', value: bytes } : { kind: 'str', value: text };
}
