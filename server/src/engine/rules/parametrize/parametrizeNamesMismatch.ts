import { allTests, effectiveMarkers } from '../../model/buildModel';
import { callArguments, stringValue } from '../../model/syntax';
import { fixtureView } from '../../fixtures/project';
import { resolveRequest } from '../../fixtures/resolve';
import { unparenthesized } from '../../fixtures/summarize';
import type { TestFunction } from '../../model/types';
import { rangeOf } from '../../text/positions';
import type { PythonRule, PythonRuleContext } from '../types';
import { argnameRanges } from './argnameRanges';

/**
 * Names the test's fixtures request, transitively (pytest lets `parametrize` override those too);
 * undefined when some fixture cannot be followed, so the rule must stay quiet.
 */
function fixtureClosure(context: PythonRuleContext, test: TestFunction): Set<string> | undefined {
  const names = new Set<string>();
  const view = fixtureView(context.project, context.file);
  const local = new Map(context.file.fixtures.map((f) => [f.fixtureName, f.params.map((p) => p.name)]));
  // Parametrized names are values, not fixtures: nothing to follow behind them.
  const parametrized = new Set(test.parametrize.flatMap((p) => p.argnames ?? []));
  const besides = requestedBesideParameters(context, test);
  if (!besides) return undefined;
  const queue = [...test.params.filter((p) => !p.hasDefault && !p.variadic).map((p) => p.name), ...besides];
  while (queue.length) {
    const name = queue.shift()!;
    if (names.has(name)) continue;
    names.add(name);
    if (parametrized.has(name) || name === 'self' || name === 'cls' || name === 'request') continue;
    if (view) {
      const winner = resolveRequest(view.lookup(test.className), name)[0];
      if (winner) {
        queue.push(...winner.requests.map((r) => r.name));
        continue;
      }
    }
    const params = local.get(name);
    if (params) queue.push(...params);
    else if (!view) return undefined;
  }
  return names;
}

/**
 * What the test requests besides its parameters, as pytest's closure starts: the ini's
 * `usefixtures`, `usefixtures` marks (its own, its classes', the module's) and autouse fixtures in
 * reach. undefined when a mark names them with a computed value.
 */
function requestedBesideParameters(context: PythonRuleContext, test: TestFunction): string[] | undefined {
  const names = [...context.pytestConfig.usefixtures];
  for (const marker of effectiveMarkers(context.file, test)) {
    if (marker.name !== 'usefixtures') continue;
    for (const arg of callArguments(marker.args).positional) {
      const name = stringValue(arg);
      if (name === undefined) return undefined;
      names.push(name);
    }
  }
  const view = fixtureView(context.project, context.file);
  const definitions = view ? view.lookup(test.className).layers.flat() : context.file.fixtures.map((f) => ({ name: f.fixtureName, autouse: f.autouse }));
  for (const definition of definitions) if (definition.autouse) names.push(definition.name);
  return names;
}

/** PP401 — a `parametrize` argname the test function does not take. */
export const parametrizeNamesMismatch: PythonRule = {
  meta: {
    code: 'PP401',
    name: 'parametrize-names-mismatch',
    summary: 'A `parametrize` argname is not a parameter of the test (pytest errors at collection).',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check(context) {
    for (const test of allTests(context.file)) {
      let closure: Set<string> | undefined | null = null;
      for (const parametrize of test.parametrize) {
        if (!parametrize.argnamesNode) continue;
        for (const { name, range } of argnameRanges(unparenthesized(parametrize.argnamesNode)!)) {
          const param = test.params.find((p) => p.name === name);
          if (param?.hasDefault) {
            report(context, range, `\`${test.name}\` already takes \`${name}\` with a default value; pytest refuses to parametrize it.`);
            continue;
          }
          if (param) continue;
          if (closure === null) closure = fixtureClosure(context, test);
          if (!closure || closure.has(name)) continue;
          const parameters = test.node.childForFieldName('parameters')!;
          const last = parameters.namedChildren.filter((c) => c && c.type !== 'comment').pop();
          const insertAt = last ? rangeOf(last).end : { line: rangeOf(parameters).start.line, character: rangeOf(parameters).start.character + 1 };
          report(context, range, `\`parametrize\` names \`${name}\`, but \`${test.name}\` takes no such parameter.`, {
            title: `Add parameter \`${name}\` to \`${test.name}\``,
            edits: [{ range: { start: insertAt, end: insertAt }, newText: last ? `, ${name}` : name }],
            safe: false,
          });
        }
      }
    }
  },
};

function report(context: PythonRuleContext, range: ReturnType<typeof rangeOf>, message: string, fix?: { title: string; edits: { range: ReturnType<typeof rangeOf>; newText: string }[]; safe: boolean }) {
  context.report({ range, message, fixes: fix ? [fix] : [] });
}
