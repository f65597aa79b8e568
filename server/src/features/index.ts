import type { ServerCapabilities } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import * as codeActions from './codeActions';
import * as completion from './completion';
import * as definition from './definition';
import * as diagnostics from './diagnostics';
import * as documentSymbols from './documentSymbols';
import * as fixtureIndex from './fixtureIndex';
import * as generateActions from './generateActions';
import * as hover from './hover';
import * as references from './references';
import * as rename from './rename';

export interface Feature {
  /** Installs handlers; may add to the capabilities the server announces. */
  register(context: ServerContext, capabilities: ServerCapabilities): void;
}

/** Every LSP feature, listed explicitly; each lives in its own file. */
export const FEATURES: readonly Feature[] = [fixtureIndex, diagnostics, codeActions, generateActions, definition, hover, completion, references, rename, documentSymbols];
