// Snippets and onboarding in the real editor: the contributed snippets, inserted through VS Code's
// own snippet machinery, give code the language server finds nothing wrong with; the walkthrough opens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { requesterFor } from '../support/pythonSnippetFile';
import { expandSnippet } from '../support/snippetExpansion';
import { EXTENSION_ID, codeOf, describeDiagnostics, ourDiagnostics, waitForDiagnostics, workspaceFile } from './helpers';

const FOLDER = 'python/tests/snippets_e2e';
const WALKTHROUGH = 'gettingStarted';
const DEADLINE_MS = 30_000;

interface SnippetCase {
  file: string;
  /** Inserted one after another, each on a fresh line at the end of the file. */
  snippets: string[];
  /** What a user would have at the top of the module before inserting. */
  imports: string[];
}

// The snippets a user reaches for first; fragments inside a test body are covered by the unit test.
const CASES: SnippetCase[] = [
  { file: 'test_function.py', snippets: ['Test function'], imports: [] },
  { file: 'test_async.py', snippets: ['Async test'], imports: ['import asyncio', '', 'import pytest'] },
  { file: 'test_class.py', snippets: ['Test class'], imports: [] },
  { file: 'test_fixture.py', snippets: ['Fixture'], imports: ['import pytest'] },
  {
    file: 'test_fixture_yield.py',
    snippets: ['Fixture with teardown (yield)'],
    imports: ['from collections.abc import Iterator', 'from pathlib import Path', '', 'import pytest'],
  },
  { file: 'test_fixture_factory.py', snippets: ['Factory fixture'], imports: ['from collections.abc import Callable', '', 'import pytest'] },
  { file: 'test_fixture_session.py', snippets: ['Session fixture (tmp_path_factory)'], imports: ['from pathlib import Path', '', 'import pytest'] },
  { file: 'test_parametrize.py', snippets: ['Parametrized test'], imports: ['import pytest'] },
  { file: 'test_parametrize_multi.py', snippets: ['Parametrized test (several arguments)'], imports: ['import pytest'] },
  { file: 'test_parametrize_ids.py', snippets: ['Parametrized test (pytest.param with ids)'], imports: ['import pytest'] },
  { file: 'test_monkeypatch.py', snippets: ['Test with monkeypatch'], imports: ['import os', '', 'import pytest'] },
  { file: 'test_caplog.py', snippets: ['Test with caplog'], imports: ['import logging', '', 'import pytest'] },
  { file: 'test_capsys.py', snippets: ['Test with capsys'], imports: ['import pytest'] },
  { file: 'test_marked.py', snippets: ['Mark: slow', 'Test function'], imports: ['import pytest'] },
  { file: 'conftest.py', snippets: ['conftest.py skeleton'], imports: [] },
];

// Appended after the snippets: once its PP101 shows, the server has linted a version holding all of them.
const SENTINEL = ['', '', '', 'def test_sentinel() -> None:', '    """Only here to be reported."""', '    assert sum([1]) == 1', ''].join('\n');

function extensionSnippets(): Record<string, { body: string | string[] }> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'snippets', 'python.json'), 'utf8'));
}

function moduleHeader(snippetCase: SnippetCase): string {
  if (snippetCase.snippets[0] === 'conftest.py skeleton') return '';
  const imports = snippetCase.imports.length > 0 ? `\n${snippetCase.imports.join('\n')}\n` : '';
  // Two blank lines before the first definition, which goes on the (empty) last line.
  return `"""Written by the snippets e2e test."""\n\nfrom __future__ import annotations\n${imports}\n\n`;
}

function endOf(document: vscode.TextDocument): vscode.Position {
  return document.lineAt(document.lineCount - 1).range.end;
}

/** Inserts the named contributed snippet at the end of the file, accepting every default. */
async function insertAtEnd(editor: vscode.TextEditor, name: string, expected: string): Promise<void> {
  const document = editor.document;
  const last = document.lineAt(document.lineCount - 1);
  if (!last.isEmptyOrWhitespace) {
    await editor.edit((edit) => edit.insert(last.range.end, '\n'));
  }
  const end = endOf(document);
  editor.selection = new vscode.Selection(end, end);
  const before = document.getText();
  await vscode.commands.executeCommand('editor.action.insertSnippet', { name, langId: 'python' });
  await vscode.commands.executeCommand('leaveSnippet');
  const inserted = document.getText().slice(before.length);
  assert.equal(inserted, expected, `snippet "${name}" inserted as the contributed body with its defaults`);
}

/**
 * Creates the file through the editor (not behind its back with workspace.fs), so the saves that
 * follow never meet a "file changed on disk" conflict from a late file-watcher event.
 */
async function createFile(uri: vscode.Uri, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: true, contents: Buffer.from(text, 'utf8') });
  assert.ok(await vscode.workspace.applyEdit(edit), `created ${uri.fsPath}`);
}

/** A test module beside the conftest that requests its fixture; opened so the server indexes it. */
async function openCompanion(requester: string): Promise<void> {
  const uri = workspaceFile(`${FOLDER}/test_uses_conftest.py`);
  const text = `"""Requests the fixture of the conftest snippet."""\n\nfrom __future__ import annotations\n\n\n${requester}\n`;
  await createFile(uri, text);
  await vscode.workspace.openTextDocument(uri);
}

