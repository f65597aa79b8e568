// `pytest-patterns run <crate-dir> [nodeid...]`: runs pytest through cargo and reports per test.
//   --format text|json  json: one JSON object per line (runner events, raw output, a final summary)
//   --mode run|collect|coverage   --release   --repeat N   --cargo CMD   --target NAME   --python EXE
//   --quiet             text format: do not echo cargo/pytest output (to stderr)
// Exit: 0 all selected tests passed, 1 a test failed or errored, 2 usage error or the run could not
// report (cargo missing, compile error, harness dropped the environment, ...), 130 interrupted.

import * as path from 'node:path';
import { parseArgs } from '../args';
import { EXIT, UsageError } from '../io';
import { CollectSkippedEvent, isUnderNodeId, rerunsText, ResultEvent, RunEvent, RunMode, runTests, RunSummary, skippedOnCollection } from '../../engine/runner';

interface RunIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd?: string;
}

export const RUN_USAGE =
  'pytest-patterns run <crate-dir> [nodeid...] [--format text|json] [--mode run|collect|coverage] [--release] [--repeat N] [--cargo CMD] [--target NAME | --all-targets] [--python EXE] [--quiet]';

const MODES: RunMode[] = ['run', 'collect', 'coverage'];
const VALUED = ['format', 'mode', 'repeat', 'cargo', 'target', 'python'];
const BOOLEANS = ['release', 'quiet', 'all-targets'];
const INTERRUPTED = 130;

