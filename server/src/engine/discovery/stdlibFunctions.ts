// Functions of the standard library whose `__name__` is certain, so pytest's id for them is known:
// `operator.lt` → `lt`, `operator.__and__` → `and_`, `math.sqrt` → `sqrt` (checked on CPython 3.11).

const NAMES: Record<string, ReadonlySet<string>> = {
  operator: new Set(
    ('abs add and_ attrgetter call concat contains countOf delitem eq floordiv ge getitem gt iadd iand iconcat ' +
      'ifloordiv ilshift imatmul imod imul index indexOf inv invert ior ipow irshift is_ is_not isub itemgetter ' +
      'itruediv ixor le length_hint lshift lt matmul methodcaller mod mul ne neg not_ or_ pos pow rshift setitem ' +
      'sub truediv truth xor').split(' '),
  ),
  math: new Set(
    ('acos acosh asin asinh atan atan2 atanh cbrt ceil comb copysign cos cosh degrees dist erf erfc exp exp2 ' +
      'expm1 fabs factorial floor fmod frexp fsum gamma gcd hypot isclose isfinite isinf isnan isqrt lcm ldexp ' +
      'lgamma log log10 log1p log2 modf nextafter perm pow prod radians remainder sin sinh sqrt tan tanh trunc ulp').split(' '),
  ),
};

/** The `__name__` of `module.member` when the standard library fixes it; undefined otherwise. */
export function stdlibFunctionName(module: string, member: string): string | undefined {
  const names = NAMES[module];
  if (!names) return undefined;
  if (names.has(member)) return member;
  // `operator.__lt__` is `operator.lt`; `__and__`, `__or__`, `__not__` are `and_`, `or_`, `not_`.
  const dunder = /^__(\w+)__$/.exec(member)?.[1];
  if (module !== 'operator' || !dunder) return undefined;
  return names.has(dunder) ? dunder : names.has(`${dunder}_`) ? `${dunder}_` : undefined;
}
