import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineSplitter, parseEventLine, parseTranscript, ResultEvent } from '../../server/src/engine/runner';
import { transcript } from './helpers';

test('parseTranscript: recorded run of the basic scenario parses without a single bad line', () => {
  const parsed = parseTranscript(transcript('scenario-basic-run.jsonl'));
  const bad = parsed.filter((line) => !line.ok);
  assert.deepEqual(bad, []);
  const names = parsed.map((line) => (line.ok ? line.event.event : 'bad'));
  assert.equal(names[0], 'sessionStart');
  assert.equal(names[names.length - 1], 'sessionFinish');
  assert.equal(names.filter((name) => name === 'started').length, names.filter((name) => name === 'result').length);
});

test('parseTranscript: the failing list comparison carries expected, actual, file and line', () => {
  const results = parseTranscript(transcript('scenario-basic-run.jsonl'))
    .flatMap((line) => (line.ok && line.event.event === 'result' ? [line.event as ResultEvent] : []));
  const failure = results.find((result) => result.nodeid.endsWith('test_fail__wrong_list__then_shows_diff'));
  assert.ok(failure);
  assert.equal(failure.outcome, 'failed');
  assert.equal(failure.expected, '[1, 2, 4]');
  assert.equal(failure.actual, '[1, 2, 3]');
  assert.match(failure.file ?? '', /test_outcomes\.py$/);
  assert.equal(failure.line, 22);
});

test('parseTranscript: collect-only transcript of the example has 33 collected tests with 1-based lines', () => {
  const events = parseTranscript(transcript('example-collect-only.jsonl')).flatMap((line) => (line.ok ? [line.event] : []));
  const collected = events.filter((event) => event.event === 'collected');
  assert.equal(collected.length, 33);
  assert.ok(collected.every((event) => event.event === 'collected' && (event.line ?? 0) >= 1));
  const start = events[0];
  assert.equal(start.event === 'sessionStart' && start.collectOnly, true);
});

test('parseEventLine: null optional fields are dropped, so the typed optional is undefined', () => {
  const parsed = parseEventLine('{"event":"collected","nodeid":"a.py::t","file":"/a.py","line":null,"name":"t","markers":[]}');
  assert.equal(parsed.ok, true);
  assert.ok(parsed.ok && parsed.event.event === 'collected');
  assert.equal(parsed.ok && parsed.event.event === 'collected' ? parsed.event.line : 'x', undefined);
});

test('parseEventLine: rejects non-JSON, unknown events, wrong field types and unknown outcomes', () => {
  assert.match(resultError('{not json'), /not JSON/);
  assert.match(resultError('[1]'), /not a JSON object/);
  assert.match(resultError('{"event":"bogus"}'), /unknown event "bogus"/);
  assert.match(resultError('{"event":"started","nodeid":3}'), /field nodeid is not string/);
  assert.match(
    resultError('{"event":"result","nodeid":"t","outcome":"exploded","when":"call","duration":0,"stdout":"","stderr":"","log":""}'),
    /unknown outcome "exploded"/,
  );
});

function resultError(line: string): string {
  const parsed = parseEventLine(line);
  assert.equal(parsed.ok, false);
  return parsed.ok ? '' : parsed.error;
}

test('LineSplitter: joins lines split across chunks and keeps the unterminated rest for flush', () => {
  const splitter = new LineSplitter();
  assert.deepEqual(splitter.push('{"a":'), []);
  assert.deepEqual(splitter.push('1}\n{"b"'), ['{"a":1}']);
  assert.deepEqual(splitter.push(':2}\n\n'), ['{"b":2}']);
  assert.deepEqual(splitter.push('{"c":3}'), []);
  assert.deepEqual(splitter.flush(), ['{"c":3}']);
});

test('parseEventLine: the plugin\'s notice must name a known kind', () => {
  const known = parseEventLine('{"event":"notice","kind":"singleProcess","message":"pytest-xdist\'s -n is ignored"}');
  assert.ok(known.ok && known.event.event === 'notice' && known.event.kind === 'singleProcess');
  const unknown = parseEventLine('{"event":"notice","kind":"shout","message":"x"}');
  assert.equal(unknown.ok, false);
  assert.match(!unknown.ok ? unknown.error : '', /unknown kind "shout"/);
});