export async function runCommand(argv: string[], io: RunIO): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, VALUED, BOOLEANS);
    if (args.positional.length === 0) throw new UsageError(`usage: ${RUN_USAGE}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`pytest-patterns run: ${error.message}\n`);
    return EXIT.usage;
  }
  const format = args.options.get('format') ?? 'text';
  const mode = (args.options.get('mode') ?? 'run') as RunMode;
  const repeat = Number(args.options.get('repeat') ?? '1');
  const problem =
    !['text', 'json'].includes(format) ? `unknown --format ${format} (text or json)` :
    !MODES.includes(mode) ? `unknown --mode ${mode} (${MODES.join(', ')})` :
    !(Number.isInteger(repeat) && repeat >= 1) ? `--repeat needs a positive integer` : undefined;
  if (problem) {
    io.stderr.write(`pytest-patterns run: ${problem}\n`);
    return EXIT.usage;
  }

  const [crateArg, ...nodeIds] = args.positional;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const json = format === 'json';
  const writeJson = (value: object): void => void io.stdout.write(JSON.stringify(value) + '\n');
  const collectSkipped: CollectSkippedEvent[] = [];
  try {
    const summary = await runTests({
      crateDir: path.resolve(io.cwd ?? process.cwd(), crateArg),
      nodeIds,
      mode,
      repeat,
      python: args.options.get('python'),
      cargo: {
        command: args.options.get('cargo'),
        release: args.flags.has('release'),
        testTarget: args.flags.has('all-targets') ? null : args.options.get('target'),
      },
      signal: controller.signal,
      onEvent: (event) => (json ? writeJson(event) : writeTextEvent(event, io.stdout, collectSkipped)),
      onOutput: (text, stream) => {
        if (json) writeJson({ event: 'output', stream, text });
        else if (!args.flags.has('quiet')) io.stderr.write(text);
      },
    });
    if (json) writeJson({ event: 'summary', ...summaryFields(summary) });
    else writeTextSummary(summary, io.stdout);
    return exitCode(summary);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

function exitCode(summary: RunSummary): number {
  if (summary.cancelled) return INTERRUPTED;
  if (summary.errors.length > 0 || summary.sessions.length === 0) return EXIT.usage;
  return summary.ok ? EXIT.clean : EXIT.findings;
}

function summaryFields(summary: RunSummary): object {
  const { results: _results, collected: _collected, sessions: _sessions, ...rest } = summary;
  return rest;
}

const LABELS: Record<ResultEvent['outcome'], string> = {
  passed: 'PASSED', failed: 'FAILED', skipped: 'SKIPPED', xfailed: 'XFAIL', xpassed: 'XPASS', error: 'ERROR',
};

/** `skipped`: the collectors pytest skipped so far in this run (their tests are not "not found"). */
function writeTextEvent(event: RunEvent, out: NodeJS.WritableStream, skipped: CollectSkippedEvent[]): void {
  switch (event.event) {
    case 'result': {
      const reason = event.message && event.outcome !== 'failed' && event.outcome !== 'error' ? ` (${event.message})` : '';
      out.write(`${LABELS[event.outcome]} ${event.nodeid} [${event.duration.toFixed(2)}s]${reason}\n`);
      if (event.reruns?.length) out.write(`  ${rerunsText(event.reruns, event.outcome)}\n`);
      if (event.outcome === 'failed' || event.outcome === 'error') {
        if (event.file) out.write(`  at ${event.file}:${event.line ?? 1}\n`);
        out.write(indent(event.message ?? '') + '\n');
        if (event.expected !== undefined) out.write(`  expected:\n${indent(event.expected, 4)}\n  actual:\n${indent(event.actual ?? '', 4)}\n`);
      }
      break;
    }
    case 'collected': out.write(`${event.nodeid}\n`); break;
    case 'collectError': out.write(`COLLECT ERROR ${event.nodeid || event.file}\n${indent(event.message)}\n`); break;
    case 'collectSkipped':
      if (!skipped.some((known) => known.nodeid === event.nodeid)) out.write(`SKIPPED ${event.nodeid} on collection (${event.reason})${event.line ? ` at ${event.file}:${event.line}` : ''}\n`);
      skipped.push(event);
      break;
    case 'selectionUnmatched': {
      // Tests of a skipped module were not collected by its own choice: its SKIPPED line says so.
      const missing = event.nodeids.filter((nodeid) => !skipped.some((known) => isUnderNodeId(nodeid, known.nodeid)));
      if (missing.length === 0) break;
      out.write(`NOT FOUND ${missing.join(' ')}: pytest did not collect ${missing.length === 1 ? 'it' : 'them'}${event.maybeDeselectedBy ? ` (the session's ${event.maybeDeselectedBy} may have deselected ${missing.length === 1 ? 'it' : 'them'})` : ' (renamed? parametrize ids that differ? `pytest-patterns run <crate> --mode collect` lists what exists)'}\n`);
      break;
    }
    case 'deselected': out.write(`DESELECTED ${event.nodeid} (${event.reason})\n`); break;
    case 'iterationStart': out.write(`-- run ${event.iteration} of ${event.of}\n`); break;
    case 'error': out.write(`error[${event.kind}]: ${event.message}\n`); break;
    case 'coverage': out.write(`coverage: ${event.totalPercent.toFixed(1)}% of ${event.files.length} files\n`); break;
    case 'notice': out.write(`note: ${event.message}\n`); break;
    default: break;
  }
}

function indent(text: string, spaces = 2): string {
  return text.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');
}

function writeTextSummary(summary: RunSummary, out: NodeJS.WritableStream): void {
  for (const entry of summary.flakiness?.filter((item) => item.flaky) ?? []) {
    out.write(`FLAKY ${entry.nodeid} ${JSON.stringify(entry.outcomes)}\n`);
  }
  if (summary.collected.length > 0 && summary.results.length === 0) {
    out.write(`${summary.collected.length} tests collected${summary.deselected.length > 0 ? `, ${summary.deselected.length} deselected` : ''}\n`);
    return;
  }
  const c = summary.counts;
  // "N passed, N failed" alone on a line: the closing line CI tools read.
  const extras = [`${c.skipped} skipped`, `${c.xfailed} xfailed`, `${c.xpassed} xpassed`, `${c.error} errors`];
  if (summary.deselected.length > 0) extras.push(`${summary.deselected.length} deselected`);
  if (summary.collectSkipped.length > 0) extras.push(`${summary.collectSkipped.length} skipped on collection`);
  const notFound = summary.unmatchedNodeIds.filter((nodeid) => skippedOnCollection(summary, nodeid) === undefined);
  if (notFound.length > 0) extras.push(`${notFound.length} not found`);
  out.write(`${c.passed} passed, ${c.failed} failed, ${extras.join(', ')}${summary.cancelled ? ' (cancelled)' : ''}\n`);
}
