// A process that discovers or lints a whole tree once and exits (the CLI, the benchmark) spends
// much of its time on V8 compiling code it will not run for long: with the default interrupt
// budget, TurboFan recompiles hundreds of functions that are hot for a moment, and that work fills
// the second core. A budget about fifteen times the default keeps only the truly hot code on
// TurboFan. Measured on 2 cores, scipy's 334 test files: one thread 2.03 s → 1.78 s, and the freed
// core now lets a helper thread pay off (1.55 s), where before a helper only slowed it (2.16 s).
// Budgets from 0.4 to 1.6 million gave the same times within this machine's noise; four times the
// default or less gave back most of the gain.
// Process-wide, so never in a long-lived host shared with other code (the extension host); only
// entry points that own their process call it.

import * as v8 from 'node:v8';

/** V8's default is 67,584 (bytecode bytes executed before a function is considered for TurboFan). */
export const BATCH_INTERRUPT_BUDGET = 1_000_000;

let tuned = false;

/** Sets V8's tiering for one batch of work; call it first thing in an entry point that owns its process. */
export function tuneForBatchWork(): void {
  if (tuned) return;
  v8.setFlagsFromString(`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`);
  tuned = true;
}

/** Whether this process was tuned for batch work (then every core can take a discovery thread). */
export function isTunedForBatchWork(): boolean {
  return tuned;
}
