import type { TextEdit } from '../text/positions';

/** Edits to one file; `create` when the file does not exist yet (its whole text is the one edit's newText). */
export interface FileEdits {
  path: string;
  edits: TextEdit[];
  create?: boolean;
}

/** A code-generating action the editor offers: a title and the edits, possibly across files. */
export interface GeneratedAction {
  title: string;
  /** `refactor.rewrite`, `refactor.extract`, `quickfix` … (LSP code action kinds). */
  kind: string;
  changes: FileEdits[];
  /** The preferred action among alternatives (shown first, bound to the quick-fix key). */
  preferred?: boolean;
}
