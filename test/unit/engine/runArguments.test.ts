// shlex.split as pytest splits `addopts`, against Python's own shlex.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { shlexSplit } from '../../../server/src/engine/config/runArguments';

const LINES = [
  '-q --ignore=tests/legacy',
  `--ignore 'with space/x' "--ignore-glob=*_skip.py"`,
  `a'b c'd e\\ f "g \\"h\\" \\\\ i" 'j\\k'`,
  '  leading   and   trailing  ',
  `-k "not slow and not (a or b)" -p no:cacheprovider`,
  '',
];

describe('shlexSplit', () => {
  it('splits as Python\'s shlex.split does', () => {
    const python = spawnSync('python3', ['-c', 'import json, shlex, sys\nprint(json.dumps([shlex.split(line) for line in json.load(sys.stdin)]))'], { input: JSON.stringify(LINES), encoding: 'utf8' });
    assert.equal(python.status, 0, python.stderr);
    assert.deepEqual(LINES.map(shlexSplit), JSON.parse(python.stdout));
  });
});
