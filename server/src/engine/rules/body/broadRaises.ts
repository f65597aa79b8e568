import type { Node as SyntaxNode } from 'web-tree-sitter';
import { callArguments, notNull, stringValue } from '../../model/syntax';
import type { PytestFile } from '../../model/types';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';
import { nodesOfType, resolvedCallee, resolvedName, walkAll } from './names';

const ALWAYS_BROAD = new Set(['Exception', 'BaseException']);

/** PP208 — `pytest.raises` with an exception so broad that an unrelated error passes the test. */
export const broadRaises: PythonRule = {
  meta: {
    code: 'PP208',
    name: 'broad-raises',
    summary: '`pytest.raises(Exception)` or a broad builtin without `match=` passes on unrelated errors.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {
      broadExceptions: {
        type: 'string[]',
        default: ['ValueError', 'TypeError', 'OSError', 'IOError', 'EnvironmentError', 'RuntimeError', 'socket.error'],
        description:
          'Exceptions that need `match=` (or a check of `exc_info.value`) to pin the error down. `Exception` and `BaseException` are always reported.',
      },
    },
  },
  check({ file, text, options, report }) {
    if (!text.includes('raises')) return;
    const broad = new Set((options.broadExceptions as string[]) ?? []);
    for (const node of nodesOfType(file.root, new Set(['call']))) {
      if (resolvedCallee(file, node) !== 'pytest.raises') continue;
      const { positional, keywords } = callArguments(node.childForFieldName('arguments'));
      const expected = positional[0] ?? keywords.get('expected_exception');
      if (!expected) continue;
      const items = expected.type === 'tuple' ? expected.namedChildren.filter(notNull) : [expected];
      const names = items.map((item) => ({ item, name: exceptionName(file, item) }));
      const catchAll = names.find((n) => n.name && ALWAYS_BROAD.has(n.name));
      if (catchAll) {
        report({
          range: rangeOf(catchAll.item),
          message: `\`pytest.raises(${catchAll.item.text})\` passes on any error, including a typo in the test: expect the specific exception.`,
        });
        continue;
      }
      const loose = names.find((n) => n.name && broad.has(n.name));
      if (!loose) continue;
      const match = keywords.get('match');
      const pinned = (match && stringValue(match) !== '') || excInfoChecked(node);
      if (pinned) continue;
      report({
        range: rangeOf(loose.item),
        message: `\`pytest.raises(${loose.item.text})\` is too broad: set \`match=\`, assert on \`exc_info.value\`, or expect a more specific exception.`,
      });
    }
  },
};

function exceptionName(file: PytestFile, node: SyntaxNode): string | undefined {
  return resolvedName(file, node)?.replace(/^builtins\./, '');
}

/** `with pytest.raises(E) as exc_info:` followed by any use of `exc_info` in the same function. */
function excInfoChecked(call: SyntaxNode): boolean {
  const asPattern = call.parent?.type === 'as_pattern' ? call.parent : undefined;
  const alias = asPattern?.childForFieldName('alias')?.namedChild(0) ?? asPattern?.childForFieldName('alias');
  if (!asPattern || !alias || alias.type !== 'identifier') return false;
  let scope: SyntaxNode | null = asPattern;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return false;
  let used = false;
  walkAll(scope, (n) => {
    if (n.id === asPattern.id) return false;
    if (n.type === 'identifier' && n.text === alias.text && n.startIndex > asPattern.endIndex) used = true;
    return !used;
  });
  return used;
}
