import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import type { PytestFile, TestFunction } from '../../model/types';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';
import { importsOf, nodesOfType, resolvedCallee, rootIdentifier } from './names';

const ATTRIBUTE = new Set(['attribute']);
const CLASS = new Set(['class_definition']);
const BINDINGS = new Set(['assignment', 'as_pattern']);
const MOCK_NAME = /mock|^mocker$|^monkeypatch$|^patch(?:ed|er)?(?:_|$)|^fake|^stub|^spy/i;
const MOCK_FACTORIES = /(?:^|\.)(?:Mock|MagicMock|AsyncMock|NonCallableMock|NonCallableMagicMock|PropertyMock|create_autospec|patch|patch\.object|patch\.dict|patch\.multiple)$/;

/** PP206 — a test reaches into a private member (`obj._name`) of the code under test. */
export const privateMemberUnderTest: PythonRule = {
  meta: {
    code: 'PP206',
    name: 'private-member-under-test',
    summary: 'Tests use the public interface, not `obj._private` members.',
    defaultSeverity: 'information',
    defaultEnabled: true,
    fixable: false,
    options: {
      allowedNames: {
        type: 'string[]',
        default: ['_replace', '_asdict', '_fields', '_make', '_field_defaults', '_meta', '_getframe', '_exit', '_current_frames', '_xoptions'],
        description: 'Underscore names that are public API by convention (namedtuple methods, Django `_meta`, `sys._getframe`).',
      },
    },
  },
  check({ file, text, options, report }) {
    if (!/\._[A-Za-z0-9]/.test(text)) return;
    const allowed = new Set((options.allowedNames as string[]) ?? []);
    let localClasses: Set<string> | undefined;
    for (const test of allTests(file)) {
      let exempt: Set<string> | undefined;
      const seen = new Set<string>();
      for (const node of nodesOfType(test.body, ATTRIBUTE)) {
        const member = node.childForFieldName('attribute')?.text ?? '';
        if (!isPrivate(member) || allowed.has(member)) continue;
        const object = node.childForFieldName('object');
        if (!object || (object.type === 'call' && object.childForFieldName('function')?.text === 'super')) continue;
        // Worked out only for tests that touch an underscore member: most never do.
        localClasses ??= new Set(nodesOfType(file.root, CLASS).map((c) => c.childForFieldName('name')?.text ?? ''));
        exempt ??= exemptNames(file, test, localClasses);
        const root = rootIdentifier(object);
        // `_core._run.x`: the test already imported something private; that import is the decision.
        if (root && (exempt.has(root.text) || root.text.startsWith('_'))) continue;
        const key = `${object.text}.${member}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report({
          range: rangeOf(node),
          message: `Test \`${test.name}\` uses the private member \`${key}\`: it pins the implementation, so refactoring breaks the test. Test through the public interface.`,
        });
      }
    }
  },
};

function isPrivate(member: string): boolean {
  if (!member.startsWith('_') || member === '_') return false;
  if (/^__.*__$/.test(member)) return false; // dunder: protocol, not private
  if (/^_[^_].*[^_]_$/.test(member)) return false; // sunder: enum's `_value_`, `_missing_`
  return true;
}

/**
 * Names whose underscore members are fair game: self/cls, mocks (by name or by how they were made),
 * imported modules of the standard library, and classes defined in the test file (and their instances).
 */
function exemptNames(file: PytestFile, test: TestFunction, localClasses: Set<string>): Set<string> {
  const exempt = new Set(['self', 'cls']);
  for (const name of localClasses) exempt.add(name);
  // Module attributes (`trio._core`, `sys._getframe`): like `from x import _helper`, module-private
  // functions are left to review; this rule is about the private state of objects.
  // `from scipy import stats` names a module as often as not; capitalised imports are classes.
  for (const i of importsOf(file)) if (!i.name || /^[a-z]/.test(i.local)) exempt.add(i.local);
  for (const p of test.params) if (MOCK_NAME.test(p.name)) exempt.add(p.name);
  // `@patch(...)` decorators (without `new=`) inject mocks as the last positional parameters.
  const injected = test.decorators.filter((d) => /(?:^|\.)patch(?:\.object|\.multiple)?$/.test(d.callee) && !/\bnew\s*=/.test(d.args?.text ?? '')).length;
  const positional = test.params.filter((p) => !p.hasDefault && !p.variadic && p.name !== 'self');
  for (const p of positional.slice(positional.length - injected)) if (injected > 0) exempt.add(p.name);
  for (const n of nodesOfType(test.body, BINDINGS)) {
    const target = boundName(n);
    if (!target) continue;
    const { name, value } = target;
    if (MOCK_NAME.test(name)) exempt.add(name);
    if (!value) continue;
    const callee = value.type === 'call' ? resolvedCallee(file, value) ?? '' : '';
    const made = value.type === 'call' ? value.childForFieldName('function')?.text ?? '' : '';
    if (MOCK_FACTORIES.test(callee) || /(?:^|\.)patch(?:\.|$)/.test(made) || localClasses.has(made)) exempt.add(name);
  }
  return exempt;
}

/** `name = value` and `with value as name`: the bound name and the expression it came from. */
function boundName(n: SyntaxNode): { name: string; value?: SyntaxNode } | undefined {
  if (n.type === 'assignment') {
    const left = n.childForFieldName('left');
    if (left?.type === 'identifier') return { name: left.text, value: n.childForFieldName('right') ?? undefined };
  }
  if (n.type === 'as_pattern') {
    const alias = n.childForFieldName('alias');
    const identifier = alias?.type === 'identifier' ? alias : alias?.namedChild(0);
    if (identifier?.type === 'identifier') return { name: identifier.text, value: n.namedChild(0) ?? undefined };
  }
  return undefined;
}
