import type { ServerCapabilities } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import * as codeActions from './codeActions';
import * as diagnostics from './diagnostics';

export interface Feature {
  /** Installs handlers; may add to the capabilities the server announces. */
  register(context: ServerContext, capabilities: ServerCapabilities): void;
}

/** Every LSP feature, listed explicitly; each lives in its own file. */
export const FEATURES: readonly Feature[] = [diagnostics, codeActions];
