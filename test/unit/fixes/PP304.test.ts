import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runPytest } from '../actions/pytestRun';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP304 fixture-without-teardown fix', () => {
  it('yields a returned variable and closes it afterwards; pytest runs the result', async () => {
    const input = [
      'import sqlite3',
      '',
      'import pytest',
      '',
      '',
      '@pytest.fixture',
      'def connection():',
      '    """An in-memory database."""',
      '    conn = sqlite3.connect(":memory:")',
      '    return conn',
      '',
      '',
      'def test_db__select__then_one(connection) -> None:',
      '    assert connection.execute("select 1").fetchone() == (1,)',
      '',
    ].join('\n');
    const { fix, output } = await applyFirstFix('PP304', input);
    assert.equal(fix.safe, false);
    assert.equal(output, input.replace('    return conn\n', '    yield conn\n    conn.close()\n'));
    assert.deepEqual(await findingsOf('PP304', output), []);
    const run = runPytest({ 'test_db.py': output });
    assert.equal(run.status, 0, run.output);
  });

  it('names a directly returned resource, and removes a temp dir with shutil', async () => {
    const input = ['import tempfile', '', 'import pytest', '', '', '@pytest.fixture', 'def workdir():', '    """A scratch folder."""', '    return tempfile.mkdtemp()', ''].join('\n');
    const { output } = await applyFirstFix('PP304', input);
    assert.equal(
      output,
      [
        'import shutil',
        'import tempfile',
        '',
        'import pytest',
        '',
        '',
        '@pytest.fixture',
        'def workdir():',
        '    """A scratch folder."""',
        '    resource = tempfile.mkdtemp()',
        '    yield resource',
        '    shutil.rmtree(resource, ignore_errors=True)',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await findingsOf('PP304', output), []);
  });
});
