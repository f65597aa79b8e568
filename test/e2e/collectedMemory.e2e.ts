// Cases only pytest knows (parametrize values computed at import time) survive edits: Refresh
// collects them through cargo, then an edit elsewhere in the file re-discovers it statically, and
// the cases are still there, now "from the last collection" instead of "known after Refresh".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fileRebuilt, openInEditor, replaceLine, testingApi, workspaceFile, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';

// Written by this suite into the (throwaway) workspace copy, so the example crate's counts stay as they are.
const FILE = 'python/tests/test_collected_memory.py';
const COMPUTED = 'test_tokenizer__computed_budget__then_accepts_that_many_words';
const OTHER_DOCSTRING = '"""Whitespace alone has no tokens."""';
const SOURCE = `"""Budgets computed at import time: only pytest's collection knows these cases."""

from __future__ import annotations

import pytest

from query_engine import Tokenizer, count_tokens


def budgets() -> list[int]:
    """Token budgets derived from the default budget, as a real suite might compute them."""
    return [Tokenizer().max_tokens // divisor for divisor in (256, 128, 64)]


@pytest.mark.parametrize("budget", budgets())
def ${COMPUTED}(budget: int) -> None:
    """A text of exactly \`budget\` words fits the budget."""
    tokenizer = Tokenizer(max_tokens=budget)
    assert tokenizer.add("word " * budget) == budget


def test_count_tokens__blank_text__then_zero() -> None:
    ${OTHER_DOCSTRING}
    assert count_tokens("   ") == 0
`;
// What pytest computes: 1024 // 256, 1024 // 128, 1024 // 64.
const PYTEST_CASES = ['4', '8', '16'];
// Generous: Refresh may build the crate from scratch in the copied workspace.
const DEADLINE_MS = 240_000;

function caseLabels(item: vscode.TestItem | undefined): string[] {
  return [...(item?.children ?? [])].map(([, child]) => child).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((child) => child.label);
}

suite('collected cases memory', () => {
  if (workspaceTrustEnabled()) {
    test.skip('collected cases survive an edit (skipped: Refresh collects nothing through cargo in an untrusted workspace)', () => undefined);
    return;
  }

  let api: TestingApi;
  const nodeid = `${FILE}::${COMPUTED}`;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await vscode.workspace.fs.writeFile(workspaceFile(FILE), new TextEncoder().encode(SOURCE));
    await api.discover();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile(FILE));
  });

  test('cases collected by Refresh are still there after an edit elsewhere in the file', async function () {
    this.timeout(DEADLINE_MS + 30_000);
    await api.refresh();
    const [crate] = [...api.controller.items].map(([, item]) => item);
    assert.equal(crate.error, undefined, `refresh error: ${typeof crate.error === 'string' ? crate.error : crate.error?.value}`);
    const collected = api.findItem(nodeid);
    assert.deepEqual(caseLabels(collected), PYTEST_CASES, 'Refresh added the cases pytest computed');
    assert.equal(collected?.description, 'cases from the last collection');
    const [{ memoryFile }] = await api.discoveryStats();
    assert.ok(memoryFile, 'the crate keeps its memory in the workspace storage');
    const saved = JSON.parse(fs.readFileSync(memoryFile, 'utf8')) as { files: Record<string, { functions: Record<string, string[]> }> };
    assert.deepEqual(saved.files[FILE]?.functions[COMPUTED], PYTEST_CASES, 'the memory file has them: the next window reads them back');

    const editor = await openInEditor(FILE);
    const updates = async (): Promise<number> => {
      const counts = (await api.discoveryStats())[0].fileUpdates[FILE];
      return (counts?.rebuilt ?? 0) + (counts?.kept ?? 0);
    };
    const updatesBefore = await updates();
    await replaceLine(api, editor, FILE, OTHER_DOCSTRING, `    """Whitespace alone has no tokens at all."""`);

    const afterEdit = api.findItem(nodeid);
    assert.equal(await updates(), updatesBefore + 1, 'the edit re-discovered the file');
    assert.deepEqual(caseLabels(afterEdit), PYTEST_CASES, 'the computed cases survive the static update');
    assert.equal(afterEdit?.description, 'cases from the last collection');
    assert.ok(afterEdit?.children.get(`${afterEdit.id}[8]`), 'the case items have pytest\'s node ids');

    const reverted = fileRebuilt(api, FILE);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await reverted;
    assert.deepEqual(caseLabels(api.findItem(nodeid)), PYTEST_CASES);
  });

  test('a normal run teaches the memory what pytest computes now (the values changed)', async function () {
    this.timeout(DEADLINE_MS + 30_000);
    const editor = await openInEditor(FILE);
    await replaceLine(api, editor, FILE, 'for divisor in (256, 128, 64)', '    return [Tokenizer().max_tokens // divisor for divisor in (256, 128)]');
    assert.deepEqual(caseLabels(api.findItem(nodeid)), PYTEST_CASES, 'stale until pytest collects again');
    await editor.document.save();
    const record = await api.run([nodeid]);
    assert.equal(record.results.get(`${nodeid}[8]`)?.state, 'passed');
    assert.deepEqual(caseLabels(api.findItem(nodeid)), ['4', '8'], 'the run replaced the function\'s memory');
    await replaceLine(api, editor, FILE, OTHER_DOCSTRING, '    """Blank text has no tokens."""');
    assert.deepEqual(caseLabels(api.findItem(nodeid)), ['4', '8'], 'and an edit keeps what the run taught');
    // Leave nothing dirty behind: later suites watch saves.
    const reverted = fileRebuilt(api, FILE);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await reverted;
  });
});
