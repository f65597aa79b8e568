// Standard-library (and numpy) calls that return an object pytest cannot name: no `__name__`, and no str,
// bytes, number, bool, Enum or compiled pattern, so its id is `<argname><index>` for certain
// (`datetime.date(2020, 1, 2)`, `Decimal("1.5")`, `Path("a")`; each checked on CPython 3.11).
// Only objects that refuse new attributes: scipy names its `functools.partial` objects with
// `fft.__name__ = "fft"`, so a partial, a namespace or an OrderedDict may well have a name.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { Scope } from './scope';

const UNNAMED_RESULTS = new Set(
  [
    'datetime.date datetime.datetime datetime.time datetime.timedelta datetime.timezone',
    'datetime.datetime.now datetime.datetime.utcnow datetime.datetime.today datetime.datetime.fromisoformat',
    'datetime.datetime.fromtimestamp datetime.datetime.combine datetime.datetime.strptime',
    'datetime.date.today datetime.date.fromisoformat datetime.date.fromtimestamp datetime.date.fromordinal',
    'decimal.Decimal fractions.Fraction uuid.UUID uuid.uuid1 uuid.uuid3 uuid.uuid4 uuid.uuid5',
    'pathlib.Path pathlib.PurePath pathlib.PurePosixPath pathlib.PureWindowsPath',
    'collections.defaultdict collections.deque array.array zoneinfo.ZoneInfo',
    'ipaddress.ip_address ipaddress.IPv4Address ipaddress.IPv6Address',
    // numpy's constructors of a base-class ndarray (no `__dict__`, so never a `__name__`), whatever the
    // arguments; not `asanyarray` nor the `*_like` ones, which keep a subclass (a matrix has a `__dict__`).
    'numpy.array numpy.asarray numpy.ascontiguousarray numpy.asfortranarray numpy.zeros numpy.ones numpy.empty',
    'numpy.full numpy.arange numpy.linspace numpy.logspace numpy.geomspace numpy.eye numpy.identity numpy.diag numpy.tri',
  ]
    .join(' ')
    .split(' '),
);

/** Whether `node` (a call's function) names one of those callables, through this module's imports. */
export function returnsUnnamedObject(callee: SyntaxNode | null, scope: Scope): boolean {
  const qualified = callee ? qualifiedName(callee, scope) : undefined;
  return qualified !== undefined && UNNAMED_RESULTS.has(qualified);
}

/** `dt.date` with `import datetime as dt`, `date` with `from datetime import date`: `datetime.date`. */
export function qualifiedName(node: SyntaxNode, scope: Scope): string | undefined {
  const parts: string[] = [];
  let head: SyntaxNode | null = node;
  while (head?.type === 'attribute') {
    parts.unshift(head.childForFieldName('attribute')?.text ?? '');
    head = head.childForFieldName('object');
  }
  if (head?.type !== 'identifier') return undefined;
  const binding = scope.lookup(head.text, node.startIndex);
  if (binding?.kind === 'module' && binding.dotted) return [binding.dotted, ...parts].join('.');
  if (binding?.kind === 'import' && binding.from?.level === 0) return [binding.from.dotted, binding.importedName, ...parts].join('.');
  return undefined;
}
