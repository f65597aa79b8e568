// Python's arithmetic on the values parametrize ids are built from: ints are exact (BigInt), floats
// IEEE doubles as in CPython; `round()` and `int()` with CPython's rounding. Anything that raises or
// may differ from C (`**` on floats) is `unknown`.

import { fixedDigits, scaledInteger } from './floatDigits';
import type { PyValue } from './pyValues';

const UNKNOWN: PyValue = { kind: 'unknown' };

/** `a <op> b` of two ints. */
export function intArithmetic(operator: string, a: bigint, b: bigint): PyValue {
  switch (operator) {
    case '+':
      return { kind: 'int', value: a + b };
    case '-':
      return { kind: 'int', value: a - b };
    case '*':
      return { kind: 'int', value: a * b };
    case '//':
      if (b === 0n) return UNKNOWN;
      return { kind: 'int', value: a / b - ((a % b !== 0n && (a < 0n) !== (b < 0n)) ? 1n : 0n) };
    case '%':
      if (b === 0n) return UNKNOWN;
      return { kind: 'int', value: ((a % b) + b) % b };
    case '**':
      return b >= 0n && b < 10_000n ? { kind: 'int', value: a ** b } : floatArithmetic('**', Number(a), Number(b));
    case '/':
      return b === 0n ? UNKNOWN : { kind: 'float', value: Number(a) / Number(b) };
    // BigInt's shifts floor and its bitwise operators act on two's complement, as Python's do.
    case '<<':
      return b >= 0n && b < 10_000n ? { kind: 'int', value: a << b } : UNKNOWN; // a negative count raises
    case '>>':
      return b >= 0n ? { kind: 'int', value: b < 10_000n ? a >> b : a < 0n ? -1n : 0n } : UNKNOWN;
    case '&':
      return { kind: 'int', value: a & b };
    case '|':
      return { kind: 'int', value: a | b };
    case '^':
      return { kind: 'int', value: a ^ b };
    default:
      return UNKNOWN;
  }
}

/** `a <op> b` of two floats (or an int and a float). */
export function floatArithmetic(operator: string, a: number, b: number): PyValue {
  switch (operator) {
    case '+':
      return { kind: 'float', value: a + b };
    case '-':
      return { kind: 'float', value: a - b };
    case '*':
      return { kind: 'float', value: a * b };
    case '/':
      return b === 0 ? UNKNOWN : { kind: 'float', value: a / b };
    case '//':
      return b === 0 ? UNKNOWN : { kind: 'float', value: Math.floor(a / b) };
    case '%':
      return b === 0 ? UNKNOWN : { kind: 'float', value: a - b * Math.floor(a / b) };
    default:
      return UNKNOWN; // `**` on floats may round differently from C's pow
  }
}

/**
 * `round(x)` / `round(x, n)`: half-even on the float's exact binary value, as CPython rounds
 * (`round(2.675, 2)` is 2.67; `round(1250, -2)` is 1200); an int stays an int.
 */
export function roundOf(value: PyValue, digits: PyValue): PyValue {
  const number = value.kind === 'bool' ? { kind: 'int' as const, value: value.value ? 1n : 0n } : value;
  if (digits.kind === 'none') {
    if (number.kind === 'int') return number;
    if (number.kind !== 'float' || !Number.isFinite(number.value)) return UNKNOWN; // round(inf) raises
    const magnitude = BigInt(fixedDigits(Math.abs(number.value), 0));
    return { kind: 'int', value: number.value < 0 ? -magnitude : magnitude };
  }
  if (digits.kind !== 'int' || digits.value < -400n || digits.value > 400n) return UNKNOWN;
  const places = Number(digits.value);
  if (number.kind === 'int') {
    if (places >= 0) return number;
    const unit = 10n ** BigInt(-places);
    const magnitude = number.value < 0n ? -number.value : number.value;
    const twice = 2n * (magnitude % unit);
    let quotient = magnitude / unit;
    if (twice > unit || (twice === unit && quotient % 2n === 1n)) quotient += 1n;
    return { kind: 'int', value: (number.value < 0n ? -quotient : quotient) * unit };
  }
  if (number.kind !== 'float') return UNKNOWN;
  if (!Number.isFinite(number.value)) return number;
  // CPython rounds the exact value to decimal digits, then reads them back as the nearest double.
  const magnitude = places >= 0 ? Number(fixedDigits(Math.abs(number.value), places)) : Number(scaledInteger(Math.abs(number.value), places) * 10n ** BigInt(-places));
  return { kind: 'float', value: number.value < 0 || Object.is(number.value, -0) ? -magnitude : magnitude };
}

/** `int(x)` of an int, bool, float (truncated) or decimal str. */
export function intOf(value: PyValue): PyValue {
  if (value.kind === 'int') return value;
  if (value.kind === 'bool') return { kind: 'int', value: value.value ? 1n : 0n };
  if (value.kind === 'float') return Number.isFinite(value.value) ? { kind: 'int', value: BigInt(Math.trunc(value.value)) } : UNKNOWN;
  if (value.kind === 'str') {
    const text = value.value.trim();
    return /^[+-]?\d+(?:_\d+)*$/.test(text) ? { kind: 'int', value: BigInt(text.replace(/_/g, '')) } : UNKNOWN;
  }
  return UNKNOWN;
}
