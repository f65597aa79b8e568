import type { CompletionItem, Position, ServerCapabilities } from 'vscode-languageserver';
import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { FixtureDefinition } from '../engine/fixtures/types';
import { dottedName } from '../engine/model/syntax';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import { testFunctionSnippet } from '../engine/actions/testFunctionSnippet';
import { URI } from '../uri';
import type { ServerContext } from '../context';
import { visibleFixtures } from '../engine/fixtures/resolve';
import { allTests } from '../engine/model/buildModel';
import type { Decorated } from '../engine/model/types';
import { rangeOf } from '../engine/text/positions';
import { comparePositions } from '../engine/text/positions';
import { documentFixtures } from './fixtureIndex';

const ORIGIN_LABEL = { class: 'class', module: 'this module', conftest: 'conftest', plugin: 'plugin', builtin: 'built-in', extra: 'setting' } as const;

/** Completes fixture names inside the signature of a test or fixture, in pytest's priority order. */
export function register(context: ServerContext, capabilities: ServerCapabilities): void {
  capabilities.completionProvider = { triggerCharacters: ['(', ',', ' ', '"', "'"] };
  context.connection.onCompletion(async ({ textDocument, position }): Promise<CompletionItem[]> => {
    const document = context.documents.get(textDocument.uri);
    if (!document) return [];
    const found = await documentFixtures(context, document);
    if (!found) return [];
    const { file, view } = found;
    const functions: Decorated[] = [...allTests(file), ...file.fixtures];
    const inUsefixtures = usefixturesString(file.root, position);
    if (inUsefixtures) return items(visibleFixtures(view.lookup(inUsefixtures.className)), new Set());
    const owner = functions.find((fn) => {
      const parameters = fn.node.childForFieldName('parameters');
      if (!parameters) return false;
      const range = rangeOf(parameters);
      return comparePositions(range.start, position) < 0 && comparePositions(position, range.end) < 0;
    });
    if (!owner) return presetTestSnippet(context, document.uri, document.getText({ start: { line: position.line, character: 0 }, end: position }));
    const taken = new Set(owner.params.map((p) => p.name));
    const self = file.fixtures.find((f) => f.node === owner.node);
    return items(
      visibleFixtures(view.lookup(owner.className)).filter((f) => f.name !== self?.fixtureName || f.path !== file.path),
      taken,
    );
  });
}

function items(fixtures: FixtureDefinition[], taken: Set<string>): CompletionItem[] {
  return fixtures
      .filter((f) => !taken.has(f.name))
      .map((f, rank) => ({
        label: f.name,
        kind: CompletionItemKind.Variable,
        detail: `fixture · ${f.scope} · ${ORIGIN_LABEL[f.origin]}${f.plugin && f.origin !== 'builtin' ? ` (${f.plugin})` : ''}`,
        documentation: f.docstring ? { kind: MarkupKind.Markdown, value: f.docstring.trim() } : undefined,
        sortText: String(rank).padStart(5, '0'),
      }));
}

/** The cursor inside a string of `@pytest.mark.usefixtures("...")`, and the class around it. */
function usefixturesString(root: SyntaxNode, position: Position): { className?: string } | undefined {
  const node = root.descendantForPosition({ row: position.line, column: position.character });
  const string = node?.type === 'string' ? node : node?.parent?.type === 'string' ? node.parent : undefined;
  const call = string?.parent?.type === 'argument_list' ? string.parent.parent : undefined;
  if (!call || !/(?:^|\.)mark\.usefixtures$/.test(dottedName(call.childForFieldName('function')) ?? '')) return undefined;
  let className: string | undefined;
  for (let n = call.parent; n; n = n.parent) {
    if (n.type === 'class_definition' && n.childForFieldName('body')?.startIndex !== undefined && n.childForFieldName('body')!.startIndex <= call.startIndex) {
      className = n.childForFieldName('name')?.text;
      break;
    }
  }
  return { className };
}

/**
 * The static "Test function" snippet follows the default naming preset; when the team configured
 * another preset, a test snippet in that shape is offered where a statement starts.
 */
async function presetTestSnippet(context: ServerContext, uri: string, linePrefix: string): Promise<CompletionItem[]> {
  if (!/^\s*\w*$/.test(linePrefix)) return [];
  const editorSettings = await context.settings.get(uri);
  const { settings } = context.linter.settingsFor(URI.toPath(uri), { editorSettings });
  const preset = String(settings.rules['test-name-format']?.preset ?? 'unit-condition-then');
  if (preset === 'unit-condition-then') return [];
  const snippet = testFunctionSnippet(preset);
  if (!snippet) return [];
  return [
    {
      label: 'test',
      kind: CompletionItemKind.Snippet,
      detail: `Test function (${preset} naming)`,
      insertText: snippet,
      insertTextFormat: InsertTextFormat.Snippet,
      documentation: { kind: MarkupKind.Markdown, value: `A test named the way \`test-name-format\` (preset \`${preset}\`) expects.` },
    },
  ];
}
