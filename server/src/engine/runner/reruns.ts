// pytest-rerunfailures runs a failed test again; the plugin reports the last attempt, with the
// causes of the failed ones. One sentence for the CLI and the Test Explorer, so both say the same.

import type { Outcome } from './events';

/** "flaky: passed on attempt 2 of 2 …" or "failed on attempt 3 of 3; …", with the earlier causes. */
export function rerunsText(reruns: readonly string[], outcome: Outcome): string {
  const attempts = reruns.length + 1;
  const causes = [...new Set(reruns)].join(' | ');
  const flaky = outcome === 'passed' || outcome === 'xpassed' ? 'flaky: ' : '';
  const verdict = `${flaky}${outcome} on attempt ${attempts} of ${attempts}`;
  const earlier = reruns.length === 1 ? 'the first attempt failed' : `the ${reruns.length} earlier attempts failed`;
  return `${verdict}; ${earlier} (pytest-rerunfailures): ${causes}`;
}
