import { callArguments } from '../../model/syntax';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';
import { nodesOfType, numberValue, resolvedCallee, testsAndFixtures } from './names';

const SLEEPS = new Set(['time.sleep', 'asyncio.sleep']);
const CALL = new Set(['call']);

/** PP201 — a test or fixture sleeps instead of waiting on a condition. */
export const sleepInTest: PythonRule = {
  meta: {
    code: 'PP201',
    name: 'sleep-in-test',
    summary: 'No `time.sleep` / `asyncio.sleep` with a positive delay in tests and fixtures.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, text, report }) {
    if (!text.includes('sleep')) return;
    for (const { fn, kind } of testsAndFixtures(file)) {
      // The function's own scope: helpers defined inside it run only if called, and that is theirs to answer for.
      for (const node of nodesOfType(fn.body, CALL, true)) {
        const callee = resolvedCallee(file, node);
        if (!callee || !SLEEPS.has(callee)) continue;
        const { positional, keywords } = callArguments(node.childForFieldName('arguments'));
        const delay = numberValue(positional[0] ?? keywords.get('delay') ?? keywords.get('secs'));
        // `asyncio.sleep(0)` yields to the event loop once: a legitimate idiom, not a wait.
        if (delay !== undefined && delay <= 0) continue;
        report({
          range: rangeOf(node),
          message: `\`${callee}\` in ${kind} \`${fn.name}\` makes the run slower and flaky: wait on the condition itself (an event, a polling helper with a timeout) or fake the clock.`,
        });
      }
    }
  },
};
