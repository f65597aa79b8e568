import * as path from 'node:path';
import type { ServerCapabilities } from 'vscode-languageserver';
import type { Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { URI } from '../context';
import { FixtureIndex } from '../engine/fixtures/index';
import type { FixtureView } from '../engine/fixtures/project';
import { fixtureIndexOf, fixtureView, withFixtureIndex } from '../engine/fixtures/project';
import { buildModel } from '../engine/model/buildModel';
import type { PytestFile } from '../engine/model/types';
import { comparePositions } from '../engine/text/positions';
import type { FixtureDefinition, FixtureRequest } from '../engine/fixtures/types';
import { candidates, resolveRequest, sameDefinition } from '../engine/fixtures/resolve';

const FILE_DELETED = 3;

/**
 * Builds the workspace fixture index at startup (in the background), keeps it in step with open
 * documents and with watched-file events, and re-checks diagnostics once the first scan finished.
 */
export function register(context: ServerContext, _capabilities: ServerCapabilities): void {
  const index = new FixtureIndex({ roots: context.workspaceFolders, parser: context.linter.parser, python: process.env.PYTEST_PATTERNS_PYTHON ?? 'python3' });
  withFixtureIndex(context.project, index);
  // After the initialize response: the scan yields to the event loop every few files.
  setImmediate(() => {
    const started = Date.now();
    const scanned = index.scan();
    void index.whenConftestsRead().then(() => context.refreshDiagnostics());
    // Plugins are read from the site-packages of the Python the tests run with (`pytestPatterns.python.path`).
    const configured = context.clientCapabilities.configuration
      ? context.connection.workspace.getConfiguration({ section: 'pytestPatterns.python.path' }).then((python: unknown) => {
          if (typeof python === 'string' && python.trim()) index.setPython(python.trim());
        }, () => undefined)
      : Promise.resolve();
    void Promise.all([scanned, configured]).then(() => {
      context.log(`pytest-patterns: fixture index ready (${[...index.summaries()].length} files, ${Date.now() - started} ms)`);
      context.refreshDiagnostics();
    });
  });
  context.documents.onDidChange((document) => {
    if (!document.uri.startsWith('file:') || !document.uri.endsWith('.py')) return;
    const filePath = URI.toPath(document.uri);
    const before = fixtureNames(index, filePath);
    index.updateFromTree(filePath, context.documents.tree(document));
    // Other files' diagnostics depend on a conftest's fixtures: re-check them when its set changes.
    if (filePath.endsWith('conftest.py') && fixtureNames(index, filePath) !== before) context.refreshDiagnostics();
  });
  context.onWatchedFilesChanged((changes) => {
    let touched = false;
    for (const change of changes) {
      if (!change.uri.startsWith('file:')) continue;
      if (!change.uri.endsWith('.py')) {
        // A deleted folder: its files go with it (a watcher reports the folder alone).
        if (change.type !== FILE_DELETED) continue;
        const folder = URI.toPath(change.uri) + path.sep;
        const inside = [...index.summaries()].map((summary) => summary.path).filter((file) => file.startsWith(folder));
        inside.forEach((file) => index.remove(file));
        touched ||= inside.length > 0;
        continue;
      }
      // Open documents are tracked from their edits, not from disk.
      if (context.documents.get(change.uri) && change.type !== FILE_DELETED) continue;
      const filePath = URI.toPath(change.uri);
      if (change.type === FILE_DELETED) index.remove(filePath);
      else if (index.isIndexed(filePath)) index.updateFromDisk(filePath);
      else index.fileAppeared(filePath);
      touched = true;
    }
    if (touched) context.refreshDiagnostics();
  });
  context.onConfigFilesChanged(() => index.clearConfigCache());
}

function fixtureNames(index: FixtureIndex, filePath: string): string {
  return (index.summary(filePath)?.fixtures ?? []).map((f) => f.name).sort().join(',');
}

/** The open document's model and fixture view (the index summarizes the live text). */
export async function documentFixtures(context: ServerContext, document: TextDocument, wholeWorkspace = false): Promise<{ file: PytestFile; view: FixtureView } | undefined> {
  const index = fixtureIndexOf(context.project);
  if (!index) return undefined;
  // Answers before the first scan would miss conftest fixtures: wait for them (read once, first);
  // usages (references, rename) need every test file.
  await (wholeWorkspace ? index.whenScanned() : index.whenConftestsRead());
  const filePath = URI.toPath(document.uri);
  const tree = context.documents.tree(document);
  const file = buildModel(filePath, tree.rootNode, context.linter.pytestConfigFor(filePath).collection);
  const view = fixtureView(context.project, file);
  return view ? { file, view } : undefined;
}

function contains(range: { start: Position; end: Position }, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** What sits under the cursor: a fixture request (parameter, usefixtures name) or a fixture definition's name. */
export function fixtureAt(view: FixtureView, position: Position): { request?: FixtureRequest; definition?: FixtureDefinition; resolved: FixtureDefinition[] } | undefined {
  const request = view.summary.requests.find((r) => contains(r.range, position));
  if (request) {
    const requester = request.ownerKind === 'fixture' ? view.summary.fixtures.find((f) => f.name === request.owner && f.className === request.className) : undefined;
    return { request, resolved: resolveRequest(view.lookup(request.className), request.name, requester) };
  }
  const definition = view.summary.fixtures.find((f) => contains(f.nameRange, position));
  if (definition) {
    // The definition itself, then what it overrides further up the chain (for hover).
    const all = candidates(view.lookup(definition.className), definition.name);
    const at = all.findIndex((f) => sameDefinition(f, definition));
    return { definition, resolved: at < 0 ? [definition] : all.slice(at) };
  }
  return undefined;
}
