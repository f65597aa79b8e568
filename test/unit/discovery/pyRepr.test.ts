// Python's text forms used in ids, checked against the real python3 on generated values.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { asciiEscapedBytes, asciiEscapedString, pythonFloatRepr } from '../../../server/src/engine/discovery/pyRepr';
import { seededRandom as random } from './seededRandom';

function python(script: string, input: unknown): unknown {
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe('Python reprs used in parametrize ids', () => {
  it('formats floats as repr(float) does', () => {
    const next = random(7);
    const values: number[] = [0.1, 1e16, 1e15, 9999999999999998, 1e-4, 1e-5, 5e-324, 1.7976931348623157e308, 123.456, 2 ** 53];
    for (let i = 0; i < 400; i++) {
      const exponent = Math.floor(next() * 60) - 30;
      values.push((next() - 0.5) * 10 ** exponent);
      values.push(Math.round(next() * 1e6) / 10 ** Math.floor(next() * 8));
    }
    const expected = python('import json,sys; print(json.dumps([repr(float(v)) for v in json.load(sys.stdin)]))', values) as string[];
    assert.deepEqual(values.map(pythonFloatRepr), expected);
  });

  it('escapes strings and bytes as _pytest.compat.ascii_escaped does', () => {
    const next = random(11);
    const pool = [...'abc XYZ-_[]/\\\'"\t\n\r\x00\x1f\x7f\x80', 'é', 'ß', '日', '\u2028', '😀', '\u{10FFFF}'];
    const strings = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => pool[Math.floor(next() * pool.length)]).join(''));
    const bytes = Array.from({ length: 100 }, () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => Math.floor(next() * 256)));
    const script = [
      'import json,sys',
      'from _pytest.compat import ascii_escaped',
      'data = json.load(sys.stdin)',
      'print(json.dumps([[ascii_escaped(s) for s in data[0]], [ascii_escaped(bytes(b)) for b in data[1]]]))',
    ].join('\n');
    const [expectedStrings, expectedBytes] = python(script, [strings, bytes]) as [string[], string[]];
    assert.deepEqual(strings.map(asciiEscapedString), expectedStrings);
    assert.deepEqual(bytes.map(asciiEscapedBytes), expectedBytes);
  });
});
