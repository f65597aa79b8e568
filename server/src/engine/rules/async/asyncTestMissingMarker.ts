import { allTests, effectiveMarkers } from '../../model/buildModel';
import type { PytestFile, TestFunction } from '../../model/types';
import { indentOf } from '../support/functions';
import { ensureImportEdit } from '../support/importEdits';
import { ownerClass } from '../support/ownerClass';
import type { PythonRule } from '../types';
import { projectRunsCoroutines } from './customRunner';
import { ASYNC_RUNNER_MARKERS, asyncioMode, usesOtherAsyncFramework } from './asyncioMode';

/** PP501 — an `async def` test without `@pytest.mark.asyncio` while pytest-asyncio runs in strict mode. */
export const asyncTestMissingMarker: PythonRule = {
  meta: {
    code: 'PP501',
    name: 'async-test-missing-marker',
    summary: 'An `async def` test lacks `@pytest.mark.asyncio` while `asyncio_mode` is strict: it never runs (pytest fails or skips it).',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, text, pytestConfig, report }) {
    if (asyncioMode(pytestConfig) === 'auto' || usesOtherAsyncFramework(file, pytestConfig)) return;
    if (projectRunsCoroutines(file.path, pytestConfig)) return;
    for (const test of allTests(file)) {
      if (!test.isAsync || runsElsewhere(file, test)) continue;
      const indent = indentOf(text, test.outer);
      const at = { line: test.outer.startPosition.row, character: test.outer.startPosition.column };
      const importPytest = ensureImportEdit(file, 'pytest');
      report({
        range: test.nameRange,
        message:
          `Async test \`${test.name}\` has no \`@pytest.mark.asyncio\` marker and \`asyncio_mode\` is not \`auto\`: ` +
          'pytest cannot run it ("async def functions are not natively supported": a failure since pytest 8.4, a skip before).',
        fixes: [
          {
            title: 'Add `@pytest.mark.asyncio`',
            edits: [...(importPytest ? [importPytest] : []), { range: { start: at, end: at }, newText: `@pytest.mark.asyncio\n${indent}` }],
            safe: true,
          },
        ],
      });
    }
  },
};

/** Tests another runner already drives: marked for asyncio/anyio/trio, anyio's fixture, unittest async cases. */
function runsElsewhere(file: PytestFile, test: TestFunction): boolean {
  if (effectiveMarkers(file, test).some((m) => ASYNC_RUNNER_MARKERS.has(m.name))) return true;
  if (test.params.some((p) => p.name === 'anyio_backend')) return true;
  return ownerClass(file, test)?.bases.some((b) => b.endsWith('TestCase')) ?? false;
}

