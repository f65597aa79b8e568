// Pure parsing of the plugin's JSON-lines stream into typed events. Unknown event names and
// malformed lines are reported, never thrown, so one bad line cannot stop a run.

import { NOTICE_KINDS, OUTCOMES, Outcome, PluginEvent } from './events';

export type ParsedLine = { ok: true; event: PluginEvent } | { ok: false; error: string; line: string };

type Json = Record<string, unknown>;
type FieldKind = 'string' | 'number' | 'boolean' | 'string[]' | 'string[]?' | 'string?' | 'number?';

const SCHEMAS: Record<PluginEvent['event'], Record<string, FieldKind>> = {
  sessionStart: { protocol: 'number', pid: 'number', python: 'string', pytestVersion: 'string', rootdir: 'string', collectOnly: 'boolean' },
  collected: { nodeid: 'string', file: 'string', line: 'number?', name: 'string', markers: 'string[]' },
  collectionFinish: { count: 'number' },
  collectError: { nodeid: 'string', file: 'string', message: 'string' },
  collectSkipped: { nodeid: 'string', file: 'string', line: 'number?', reason: 'string' },
  selectionUnmatched: { nodeids: 'string[]', maybeDeselectedBy: 'string?' },
  deselected: { nodeid: 'string', file: 'string', line: 'number?', name: 'string', markers: 'string[]', reason: 'string' },
  selectionDeselected: { nodeids: 'string[]', reason: 'string' },
  started: { nodeid: 'string' },
  result: {
    nodeid: 'string', outcome: 'string', when: 'string', duration: 'number',
    message: 'string?', longrepr: 'string?', file: 'string?', line: 'number?',
    stdout: 'string', stderr: 'string', log: 'string', expected: 'string?', actual: 'string?', reruns: 'string[]?',
  },
  sessionFinish: { exitstatus: 'number' },
  debugListening: { host: 'string', port: 'number' },
  debugError: { message: 'string' },
  notice: { kind: 'string', message: 'string' },
};

function fieldMatches(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'string[]': return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'string[]?': return value === undefined || value === null || fieldMatches(value, 'string[]');
    case 'string?': return value === undefined || value === null || typeof value === 'string';
    case 'number?': return value === undefined || value === null || typeof value === 'number';
  }
}

/** Parse one line of the side channel. */
export function parseEventLine(line: string): ParsedLine {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}`, line };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, error: 'not a JSON object', line };
  }
  const record = data as Json;
  const name = record.event;
  if (typeof name !== 'string' || !(name in SCHEMAS)) {
    return { ok: false, error: `unknown event ${JSON.stringify(name)}`, line };
  }
  const schema = SCHEMAS[name as PluginEvent['event']];
  for (const [field, kind] of Object.entries(schema)) {
    if (!fieldMatches(record[field], kind)) {
      return { ok: false, error: `event ${name}: field ${field} is not ${kind}`, line };
    }
    // Optional fields arrive as null from Python's None; drop them so `?` types hold.
    if (record[field] === null) delete record[field];
  }
  if (name === 'result' && !OUTCOMES.includes(record.outcome as Outcome)) {
    return { ok: false, error: `event result: unknown outcome ${JSON.stringify(record.outcome)}`, line };
  }
  if (name === 'notice' && !(NOTICE_KINDS as readonly unknown[]).includes(record.kind)) {
    return { ok: false, error: `event notice: unknown kind ${JSON.stringify(record.kind)}`, line };
  }
  return { ok: true, event: record as unknown as PluginEvent };
}

/** Splits a byte stream into lines across chunk boundaries. */
export class LineSplitter {
  private pending = '';

  /** Feed a chunk; returns the complete lines it finished. */
  push(chunk: string): string[] {
    const text = this.pending + chunk;
    const parts = text.split('\n');
    this.pending = parts.pop() ?? '';
    return parts.filter((part) => part.trim() !== '');
  }

  /** The unterminated rest, when the stream ends. */
  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest.trim() === '' ? [] : [rest];
  }
}

/** Parse a whole recorded transcript (used by tests and by replay tooling). */
export function parseTranscript(text: string): ParsedLine[] {
  const splitter = new LineSplitter();
  return [...splitter.push(text), ...splitter.flush()].map(parseEventLine);
}
