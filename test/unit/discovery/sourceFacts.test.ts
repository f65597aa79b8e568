// The text scan that rules modules out of a name lookup without parsing them: it may say "maybe"
// too often (a parse then settles it), never "no" for a name an indented line binds.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayBindIndented, sourceFacts } from '../../../server/src/engine/discovery/sourceFacts';

const MODULE = [
  'import os',
  'TOP = 1',
  'try:',
  '    from ._speedups import fast_sum, fast_mean as mean',
  '    from ._c import (',
  '        parse_one,',
  '        parse_many)',
  'except ImportError:',
  '    import json as encoder',
  '    def fast_sum(values):',
  '        total = 0',
  '        return sum(values) + helper(total)',
  '    async def fetch():',
  '        pass',
  '    class Fallback:',
  '        pass',
  'if os.name == "nt":',
  '    first, second = 1, 2',
  '    (low, *rest) = range(3)',
  '    counter += 1',
  '    limits: dict = {}',
  '    config.value = 3',
  '    with open(TOP) as handle:',
  '        handle.read()',
  '    for item in []:',
  '        print(item)',
  '',
].join('\n');

describe('mayBindIndented', () => {
  const facts = sourceFacts(MODULE);

  it('names every way an indented line can bind', () => {
    for (const name of ['fast_sum', 'mean', '_speedups', 'parse_one', 'parse_many', 'encoder', 'json', 'fetch', 'Fallback', 'first', 'second', 'low', 'rest', 'counter', 'item', 'limits', 'total', 'handle']) {
      assert.equal(mayBindIndented(facts, name), true, name);
    }
  });

  it('rules out names only read, called, bound at column 0, or assigned as attributes', () => {
    for (const name of ['helper', 'values', 'sum', 'print', 'range', 'TOP', 'os', 'config', 'value', 'read', 'nt']) {
      assert.equal(mayBindIndented(facts, name), false, name);
    }
  });

  it('reads CRLF text like LF text, and stops a line at a lone carriage return', () => {
    const crlf = sourceFacts(MODULE.replace(/\n/g, '\r\n'));
    assert.equal(mayBindIndented(crlf, 'mean'), true);
    assert.equal(mayBindIndented(crlf, 'Fallback'), true);
    const lone = sourceFacts('if X:\n    y = 1 \ras  hidden\n');
    assert.equal(mayBindIndented(lone, 'hidden'), false, 'Python reads `as  hidden` as a line of its own, at column 0');
  });
});
