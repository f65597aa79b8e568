// `HTTPStatus.OK` in a parametrize list: pytest ids an IntEnum member by `str()`, the number on
// Python 3.11 and later. Static discovery gives the number, flagged as a guess (it does not know the
// crate's Python), where it used to fall back to `code0`. Compared with the real pytest here.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTrees } from '../../support/fileTree';
import { pytestNodeIds } from './pytestSuite';

const SOURCE = `import http
from http import HTTPStatus as Status

import pytest


@pytest.mark.parametrize("code", [Status.OK, Status.NOT_FOUND, http.HTTPStatus.IM_A_TEAPOT, Status.UNPROCESSABLE_ENTITY])
def test_status__listed__then_numbers(code: int) -> None:
    """Ids from the members' values."""
    assert code >= 200


@pytest.mark.parametrize("code", [Status.OK, 200])
def test_status__same_value__then_suffixed(code: int) -> None:
    """A member and its value give the same id: pytest numbers both."""
    assert code == 200
`;

describe('standard library IntEnum members', () => {
  const { parser, tree } = parserAndTrees('pytest-patterns-stdlib-enums-');

  it('gives pytest\'s ids for HTTPStatus members, flagged as guesses', () => {
    const root = tree({ 'tests/test_http.py': SOURCE });
    const { ids, output } = pytestNodeIds(root);
    const tests = flattenTests(new StaticDiscovery(parser(), root).discoverAll());
    assert.deepEqual(tests.map((t) => t.nodeid), ids, output);
    assert.ok(tests.every((t) => t.guessed), 'the id depends on the Python version: a guess');
  });
});
