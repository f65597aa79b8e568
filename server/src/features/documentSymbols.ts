import type { DocumentSymbol, ServerCapabilities } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { URI } from '../context';
import { buildModel } from '../engine/model/buildModel';
import type { Fixture, TestClass, TestFunction } from '../engine/model/types';
import { rangeOf } from '../engine/text/positions';

function fixtureSymbol(fixture: Fixture): DocumentSymbol {
  return { name: fixture.fixtureName, detail: `fixture (${fixture.scope}${fixture.autouse ? ', autouse' : ''})`, kind: SymbolKind.Property, range: rangeOf(fixture.outer), selectionRange: fixture.nameRange };
}

function testSymbol(test: TestFunction): DocumentSymbol {
  const cases = test.parametrize.reduce((n, p) => n * (p.rows?.length ?? 1), 1);
  return { name: test.name, detail: test.parametrize.length ? `test × ${cases}` : 'test', kind: SymbolKind.Method, range: rangeOf(test.outer), selectionRange: test.nameRange };
}

function classSymbol(cls: TestClass, fixtures: Fixture[]): DocumentSymbol {
  const children = [...fixtures.filter((f) => f.className === cls.name).map(fixtureSymbol), ...cls.tests.map(testSymbol), ...cls.classes.map((c) => classSymbol(c, fixtures))];
  return { name: cls.name, detail: 'test class', kind: SymbolKind.Class, range: rangeOf(cls.outer), selectionRange: cls.nameRange, children: children.sort(byStart) };
}

function byStart(a: DocumentSymbol, b: DocumentSymbol): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Outline of a test module or conftest: tests, test classes and fixtures. */
export function register(context: ServerContext, capabilities: ServerCapabilities): void {
  capabilities.documentSymbolProvider = true;
  context.connection.onDocumentSymbol(({ textDocument }): DocumentSymbol[] => {
    const document = context.documents.get(textDocument.uri);
    if (!document || !document.uri.endsWith('.py')) return [];
    const filePath = URI.toPath(document.uri);
    const file = buildModel(filePath, context.documents.tree(document).rootNode, context.linter.pytestConfigFor(filePath).collection);
    if (file.kind === 'other') return [];
    // Class fixtures appear under their (collected) class; module fixtures at the top level.
    const symbols = [
      ...file.fixtures.filter((f) => !f.className).map(fixtureSymbol),
      ...file.tests.map(testSymbol),
      ...file.classes.map((c) => classSymbol(c, file.fixtures)),
    ];
    return symbols.sort(byStart);
  });
}
