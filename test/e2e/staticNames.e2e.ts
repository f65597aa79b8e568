// Two shapes pytest collects that name-based static discovery used to get wrong, in the real
// editor: cases parametrized with another module's alias (pytest names them after the target's
// `__name__`), a unittest.TestCase class whose name does not start with Test, and cases a helper
// of the module builds in a loop (discovery runs it). The tree must show pytest's ids as certain,
// and running them through cargo must pass every one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testingApi, workspaceFile, workspaceTrustEnabled, writeTestFile } from './helpers';
import type { TestingApi } from '../../src/testing';

// Written by this suite into the (throwaway) workspace copy, so the example crate's counts stay as they are.
const HELPER = 'python/tests/word_counters.py';
const FILE = 'python/tests/test_static_names.py';
const HELPER_SOURCE = `"""Word counters the tests parametrize with: one function under two names."""


def count_words(text: str) -> int:
    """Counts the whitespace-separated words of a text."""
    return len(text.split())


tally = count_words
`;
const SOURCE = `"""Ids that depend on another module, and a unittest class."""

import unittest
from collections.abc import Callable

import pytest

import word_counters as wc


@pytest.mark.parametrize("counter", [wc.count_words, wc.tally])
def test_counter__two_words__then_two(counter: Callable[[str], int]) -> None:
    """Both names are one function: pytest names both cases after it."""
    assert counter("two words") == 2


def word_cases() -> list:
    """Texts and their word counts, built by a loop: static discovery runs it."""
    cases = []
    for words in range(1, 3):
        cases.append(pytest.param(" ".join(["w"] * words), words, id=f"{words}_words"))
    return cases


@pytest.mark.parametrize("text,expected", word_cases())
def test_count_words__built_texts__then_counted(text: str, expected: int) -> None:
    """Cases from a helper of this module."""
    assert wc.count_words(text) == expected


class WordCounterChecks(unittest.TestCase):
    """Not named Test*: pytest collects it because it is a TestCase."""

    def test_tally__empty_text__then_zero(self) -> None:
        """Listed second: unittest sorts its methods by name."""
        self.assertEqual(wc.tally(""), 0)

    def test_count_words__only_spaces__then_zero(self) -> None:
        """Listed first."""
        self.assertEqual(wc.count_words("   "), 0)
`;
const FUNCTION = `${FILE}::test_counter__two_words__then_two`;
const CLASS = `${FILE}::WordCounterChecks`;
const BUILT = `${FILE}::test_count_words__built_texts__then_counted`;
// What \`pytest --collect-only\` prints for this file.
const PYTEST_IDS = [
  `${FUNCTION}[count_words0]`,
  `${FUNCTION}[count_words1]`,
  `${BUILT}[1_words]`,
  `${BUILT}[2_words]`,
  `${CLASS}::test_count_words__only_spaces__then_zero`,
  `${CLASS}::test_tally__empty_text__then_zero`,
];
// Generous: the run may build the crate from scratch in the copied workspace.
const DEADLINE_MS = 240_000;

function childrenInOrder(item: vscode.TestItem | undefined): vscode.TestItem[] {
  return [...(item?.children ?? [])].map(([, child]) => child).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

suite('static discovery: names from other modules and unittest classes', () => {
  let api: TestingApi;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await vscode.workspace.fs.writeFile(workspaceFile(HELPER), new TextEncoder().encode(HELPER_SOURCE));
    await writeTestFile(api, FILE, SOURCE, FUNCTION);
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(workspaceFile(FILE));
    await vscode.workspace.fs.delete(workspaceFile(HELPER));
  });

  test('the tree shows pytest\'s ids, certain, in pytest\'s order', () => {
    const cases = childrenInOrder(api.findItem(FUNCTION));
    assert.deepEqual(cases.map((c) => c.label), ['count_words0', 'count_words1'], 'the alias is named after its target, with duplicate suffixes');
    assert.deepEqual(cases.map((c) => c.description), [undefined, undefined], 'not marked "id guessed"');
    const methods = childrenInOrder(api.findItem(CLASS));
    assert.deepEqual(methods.map((m) => m.label), ['test_count_words__only_spaces__then_zero', 'test_tally__empty_text__then_zero']);
    const built = childrenInOrder(api.existingItem(BUILT));
    assert.deepEqual(built.map((c) => [c.label, c.description]), [['1_words', undefined], ['2_words', undefined]], 'the helper\'s cases, certain');
    assert.equal(api.existingItem(BUILT)?.description, undefined, 'not "cases known after Refresh"');
    for (const id of PYTEST_IDS) assert.ok(api.existingItem(id), `${id} is in the tree`);
  });

  test('running them through cargo passes each one (the ids select pytest\'s items)', async function () {
    if (workspaceTrustEnabled()) return this.skip(); // nothing runs in an untrusted workspace
    this.timeout(DEADLINE_MS + 30_000);
    const record = await api.run([FUNCTION, BUILT, CLASS]);
    assert.deepEqual(PYTEST_IDS.map((id) => [id, record.results.get(id)?.state]), PYTEST_IDS.map((id) => [id, 'passed']));
  });
});
