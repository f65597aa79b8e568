// Decimal digits of a double as CPython prints them with a precision (`format(x, '.2f')`,
// `'%e' % x`, `round(x, n)`): rounded half-even on the double's exact binary value, which is what
// CPython's dtoa does (`'%.2f' % 2.675` is `2.67`, `'%.0f' % 0.5` is `0`). JavaScript's toFixed and
// toExponential round ties away from zero, so the digits are computed here with BigInt.

/** A finite non-negative double as `mantissa * 2 ** exponent` (both exact). */
function binaryParts(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return { mantissa: exponentBits === 0 ? fraction : fraction | (1n << 52n), exponent: (exponentBits === 0 ? 1 : exponentBits) - 1075 };
}

/** `round(value * 10 ** shift)` of a finite non-negative double, half-even on the exact product (`shift` may be negative). */
export function scaledInteger(value: number, shift: number): bigint {
  const { mantissa, exponent } = binaryParts(value);
  let numerator = mantissa * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  let denominator = shift < 0 ? 10n ** BigInt(-shift) : 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  const quotient = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  return twice > denominator || (twice === denominator && quotient % 2n === 1n) ? quotient + 1n : quotient;
}

/** Fixed-point digits of a finite non-negative double (`fixedDigits(2.675, 2)` is `2.67`). */
export function fixedDigits(value: number, precision: number): string {
  const digits = scaledInteger(value, precision).toString().padStart(precision + 1, '0');
  return precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
}

/**
 * A finite non-negative double to `precision + 1` significant digits: `digits` (no point) and the
 * decimal exponent of the first one, as `%e` prints them (`scientificDigits(1234.5, 2)` is
 * `{ digits: '123', exponent: 3 }`). Zero has exponent 0.
 */
export function scientificDigits(value: number, precision: number): { digits: string; exponent: number } {
  if (value === 0) return { digits: '0'.repeat(precision + 1), exponent: 0 };
  // log10 may be off by one near powers of ten; the digit count of the rounded result settles it.
  let exponent = Math.floor(Math.log10(value));
  for (;;) {
    const digits = scaledInteger(value, precision - exponent).toString();
    if (digits.length === precision + 1) return { digits, exponent };
    // One digit too many: the estimate was low, or rounding carried into a new digit (9.99 → 10.0).
    exponent += digits.length > precision + 1 ? 1 : -1;
  }
}
