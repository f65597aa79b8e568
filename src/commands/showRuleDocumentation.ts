import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Opens a rule's docs page as rendered Markdown; asks for the rule when none is given. */
export async function showRuleDocumentation(context: vscode.ExtensionContext, code?: string): Promise<void> {
  const docsDir = context.asAbsolutePath(path.join('dist', 'docs', 'rules'));
  if (!code) {
    const pages = fs.existsSync(docsDir) ? fs.readdirSync(docsDir).filter((f) => /^PP\d{3}\.md$/.test(f)).sort() : [];
    const picks = pages.map((file) => ({ label: file.replace(/\.md$/, ''), description: titleOf(path.join(docsDir, file)) }));
    code = (await vscode.window.showQuickPick(picks, { placeHolder: 'Which rule?', matchOnDescription: true }))?.label;
    if (!code) return;
  }
  const page = vscode.Uri.file(path.join(docsDir, `${code}.md`));
  if (!fs.existsSync(page.fsPath)) {
    void vscode.window.showErrorMessage(`Pytest Patterns has no rule ${code}.`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
}

function titleOf(file: string): string {
  const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0];
  return first.replace(/^#\s*PP\d{3}\s*/, '').replace(/`/g, '');
}
