import * as vscode from 'vscode';

/**
 * "Generate Fixture" from the palette: offers the server's fixture generators for the cursor (an
 * unknown parameter, or selected setup lines) in a quick pick, then applies the chosen one.
 */
export async function generateFixture(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') {
    void vscode.window.showInformationMessage('Pytest Patterns: open a Python test file and put the cursor on a test parameter.');
    return;
  }
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    editor.document.uri,
    editor.selection,
  );
  const generators = (actions ?? []).filter((a) => /fixture/i.test(a.title) && !/^(Disable|Show documentation)/.test(a.title));
  if (generators.length === 0) {
    void vscode.window.showInformationMessage(
      'Pytest Patterns: nothing to generate here. Put the cursor on a parameter no fixture provides, or select setup lines of a test.',
    );
    return;
  }
  const pick = generators.length === 1 ? { action: generators[0] } : await vscode.window.showQuickPick(
    generators.map((action) => ({ label: action.title, action })),
    { placeHolder: 'Generate which fixture?' },
  );
  if (!pick) return;
  if (pick.action.edit) await vscode.workspace.applyEdit(pick.action.edit);
  if (pick.action.command) await vscode.commands.executeCommand(pick.action.command.command, ...(pick.action.command.arguments ?? []));
}
