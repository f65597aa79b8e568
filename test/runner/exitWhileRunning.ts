// Child process for processExit.test.ts: starts a run of the blocking scenario test and, once the
// test started, prints the pids and exits without cancelling, as a closing editor or an
// interrupted CLI would.

import { runTests } from '../../server/src/engine/runner';
import { scenario, testEnv } from './helpers';

const target = 'python/tests/test_outcomes.py::test_block__until_cancelled__then_never_finishes';
let pytestPid: number | undefined;
let groupPid: number | undefined;
void runTests({
  crateDir: scenario('basic'),
  env: testEnv({ SCENARIO_BLOCK_PORT: process.argv[2] }),
  nodeIds: [target],
  onEvent: (event) => {
    if (event.event === 'processStart') groupPid = event.pid;
    if (event.event === 'sessionStart') pytestPid = event.pid;
    if (event.event === 'started' && event.nodeid === target) {
      process.stdout.write(`${JSON.stringify({ pytestPid, groupPid })}\n`);
      process.exit(0);
    }
  },
});
