import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { TestFunction } from '../model/types';
import type { TextEdit } from '../text/positions';
import { rangeOf } from '../text/positions';
import { importEditForText } from './imports';
import type { Row } from './parametrizeBlock';
import { parametrizeDecorator } from './parametrizeBlock';
import type { CodeStyle } from './style';

export interface NewParameter {
  name: string;
  /** Annotation text, e.g. `int`. */
  type: string;
}

export interface TestRewrite {
  /** Replacements inside the test (absolute string offsets of the file). */
  replacements: { from: number; to: number; text: string }[];
  parameters: NewParameter[];
  argnames: string[];
  rows: Row[];
}

/**
 * Applies a rewrite to one test: replacements in its text, new typed parameters appended to the
 * signature, and a parametrize decorator right above `def` (below the existing decorators).
 */
export function rewriteTestEdits(text: string, test: TestFunction, rewrite: TestRewrite, style: CodeStyle): TextEdit[] {
  const defIndent = /^[ \t]*/.exec(text.split(/\r?\n/)[test.node.startPosition.row])![0];
  const outerStart = test.outer.startIndex;
  const replacements = [...rewrite.replacements];
  const parameters = test.node.childForFieldName('parameters')!;
  const added = rewrite.parameters.map((p) => `${p.name}: ${p.type}`).join(', ');
  const lastParam = parameters.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment').pop();
  if (added) {
    if (lastParam) replacements.push({ from: lastParam.endIndex, to: lastParam.endIndex, text: `, ${added}` });
    else replacements.push({ from: parameters.startIndex + 1, to: parameters.startIndex + 1, text: added });
  }
  const decorator = parametrizeDecorator(rewrite.argnames, rewrite.rows, defIndent, style);
  replacements.push({ from: test.node.startIndex, to: test.node.startIndex, text: `${decorator}${style.eol}${defIndent}` });
  let result = test.outer.text;
  for (const r of replacements.sort((a, b) => b.from - a.from || b.to - a.to)) {
    result = result.slice(0, r.from - outerStart) + r.text + result.slice(r.to - outerStart);
  }
  const edits: TextEdit[] = [{ range: rangeOf(test.outer), newText: result }];
  const importEdit = importEditForText(text, 'pytest', style.eol);
  if (importEdit) edits.push(importEdit);
  return edits;
}

/** Every variable name used in a node: identifiers, without keyword-argument names and `.attribute` names. */
export function identifiersIn(node: SyntaxNode): string[] {
  const all = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
  return all
    .filter((n): n is SyntaxNode => n !== null)
    .filter((n) => {
      const parent = n.parent;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === n.id) return false;
      return !(parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === n.id);
    })
    .map((n) => n.text);
}
