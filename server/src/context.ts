import type { Connection } from 'vscode-languageserver';
import { URI } from './uri';
import type { DocumentStore } from './documents';
import type { Linter } from './engine/lint/linter';
import type { ProjectServices } from './engine/rules/types';
import type { SettingsStore } from './settingsStore';

/** What every LSP feature may use. Features register themselves with `register(context)`. */
export interface ServerContext {
  connection: Connection;
  documents: DocumentStore;
  linter: Linter;
  settings: SettingsStore;
  /** Cross-file services for rules and features (fixture index, …), filled by the features that own them. */
  project: ProjectServices;
  /** Workspace folder paths, from initialize and folder change events. */
  workspaceFolders: string[];
  clientCapabilities: {
    pullDiagnostics: boolean;
    snippetEdits: boolean;
    configuration: boolean;
  };
  /** Forgets every cached finding and asks the client to pull again (push-only clients get them re-published). */
  refreshDiagnostics(): void;
  /** Listeners run by `refreshDiagnostics`. */
  onDiagnosticsRefresh(listener: () => void): void;
  /** Listeners run for every watched-file event batch (created/changed/deleted files, as URIs). */
  onWatchedFilesChanged(listener: (changes: { uri: string; type: number }[]) => void): void;
  /** Listeners run when a config file (pyproject.toml, pytest.ini, …) changes. */
  onConfigFilesChanged(listener: () => void): void;
  log(message: string): void;
}

export { URI };
