// Configuration the server cannot use must reach the user, not only the log: under a pyproject.toml
// that does not parse nothing is linted, and a `select`/`ignore` entry that names no rule silently
// checks less. Each distinct problem is shown once as a warning; after a settings or config file
// change it may show again.

import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import type { LintOptions } from '../engine/lint/linter';

const shown = new WeakMap<ServerContext, Set<string>>();

/** Warns once about what in the settings applying to `filePath` names no rule. */
export function noticeSelectorProblems(context: ServerContext, filePath: string, options: LintOptions): void {
  for (const { where, message } of context.linter.configProblems(filePath, options)) {
    noticeConfigProblem(context, `${where === 'editor' ? 'the pytestPatterns.select / pytestPatterns.ignore settings' : where}: ${message}`);
  }
}

export function noticeConfigProblem(context: ServerContext, message: string): void {
  let seen = shown.get(context);
  if (!seen) {
    const fresh = new Set<string>();
    shown.set(context, (seen = fresh));
    context.onDiagnosticsRefresh(() => fresh.clear());
  }
  if (seen.has(message)) return;
  seen.add(message);
  context.log(`configuration problem: ${message}`);
  // A notification, not showWarningMessage's request: nothing to answer, nothing to reject for clients without it.
  void context.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Pytest Patterns: ${message}` });
}
