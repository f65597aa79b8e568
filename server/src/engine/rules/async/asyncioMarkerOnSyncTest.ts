import { allTests } from '../../model/buildModel';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';

/** PP504 — `@pytest.mark.asyncio` on a test that is not `async def`. */
export const asyncioMarkerOnSyncTest: PythonRule = {
  meta: {
    code: 'PP504',
    name: 'asyncio-marker-on-sync-test',
    summary: '`@pytest.mark.asyncio` on a plain `def` test: it has no effect beyond a pytest-asyncio warning.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: true,
    options: {},
    tags: ['unnecessary'],
  },
  check({ file, report }) {
    for (const test of allTests(file)) {
      if (test.isAsync) continue;
      for (const marker of test.markers.filter((m) => m.name === 'asyncio')) {
        const start = { line: marker.range.start.line, character: 0 };
        const end = { line: marker.range.end.line + 1, character: 0 };
        // The marker expression without `@`: the smallest node that shows the problem.
        const expression = marker.node.namedChildren.find((c) => c?.type !== 'comment');
        report({
          range: expression ? rangeOf(expression) : marker.range,
          message: `\`${test.name}\` is not \`async def\`, so \`@pytest.mark.asyncio\` does nothing except make pytest-asyncio warn. Remove it.`,
          fixes: [{ title: 'Remove `@pytest.mark.asyncio`', edits: [{ range: { start, end }, newText: '' }], safe: true }],
        });
      }
    }
  },
};
