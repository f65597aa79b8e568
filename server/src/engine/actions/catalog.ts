import * as fs from 'node:fs';
import type { FixtureView } from '../fixtures/project';
import { isUnknownRequest } from '../fixtures/project';
import type { FixtureRequest } from '../fixtures/types';
import type { FixtureScope, PytestFile } from '../model/types';
import type { Range } from '../text/positions';
import { comparePositions } from '../text/positions';
import type { FixtureFlavor, FixtureSpec } from './generateFixture';
import { generateFixtureHere, generateFixtureInConftest, nearestConftest, requestAnnotation } from './generateFixture';
import { mergeCandidates, mergeIntoParametrized } from './mergeParametrized';
import type { GeneratedAction } from './types';
import type { TextEdit } from '../text/positions';
import { convertLoopToParametrize } from './convertLoop';
import { addCase, addIds, parametrizeAt } from './editParametrize';
import { extractFixture, selectedSetup } from './extractFixture';
import { parametrizeTest } from './parametrizeTest';

export interface GeneratorInput {
  text: string;
  file: PytestFile;
  view: FixtureView;
  range: Range;
  /** Reads another file's current text (open editor buffer first, then disk). */
  readFile(path: string): string | undefined;
  /** The workspace folder: the conftest search stops there. */
  stopAt?: string;
  asyncioAuto: boolean;
}

function intersects(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** Requests in the range that nothing provides (what PP301 reports). */
export function unknownRequestsIn(view: FixtureView, range: Range): FixtureRequest[] {
  return view.summary.requests.filter((r) => {
    return r.ownerKind !== 'usefixtures' && intersects(r.range, range) && isUnknownRequest(view, r);
  });
}

const VARIANTS: { flavor: FixtureFlavor; scope: FixtureScope; label: string }[] = [
  { flavor: 'plain', scope: 'function', label: '' },
  { flavor: 'yield', scope: 'function', label: ' (yield with teardown)' },
  { flavor: 'factory', scope: 'function', label: ' (factory)' },
  { flavor: 'async', scope: 'function', label: ' (async)' },
  { flavor: 'plain', scope: 'module', label: ' (scope: module)' },
  { flavor: 'plain', scope: 'session', label: ' (scope: session)' },
];

/** Every code-generating action that applies at `range`. */
export function generatorsFor(input: GeneratorInput): GeneratedAction[] {
  const actions: GeneratedAction[] = [];
  for (const request of unknownRequestsIn(input.view, input.range)) actions.push(...fixtureActions(input, request));
  const merge = mergeCandidates(input.file, input.range);
  if (merge) {
    const edits = mergeIntoParametrized(input.text, input.file, input.range);
    if (edits) {
      actions.push({
        title: `Merge ${merge.length} tests into one parametrized test`,
        kind: 'refactor.rewrite',
        changes: [{ path: input.file.path, edits }],
      });
    }
  }
  const single = (title: string, kind: string, edits: TextEdit[] | undefined) => {
    if (edits) actions.push({ title, kind, changes: [{ path: input.file.path, edits }] });
  };
  const onDecorator = parametrizeAt(input.file, input.range);
  if (onDecorator) {
    single('Add ids to this parametrize', 'refactor.rewrite', addIds(input.text, input.file, input.range));
    single('Add a parametrize case', 'refactor.rewrite', addCase(input.text, input.file, input.range));
  } else {
    single('Parametrize this test', 'refactor.rewrite', parametrizeTest(input.text, input.file, input.range));
  }
  single('Convert the loop over cases into parametrize', 'refactor.rewrite', convertLoopToParametrize(input.text, input.file, input.range));
  const isSelection = comparePositions(input.range.start, input.range.end) !== 0;
  if (isSelection) {
    const setup = selectedSetup(input.file, input.range);
    if (setup) single(`Extract fixture \`${setup.variable}\``, 'refactor.extract', extractFixture(input.text, input.file, input.range));
  }
  return actions;
}

function fixtureActions(input: GeneratorInput, request: FixtureRequest): GeneratedAction[] {
  const owner = [...input.file.tests, ...input.file.classes.flatMap((c) => c.tests), ...input.file.fixtures].find((f) => f.name === request.owner || ('fixtureName' in f && f.fixtureName === request.owner));
  const ownerIsAsync = owner?.isAsync ?? false;
  const conftest = nearestConftest(input.file.path, (p) => input.readFile(p) !== undefined || fs.existsSync(p), input.stopAt);
  const sameFile = conftest.path === input.file.path;
  const actions: GeneratedAction[] = [];
  for (const variant of VARIANTS) {
    if (variant.flavor === 'async' && !ownerIsAsync) continue;
    const annotation = requestAnnotation(input.file, request.owner, request.name);
    const spec: FixtureSpec = { name: request.name, flavor: variant.flavor, scope: variant.scope, asyncioAuto: input.asyncioAuto, annotation };
    actions.push({
      title: `Generate fixture \`${request.name}\` in this file${variant.label}`,
      kind: 'quickfix',
      preferred: variant.flavor === 'plain' && variant.scope === 'function',
      changes: [{ path: input.file.path, edits: generateFixtureHere(input.text, input.file, request.range.start.line, spec) }],
    });
    if (sameFile) continue;
    const conftestText = conftest.exists ? input.readFile(conftest.path) : undefined;
    actions.push({
      title: `Generate fixture \`${request.name}\` in ${conftest.exists ? 'the nearest' : 'a new'} conftest.py${variant.label}`,
      kind: 'quickfix',
      changes: [generateFixtureInConftest(conftest.path, conftestText, spec, input.text)],
    });
  }
  return actions;
}
