import { rangeOf } from '../../text/positions';
import { ensureImportEdit } from '../support/importEdits';
import type { PythonRule } from '../types';
import { projectRunsCoroutines } from './customRunner';
import { asyncioMode, marksOtherAsyncRunner, usesOtherAsyncFramework } from './asyncioMode';

/** PP502 — an `async def` fixture under plain `@pytest.fixture` while pytest-asyncio runs in strict mode. */
export const asyncFixturePlainDecorator: PythonRule = {
  meta: {
    code: 'PP502',
    name: 'async-fixture-plain-decorator',
    summary: 'An `async def` fixture uses `@pytest.fixture` in strict mode; it needs `@pytest_asyncio.fixture`.',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, pytestConfig, report }) {
    if (asyncioMode(pytestConfig) === 'auto' || usesOtherAsyncFramework(file, pytestConfig)) return;
    if (marksOtherAsyncRunner(file) || projectRunsCoroutines(file.path, pytestConfig)) return;
    for (const fixture of file.fixtures) {
      if (!fixture.isAsync || fixture.isAsyncioFixture) continue;
      const expression = fixture.decorator.node.namedChildren.find((c) => c?.type !== 'comment');
      const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
      if (!callee) continue;
      const importEdit = ensureImportEdit(file, 'pytest_asyncio');
      report({
        range: rangeOf(callee),
        message:
          `Async fixture \`${fixture.name}\` uses \`@${callee.text}\`, which pytest-asyncio ignores in strict mode: ` +
          'tests get the coroutine (or async generator) instead of its value, an error since pytest 9. Use `@pytest_asyncio.fixture`.',
        fixes: [
          {
            title: 'Use `@pytest_asyncio.fixture`',
            edits: [...(importEdit ? [importEdit] : []), { range: rangeOf(callee), newText: 'pytest_asyncio.fixture' }],
            safe: true,
          },
        ],
      });
    }
  },
};
