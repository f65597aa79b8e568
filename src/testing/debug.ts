// Debug profile: the reporter plugin starts debugpy in pytest and reports where it listens; we
// attach VS Code's Python debugger (the `debugpy` debug type of the Python Debugger extension) to it.
// pytest blocks until a client attaches, so a failed attach must end the run, never leave it waiting.

import * as vscode from 'vscode';
import { terminalText } from './runMapper';

export const DEBUG_TYPE = 'debugpy';
export const NO_DEBUGGER_MESSAGE =
  'Cannot debug the tests: no installed extension provides the `debugpy` debugger. Install the Python Debugger extension (ms-python.debugpy), then debug again.';

/** True when an installed extension contributes a debugger of `type`. */
function debuggerInstalled(type: string): boolean {
  return vscode.extensions.all.some((extension) => {
    const debuggers: unknown = extension.packageJSON?.contributes?.debuggers;
    return Array.isArray(debuggers) && debuggers.some((entry) => entry?.type === type);
  });
}

/** Attaches to debugpy at host:port; resolves with why it could not, or undefined once attached. */
export async function attachDebugger(folder: vscode.WorkspaceFolder | undefined, host: string, port: number): Promise<string | undefined> {
  // Checked first: for an unknown type VS Code shows its own prompt, and pytest would wait meanwhile.
  if (!debuggerInstalled(DEBUG_TYPE)) return NO_DEBUGGER_MESSAGE;
  const configuration: vscode.DebugConfiguration = {
    type: DEBUG_TYPE,
    request: 'attach',
    name: 'Pytest Patterns: debug tests',
    connect: { host, port },
    justMyCode: false,
  };
  try {
    const started = await vscode.debug.startDebugging(folder, configuration);
    return started ? undefined : `VS Code could not attach the debugger to debugpy at ${host}:${port}; see the Debug Console.`;
  } catch (error) {
    return `VS Code could not attach the debugger to debugpy at ${host}:${port}: ${(error as Error).message}`;
  }
}

/**
 * Attaches, or calls `stop` with the reason when attaching fails: pytest waits in
 * debugpy.wait_for_client() until a client comes, so the caller must end the run then.
 */
export function attachOrStop(
  run: vscode.TestRun, folder: vscode.WorkspaceFolder | undefined, host: string, port: number, stop: (problem: string) => void,
): void {
  run.appendOutput(terminalText(`[pytest-patterns] debugpy listens on ${host}:${port}; attaching VS Code's debugger\n`));
  void attachDebugger(folder, host, port).then((problem) => problem && stop(problem));
}
