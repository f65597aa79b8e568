// Python's text forms that pytest puts into parametrize ids: `repr(float)`, `str(int)`,
// `str(complex)` and `_pytest.compat.ascii_escaped` for str and bytes.

/** `repr(x)` of a Python float: shortest round-trip digits, fixed between 1e-4 and 1e16. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exp = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${exp}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fraction || '0'}`;
}

/** `repr()` of a float inside a complex number: like a float, without a trailing `.0`. */
export function pythonComplexPartRepr(value: number): string {
  const text = pythonFloatRepr(value);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** `str(complex(real, imag))`. */
export function pythonComplexRepr(real: number, imag: number): string {
  if (real === 0 && !Object.is(real, -0)) return `${pythonComplexPartRepr(imag)}j`;
  const imagText = pythonComplexPartRepr(imag);
  const signed = imagText.startsWith('-') || imagText === 'nan' ? imagText : `+${imagText}`;
  return `(${pythonComplexPartRepr(real)}${signed}j)`;
}

/** `str.encode('unicode_escape')` then pytest's table for tabs, newlines and control chars. */
export function asciiEscapedString(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (code >= 0x10000) out += `\\U${code.toString(16).padStart(8, '0')}`;
    else if (code >= 0x100) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code >= 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out;
}

/** `bytes.decode('ascii', 'backslashreplace')` then pytest's table (backslashes stay single). */
export function asciiEscapedBytes(bytes: readonly number[]): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 9) out += '\\t';
    else if (byte === 10) out += '\\n';
    else if (byte === 13) out += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}
