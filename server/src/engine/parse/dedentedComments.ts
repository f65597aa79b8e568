// Python ignores comments wherever they are indented, but tree-sitter-python's scanner treats a
// comment line indented less than the block it sits in as a dedent in one place: between a
// decorator and what it decorates, inside a class or function. PyCharm's "Comment line" writes
// `#` at column 0, so commenting out one of a method's decorators is enough:
//
//     class TestApi:
//         @pytest.mark.parametrize("x", [1, 2])
//     #    @pytest.mark.slow
//         def test_get(self, x): ...
//
// and the whole file reads as a syntax error. Such comment lines are blanked (spaces, so every
// offset, row and column stays) and the text parsed again; only when the first parse has errors.

import type { Node as SyntaxNode, Parser, Tree } from 'web-tree-sitter';

/**
 * The text with every comment that stands alone on its line, indented less than the next line of
 * code, turned into spaces; undefined when there is none. Comments are read from `root`, a tree of
 * `text`, so a `#` inside a string is never touched.
 */
export function blankDedentedComments(text: string, root: SyntaxNode): string | undefined {
  const blanks: [number, number][] = [];
  for (const comment of commentsAloneOnTheirLine(text, root)) {
    const column = comment.startIndex - lineStart(text, comment.startIndex);
    const next = nextCodeIndent(text, comment.endIndex);
    if (next !== undefined && column < next) blanks.push([comment.startIndex, comment.endIndex]);
  }
  if (blanks.length === 0) return undefined;
  let out = '';
  let copied = 0;
  for (const [start, end] of blanks) {
    out += text.slice(copied, start) + ' '.repeat(end - start);
    copied = end;
  }
  return out + text.slice(copied);
}

/**
 * Parses Python source; when the tree has errors and the text has comments indented less than
 * the code that follows them, parses it again with those blanked and returns that tree (its only
 * errors are then the text's own). `old` (an edited earlier tree) is used by the first parse only.
 */
export function parsePythonSource(parser: Parser, text: string, old?: Tree | null): Tree | null {
  let tree = parser.parse(text, old ?? null);
  if (!tree?.rootNode.hasError) return tree;
  if (old) {
    // An incremental parse reuses the old tree's pieces, where earlier blanked comments are missing.
    tree.delete();
    tree = parser.parse(text);
    if (!tree?.rootNode.hasError) return tree;
  }
  const repaired = blankDedentedComments(text, tree.rootNode);
  if (repaired === undefined) return tree;
  const second = parser.parse(repaired);
  if (!second) return tree;
  tree.delete();
  return second;
}

function* commentsAloneOnTheirLine(text: string, root: SyntaxNode): Generator<SyntaxNode> {
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.type === 'comment') {
        if (/^[ \t]*$/.test(text.slice(lineStart(text, node.startIndex), node.startIndex))) yield node;
      } else if (node.childCount > 0 && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Indentation of the first line after `offset` that holds code (not blank, not a comment). */
function nextCodeIndent(text: string, offset: number): number | undefined {
  let at = text.indexOf('\n', offset);
  while (at >= 0) {
    const start = at + 1;
    let first = start;
    while (text[first] === ' ' || text[first] === '\t') first++;
    if (first >= text.length) return undefined;
    const c = text[first];
    if (c !== '\n' && c !== '\r' && c !== '#') return first - start;
    at = text.indexOf('\n', first);
  }
  return undefined;
}
