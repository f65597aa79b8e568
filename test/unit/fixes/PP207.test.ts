import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

// The seed guide's conftest fixture, verbatim in shape.
const SEED_FIXTURE = [
  'import shutil',
  'import tempfile',
  'from pathlib import Path',
  'from typing import Generator',
  '',
  'import pytest',
  '',
  '',
  '@pytest.fixture',
  'def temp_trace_dir() -> Generator[Path, None, None]:',
  '    """Provide temporary directory for trace files."""',
  '    temp_dir = tempfile.mkdtemp()',
  '    yield Path(temp_dir)',
  '    shutil.rmtree(temp_dir)',
  '',
].join('\n');

describe('PP207 hardcoded-path fix', () => {
  it('turns the seed mkdtemp fixture into one using tmp_path and drops the rmtree teardown', async () => {
    const { fix, output } = await applyFirstFix('PP207', SEED_FIXTURE);
    assert.equal(fix.safe, false);
    assert.equal(
      output,
      SEED_FIXTURE.replace('def temp_trace_dir()', 'def temp_trace_dir(tmp_path: Path)')
        .replace('temp_dir = tempfile.mkdtemp()', 'temp_dir = tmp_path')
        .replace('    shutil.rmtree(temp_dir)\n', ''),
    );
    assert.deepEqual(await findingsOf('PP207', output), []);
  });

  it('appends tmp_path after existing parameters', async () => {
    const input = SEED_FIXTURE.replace('def temp_trace_dir()', 'def temp_trace_dir(request: pytest.FixtureRequest)');
    const { output } = await applyFirstFix('PP207', input);
    assert.match(output, /def temp_trace_dir\(request: pytest\.FixtureRequest, tmp_path: Path\)/);
  });

  it('offers no fix when the directory string is used as a string', async () => {
    const input = SEED_FIXTURE.replace('yield Path(temp_dir)', 'yield temp_dir + "/traces"');
    const findings = await findingsOf('PP207', input);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes, []);
  });

  it('offers no fix in a session-scoped fixture, where tmp_path is not available', async () => {
    const input = SEED_FIXTURE.replace('@pytest.fixture\n', '@pytest.fixture(scope="session")\n');
    const findings = await findingsOf('PP207', input);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes, []);
  });
});
