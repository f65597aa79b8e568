// `format(value, spec)` and `template % values` as ids use them, checked against the real python3
// on generated values: every spec of the float presentation types must be reproduced (not left
// unknown) and equal Python's text, ties and carries (9.995, 0.5, 2.675) included.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { formatValue } from '../../../server/src/engine/discovery/formatSpec';
import { percentFormat } from '../../../server/src/engine/discovery/strFormatting';
import type { PyValue } from '../../../server/src/engine/discovery/pyValues';
import { seededRandom as random } from './seededRandom';

/** Python's answers for `[kind, value-as-text, spec]` triples (`kind`: float, int). */
function pythonFormat(cases: [string, string, string][], percent: boolean): string[] {
  const script = `
import json, sys
out = []
for kind, text, spec in json.load(sys.stdin):
    value = float(text) if kind == 'float' else int(text)
    try:
        out.append(('%' + spec) % value if ${percent ? 'True' : 'False'} else format(value, spec))
    except Exception as error:
        out.append('error: ' + type(error).__name__)
print(json.dumps(out))
`;
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as string[];
}

const TIES = ['0.5', '1.5', '2.5', '2.675', '0.125', '9.995', '9.9995', '99.5', '0.0005', '1e-05', '0.0001', '123456789.0', '1e+16', '1e+100', '5e-324', '-0.0', '0.0', 'inf', '-inf', '1.0', '12.0', '100.0', '1000000.0'];
const FLOAT_SPECS = ['e', 'E', '.0e', '.2e', '#.0e', '+.3e', '12.3e', '<12.1e', '010.2e', 'g', 'G', '.0g', '.1g', '.3g', '.10g', '#g', '#.3g', ',g', ',.12g', ' g', '.0', '.1', '.3', '.6', '.17', '#.3', '%', '.0%', '.2%', '#.0%', '8.1%', 'f', '#.0f', ',.2f', '_.1f', '=+12.3g', '^15.4e'];

function valueOf(kind: string, text: string): PyValue {
  return kind === 'int' ? { kind: 'int', value: BigInt(text) } : { kind: 'float', value: Number(text === 'inf' ? Infinity : text === '-inf' ? -Infinity : text) };
}

function cases(seed: number, specs: readonly string[]): [string, string, string][] {
  const next = random(seed);
  const values = [...TIES];
  for (let i = 0; i < 60; i++) values.push(String((next() - 0.5) * 10 ** (Math.floor(next() * 40) - 20)), String(Math.round(next() * 1e6) / 10 ** Math.floor(next() * 7)));
  const all: [string, string, string][] = [];
  for (const value of values) for (const spec of specs) all.push(['float', value, spec]);
  for (const value of ['0', '7', '-42', '1234567', String(2 ** 53)]) for (const spec of specs) all.push(['int', value, spec]);
  return all;
}

describe('format specs of floats and ints, against python3', () => {
  it('reproduces e, g, %, general (no type, a precision) and f exactly', () => {
    const all = cases(3, FLOAT_SPECS);
    const expected = pythonFormat(all, false);
    const mismatches: string[] = [];
    all.forEach(([kind, text, spec], i) => {
      const ours = formatValue(valueOf(kind, text), spec);
      // Python refuses some (a precision on an int): ours must not invent a text for them.
      const theirs = expected[i].startsWith('error: ') ? undefined : expected[i];
      if (ours !== theirs) mismatches.push(`format(${kind}(${text}), '${spec}'): python ${JSON.stringify(expected[i])}, ours ${JSON.stringify(ours)}`);
    });
    assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} of ${all.length} differ`);
  });

  it('reproduces %e, %g, %E, %G and %f with flags, widths and precisions', () => {
    const specs = ['e', 'E', '.2e', '#.0e', '+.3e', '-12.3e', '012.3e', 'g', 'G', '.3g', '#.3g', '.0g', 'f', '.1f', '+08.2f'];
    const all = cases(5, specs).filter(([kind, text]) => kind === 'float' || !text.includes('e'));
    const expected = pythonFormat(all, true);
    const mismatches: string[] = [];
    all.forEach(([kind, text, spec], i) => {
      const result = percentFormat(`%${spec}`, [valueOf(kind, text)]);
      const ours = result.kind === 'str' ? result.value : undefined;
      if (ours !== expected[i]) mismatches.push(`'%${spec}' % ${kind}(${text}): python ${JSON.stringify(expected[i])}, ours ${JSON.stringify(ours)}`);
    });
    assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} of ${all.length} differ`);
  });
});
