// pytest's ini option `disable_test_id_escaping_and_forfeit_all_rights_to_community_support`
// keeps non-ASCII and control characters in ids as they are: static ids against the real pytest,
// with the option and without it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPytestConfig } from '../../../server/src/engine/config/pytestConfig';
import { flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTrees } from '../../support/fileTree';
import { pytestNodeIds } from './pytestSuite';

const CONFTEST = `"""Fixture params get the same escaping."""
import pytest


@pytest.fixture(params=["ß", "plain"])
def word(request: pytest.FixtureRequest) -> str:
    """Non-ASCII param."""
    return request.param
`;

const MODULE = `"""Non-ASCII and control characters in every kind of id."""
import pytest


@pytest.mark.parametrize("text", ["é", "日本", "a\\tb", pytest.param("x", id="ü-id")], ids=None)
def test_values__non_ascii__then_as_pytest_shows(text: str) -> None:
    """Values, and a pytest.param id."""


@pytest.mark.parametrize("n", [1, 2], ids=["ñ", "zwölf"])
def test_ids__listed__then_as_pytest_shows(n: int) -> None:
    """An ids= list."""


def test_fixture__non_ascii_param__then_as_pytest_shows(word: str) -> None:
    """A conftest fixture's params."""
`;

describe('id escaping as the ini option says', () => {
  const { parser, tree } = parserAndTrees('pytest-patterns-escaping-');

  for (const disabled of [true, false]) {
    it(`${disabled ? 'with' : 'without'} the option: the ids pytest collects, in its order`, () => {
      const option = disabled ? 'disable_test_id_escaping_and_forfeit_all_rights_to_community_support = true\n' : '';
      const root = tree({ 'pytest.ini': `[pytest]\n${option}`, 'conftest.py': CONFTEST, 'test_escaping.py': MODULE });
      const { ids, output } = pytestNodeIds(root);
      assert.equal(ids.length, 8, `pytest should collect eight tests:\n${output}`);
      assert.equal(ids.some((id) => id.includes('日本')), disabled, 'pytest escapes ids unless the option is set');
      const discovery = new StaticDiscovery(parser(), root, { config: findPytestConfig(root), paths: [root] });
      assert.deepEqual(flattenTests(discovery.discoverAll()).map((t) => t.nodeid), ids);
    });
  }
});
