import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../model/buildModel';
import type { PytestFile, TestFunction } from '../model/types';
import type { Range, TextEdit } from '../text/positions';
import { columnType, docstringStatement, literalSlots, nameFromContext, uniqueName } from './literals';
import { identifiersIn, rewriteTestEdits } from './rewriteTest';
import { detectStyle } from './style';

/** The test whose lines the range touches. */
export function testAt(file: PytestFile, range: Range): TestFunction | undefined {
  return allTests(file).find((t) => t.outer.startPosition.row <= range.end.line && range.start.line <= t.outer.endPosition.row);
}

/** Literals passed to calls, or compared against in an `assert`: the test's inputs and expectations. */
function argumentLiterals(test: TestFunction): SyntaxNode[] {
  return literalSlots(test.body, docstringStatement(test.body)).filter((node) => {
    // `is None` / `is True` checks are the test's logic, not data.
    if (node.type === 'none' || node.type === 'true' || node.type === 'false') return false;
    let current = node;
    while (current.parent?.type === 'unary_operator' || current.parent?.type === 'parenthesized_expression') current = current.parent;
    const parent = current.parent;
    if (parent?.type === 'argument_list') return true;
    if (parent?.type === 'keyword_argument' && parent.parent?.type === 'argument_list') return true;
    return parent?.type === 'comparison_operator' && parent.parent?.type === 'assert_statement';
  });
}

/** Whether "Parametrize this test" applies: a test without parametrize that passes literals around. */
export function canParametrize(file: PytestFile, range: Range): boolean {
  const test = testAt(file, range);
  return !!test && test.parametrize.length === 0 && argumentLiterals(test).length > 0;
}

/**
 * Turns the literal arguments of a test into parameters of a new `@pytest.mark.parametrize` whose
 * first row holds the current values (the same literal used twice becomes one parameter).
 */
export function parametrizeTest(text: string, file: PytestFile, range: Range): TextEdit[] | undefined {
  const test = testAt(file, range);
  if (!test || test.parametrize.length > 0) return undefined;
  const literals = argumentLiterals(test);
  if (literals.length === 0) return undefined;
  const style = detectStyle(text);
  const taken = new Set([...test.params.map((p) => p.name), ...identifiersIn(test.body)]);
  const columns: { name: string; value: SyntaxNode; nodes: SyntaxNode[] }[] = [];
  for (const literal of literals) {
    const same = columns.find((c) => c.value.text === literal.text);
    if (same) same.nodes.push(literal);
    else columns.push({ name: uniqueName(nameFromContext(literal), taken), value: literal, nodes: [literal] });
  }
  return rewriteTestEdits(
    text,
    test,
    {
      replacements: columns.flatMap((c) => c.nodes.map((n) => ({ from: n.startIndex, to: n.endIndex, text: c.name }))),
      parameters: columns.map((c) => ({ name: c.name, type: columnType([c.value]) })),
      argnames: columns.map((c) => c.name),
      rows: [{ values: columns.map((c) => c.value.text) }],
    },
    style,
  );
}
