import type { Node as SyntaxNode } from 'web-tree-sitter';
import { rangeOf } from '../../text/positions';
import { qualifiedName } from '../support/qualifiedName';
import { snippet } from '../support/snippet';
import type { PythonRule } from '../types';

const CONTEXT_MANAGERS = new Set(['pytest.raises', 'pytest.warns', 'pytest.deprecated_call']);

/** PP209 — `with pytest.raises(...)` (or `pytest.warns`) wraps more than the one statement that should raise. */
export const raisesBlockTooWide: PythonRule = {
  meta: {
    code: 'PP209',
    name: 'raises-block-too-wide',
    summary: 'A `pytest.raises` / `pytest.warns` block holds more than the one statement expected to raise.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, report }) {
    for (const statement of file.root.descendantsOfType('with_statement')) {
      if (!statement) continue;
      const body = statement.childForFieldName('body');
      const statements = body?.namedChildren.filter((c) => c !== null && c.type !== 'comment') ?? [];
      if (statements.length < 2) continue;
      for (const call of expectationCalls(file, statement)) {
        const name = qualifiedName(file, call)!;
        report({
          range: rangeOf(call),
          message:
            `\`${snippet(call)}\` wraps ${statements.length} statements; keep only the call expected to ` +
            `${name === 'pytest.raises' ? 'raise' : 'warn'} inside the block and move setup before it and checks after it.`,
        });
      }
    }
  },
};

/** The `pytest.raises(...)`-like calls among a with statement's items. */
function expectationCalls(file: Parameters<PythonRule['check']>[0]['file'], statement: SyntaxNode): SyntaxNode[] {
  const calls: SyntaxNode[] = [];
  const clause = statement.namedChildren.find((c) => c?.type === 'with_clause');
  for (const item of clause?.namedChildren ?? []) {
    if (item?.type !== 'with_item') continue;
    let value = item.childForFieldName('value');
    if (value?.type === 'as_pattern') value = value.namedChild(0);
    if (value?.type === 'call' && CONTEXT_MANAGERS.has(qualifiedName(file, value) ?? '')) calls.push(value);
  }
  return calls;
}
