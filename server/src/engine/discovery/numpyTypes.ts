// numpy's scalar types as pytest names them (their `__name__`, e.g. `np.double` → `float64`):
// numpy defines them in C, so their source cannot be followed. Fixed-width names and the aliases
// every platform maps the same way are certain; the names that depend on the platform's C types or
// on numpy's version (`np.int_` was int32 on Windows before numpy 2, `np.bool_` was `bool_` before
// it, `np.longdouble` is `float128` there) are numpy 2's on 64-bit Linux and macOS, as guesses.

import type { PyValue } from './pyValues';

const CERTAIN: Record<string, string> = {
  float16: 'float16', float32: 'float32', float64: 'float64', complex64: 'complex64', complex128: 'complex128',
  int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', uint8: 'uint8', uint16: 'uint16', uint32: 'uint32', uint64: 'uint64',
  half: 'float16', single: 'float32', double: 'float64', csingle: 'complex64', cdouble: 'complex128',
  byte: 'int8', ubyte: 'uint8', short: 'int16', ushort: 'uint16', intc: 'int32', uintc: 'uint32',
  object_: 'object_', str_: 'str_', bytes_: 'bytes_', void: 'void', datetime64: 'datetime64', timedelta64: 'timedelta64',
  generic: 'generic', number: 'number', integer: 'integer', signedinteger: 'signedinteger', unsignedinteger: 'unsignedinteger',
  inexact: 'inexact', floating: 'floating', complexfloating: 'complexfloating',
};

const LIKELY: Record<string, string> = {
  bool: 'bool', bool_: 'bool', int_: 'int64', uint: 'uint64', intp: 'int64', uintp: 'uint64', long: 'int64', ulong: 'uint64',
  longlong: 'longlong', ulonglong: 'ulonglong', longdouble: 'longdouble', clongdouble: 'clongdouble',
};

/** `numpy.<member>` when it is a scalar type: the class, named for certain (one object) or as a guess. */
export function numpyType(module: string, member: string): PyValue | undefined {
  if (module !== 'numpy') return undefined;
  if (Object.hasOwn(CERTAIN, member)) return { kind: 'named', name: CERTAIN[member], identity: `numpy.${CERTAIN[member]}` };
  if (Object.hasOwn(LIKELY, member)) return { kind: 'named', name: LIKELY[member], guess: true };
  return undefined;
}

/** Typecodes whose dtype has the same `.char` on every platform (`p`/`P` become `l`/`L`: left out). */
const DTYPE_CHARS = new Set('?bhilqBHILQefdgFDG');
/** Their `.name` where it does not depend on the platform's C types. */
const DTYPE_NAMES: Record<string, string> = {
  '?': 'bool', b: 'int8', h: 'int16', i: 'int32', B: 'uint8', H: 'uint16', I: 'uint32', e: 'float16', f: 'float32', d: 'float64', F: 'complex64', D: 'complex128',
};

/**
 * `np.dtype("d")`: an object without an id of its own (pytest: `argname<index>`), whose `.char` is
 * the typecode (numpy's `num_ids = [dt.char for dt in num_dts]`) and `.name` where it is fixed.
 */
export function numpyDtype(code: string): PyValue | undefined {
  if (!DTYPE_CHARS.has(code) || code.length !== 1) return undefined;
  const fields = new Map<string, PyValue>([['char', { kind: 'str', value: code }]]);
  if (Object.hasOwn(DTYPE_NAMES, code)) fields.set('name', { kind: 'str', value: DTYPE_NAMES[code] });
  return { kind: 'instance', fields };
}