async function waitForTab(matches: (tab: vscode.Tab) => boolean, description: string): Promise<vscode.Tab> {
  const find = (): vscode.Tab | undefined => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(matches);
  return new Promise((resolve, reject) => {
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (tab) finish(() => resolve(tab));
    });
    const timer = setTimeout(() => {
      const open = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
      finish(() => reject(new Error(`timed out waiting for ${description}; open tabs: ${open.join(', ') || 'none'}`)));
    }, DEADLINE_MS);
    function finish(settle: () => void): void {
      clearTimeout(timer);
      subscription.dispose();
      settle();
    }
    const already = find();
    if (already) finish(() => resolve(already));
  });
}

suite('snippets and walkthrough', () => {
  const snippets = extensionSnippets();

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Later suites discover and run the workspace's tests: leave it as it was.
    await vscode.workspace.fs.delete(workspaceFile(FOLDER), { recursive: true, useTrash: false });
  });

  for (const snippetCase of CASES) {
    test(`${snippetCase.snippets.join(' + ')}: inserted through the editor, no diagnostics`, async () => {
      const uri = workspaceFile(`${FOLDER}/${snippetCase.file}`);
      await createFile(uri, moduleHeader(snippetCase));
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document, { preview: false });

      const expansions = snippetCase.snippets.map((name) => {
        const snippet = snippets[name];
        assert.ok(snippet, `the extension contributes no snippet named "${name}"`);
        return expandSnippet(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
      });
      // A fixture nobody requests is rightly reported as unused: request it as the user's test would.
      const requester = requesterFor(expansions.join('\n'));
      if (requester && snippetCase.file === 'conftest.py') await openCompanion(requester);

      for (const [i, name] of snippetCase.snippets.entries()) await insertAtEnd(editor, name, expansions[i]);
      if (requester && snippetCase.file !== 'conftest.py') {
        await editor.edit((edit) => edit.insert(endOf(document), `\n\n\n${requester}`));
      }
      assert.ok(await document.save(), 'saved');

      const sentinelLine = document.lineCount + 2;
      await editor.edit((edit) => edit.insert(endOf(document), SENTINEL));
      assert.equal(document.lineAt(sentinelLine).text.startsWith('def test_sentinel('), true, 'sentinel placed');
      const settled = () => ourDiagnostics(uri, 'PP101').some((d) => d.range.start.line === sentinelLine);
      await waitForDiagnostics(uri, settled, `PP101 on the sentinel test (line ${sentinelLine + 1})`, DEADLINE_MS);
      const onSnippets = ourDiagnostics(uri).filter((d) => d.range.start.line < sentinelLine);
      assert.deepEqual(
        onSnippets.map((d) => `${d.range.start.line + 1}: ${codeOf(d)} ${d.message}`),
        [],
        `diagnostics on the inserted snippets:\n${document.getText()}\n${describeDiagnostics(uri)}`,
      );

      // Without the sentinel the file is exactly the snippets, and nothing at all is reported.
      await editor.edit((edit) => edit.delete(new vscode.Range(document.lineAt(sentinelLine - 3).range.end, endOf(document))));
      await waitForDiagnostics(uri, () => ourDiagnostics(uri).length === 0, 'no pytest-patterns diagnostics', DEADLINE_MS);
      assert.ok(await document.save(), 'saved');
    });
  }

  test('the Rust snippet for the Cargo test that runs pytest is contributed for Rust files', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const rustSnippets = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'snippets', 'rust.json'), 'utf8'));
    const name = 'Cargo integration test that runs pytest';
    assert.ok(rustSnippets[name], `rust.json has "${name}"`);
    // Outside the crate's tests/ folder, so cargo never compiles it.
    const uri = workspaceFile(`${FOLDER}/harness.rs`);
    await createFile(uri, '');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'rust');
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('editor.action.insertSnippet', { name, langId: 'rust' });
    await vscode.commands.executeCommand('leaveSnippet');
    assert.equal(document.getText(), expandSnippet(rustSnippets[name].body.join('\n')));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the walkthrough is contributed with its pages, and its command opens the welcome editor', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const walkthrough = extension.packageJSON.contributes?.walkthroughs?.find((w: { id: string }) => w.id === WALKTHROUGH);
    assert.ok(walkthrough, `walkthrough ${WALKTHROUGH} is contributed`);
    for (const step of walkthrough.steps as { id: string; media: { markdown?: string; image?: string } }[]) {
      const page = step.media.markdown ?? step.media.image;
      assert.ok(page && fs.existsSync(path.join(extension.extensionPath, page)), `step ${step.id}: ${page} is packaged`);
    }

    const isText = (tab: vscode.Tab): boolean => tab.input instanceof vscode.TabInputText;
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => !isText(tab)));
    const opened = waitForTab((tab) => !isText(tab) && /Walkthrough|Welcome/.test(tab.label), 'the welcome editor');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${WALKTHROUGH}`, false);
    await opened;
    // Which walkthrough the page shows is not visible through the API, and in an extension-test
    // window (code-server 4.100.3) the command does not find extension walkthroughs and shows the
    // Welcome page instead; scripts/ui-onboarding.mjs checks in a normal window that
    // "Walkthrough: Pytest Patterns" opens with its steps.
  });
});
