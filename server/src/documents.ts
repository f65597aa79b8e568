import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Tree } from 'web-tree-sitter';
import type { ContentChange } from './engine/parse/treeCache';
import { TreeCache } from './engine/parse/treeCache';

type Listener = (document: TextDocument) => void;

/**
 * Open documents with their syntax trees. Handles the text sync notifications itself (instead of
 * `TextDocuments`) because it needs each incremental change to edit the cached tree.
 */
export class DocumentStore {
  private readonly documents = new Map<string, TextDocument>();
  private readonly changeListeners: Listener[] = [];
  private readonly closeListeners: Listener[] = [];

  constructor(private readonly trees: TreeCache) {}

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument(({ textDocument: t }) => {
      const document = TextDocument.create(t.uri, t.languageId, t.version, t.text);
      this.documents.set(t.uri, document);
      this.trees.delete(t.uri);
      this.changeListeners.forEach((l) => l(document));
    });
    connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
      const current = this.documents.get(t.uri);
      if (!current) return;
      const updated = TextDocument.update(current, contentChanges, t.version);
      this.documents.set(t.uri, updated); // (the same object, updated in place)
      this.trees.applyChanges(t.uri, contentChanges as ContentChange[]);
      this.changeListeners.forEach((l) => l(updated));
    });
    connection.onDidCloseTextDocument(({ textDocument: t }) => {
      const document = this.documents.get(t.uri);
      this.documents.delete(t.uri);
      this.trees.delete(t.uri);
      if (document) this.closeListeners.forEach((l) => l(document));
    });
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return [...this.documents.values()];
  }

  /** The document's tree, re-parsed incrementally after edits. Valid until the next change. */
  tree(document: TextDocument): Tree {
    return this.trees.get(document.uri, document.getText());
  }

  onDidChange(listener: Listener): void {
    this.changeListeners.push(listener);
  }

  onDidClose(listener: Listener): void {
    this.closeListeners.push(listener);
  }
}
