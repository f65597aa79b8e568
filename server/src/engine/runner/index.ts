// Public API of the runner core (no `vscode` import): used by the CLI and the Test Explorer.

export * from './events';
export { parseEventLine, parseTranscript, LineSplitter } from './parseEvents';
export type { ParsedLine } from './parseEvents';
export { runTests } from './runTests';
export type { RunOptions, RunMode, OutputStream } from './runTests';
export { collectTests } from './collectTests';
export type { CollectResult } from './collectTests';
export { findCrates, describeCrate, defaultPytestTarget, crateFolderProblem, SKIPPED_FOLDERS } from './crates';
export type { CrateInfo, PytestTarget } from './crates';
export { buildCargoCommand, pluginEnvironment } from './command';
export type { CargoOptions, CargoCommand } from './command';
export { summarize, flakiness, isUnderNodeId, skippedOnCollection } from './summary';
export { rerunsText } from './reruns';
export type { RunSummary, FlakinessEntry, OutcomeCounts } from './summary';
export { parseCoverageJson } from './coverage';
export { findPluginDir } from './pluginDir';
