// Debug profile: the reporter plugin starts debugpy in pytest and reports where it listens; we
// attach VS Code's Python debugger (the `debugpy` debug type of the Python extension) to it.

import * as vscode from 'vscode';

export async function attachDebugger(folder: vscode.WorkspaceFolder | undefined, host: string, port: number): Promise<string | undefined> {
  const configuration: vscode.DebugConfiguration = {
    type: 'debugpy',
    request: 'attach',
    name: 'Pytest Patterns: debug tests',
    connect: { host, port },
    justMyCode: false,
  };
  try {
    const started = await vscode.debug.startDebugging(folder, configuration);
    return started ? undefined : 'VS Code could not attach: install the Python Debugger extension (ms-python.debugpy).';
  } catch (error) {
    return `VS Code could not attach the debugger: ${(error as Error).message}`;
  }
}
