import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateFixtureHere } from '../../../server/src/engine/actions/generateFixture';
import { lintSource } from '../../../server/src/engine/lint/linter';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import { parsePython } from '../../../server/src/engine/parse/parser';
import { applyEdits } from '../../../server/src/engine/text/positions';

describe('generate fixture for an async test', () => {
  it('uses @pytest_asyncio.fixture (strict mode), imports it, and passes the async rules', async () => {
    const text = 'import pytest\n\n\n@pytest.mark.asyncio\nasync def test_feed__open__then_ready(feed) -> None:\n    assert feed is None\n';
    const tree = await parsePython(text);
    const file = buildModel('/tmp/test_feed.py', tree.rootNode);
    const result = applyEdits(text, generateFixtureHere(text, file, 4, { name: 'feed', flavor: 'async', scope: 'function' }));
    tree.delete();
    assert.equal(
      result,
      [
        'import pytest',
        'import pytest_asyncio',
        '',
        '',
        '@pytest_asyncio.fixture',
        'async def feed():',
        '    """Provide `feed` to async tests and release it afterwards."""',
        '    value = None',
        '    yield value',
        '    del value',
        '',
        '',
        '@pytest.mark.asyncio',
        'async def test_feed__open__then_ready(feed) -> None:',
        '    assert feed is None',
        '',
      ].join('\n'),
    );
    const findings = await lintSource(result, '/tmp/gen/test_feed.py', { editorSettings: { select: ['PP3', 'PP4', 'PP5'] } });
    assert.deepEqual(findings.map((f) => `${f.code} ${f.message}`), []);
  });

  it('keeps @pytest.fixture in asyncio auto mode', async () => {
    const text = 'async def test_feed__open__then_ready(feed) -> None:\n    assert feed is None\n';
    const tree = await parsePython(text);
    const file = buildModel('/tmp/test_feed.py', tree.rootNode);
    const result = applyEdits(text, generateFixtureHere(text, file, 0, { name: 'feed', flavor: 'async', scope: 'module', asyncioAuto: true }));
    tree.delete();
    assert.match(result, /^import pytest\n\n\n@pytest\.fixture\(scope="module"\)\nasync def feed\(\):/);
    assert.doesNotMatch(result, /pytest_asyncio/);
  });
});
