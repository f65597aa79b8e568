import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests, effectiveMarkers } from '../../model/buildModel';
import { docstringOf, dottedName, notNull } from '../../model/syntax';
import type { PytestFile, TestClass, TestFunction } from '../../model/types';
import type { PythonRule } from '../types';
import { importsOf, nodesOfType, resolvedCallee, rootIdentifier } from './names';

// pytest calls that check an outcome (or decide it: skip/xfail/fail).
const PYTEST_CHECKS = new Set(['raises', 'warns', 'deprecated_call', 'fail', 'skip', 'xfail', 'importorskip']);
// Modules whose functions are test helpers: relative imports and test-support packages.
const HELPER_MODULE = /^\.|(?:^|[._])(?:tests?|testing|helpers?|utils?|support|conftest|fixtures|common)(?:$|[._])/;
const FOLLOW_DEPTH = 2;
const STATEMENTS = new Set(['assert_statement', 'raise_statement']);
const CALLS_WITH_ASSIGNMENTS = new Set(['call', 'with_item', 'assignment']);

interface Context {
  file: PytestFile;
  cls?: TestClass;
  prefixes: string[];
  /** Names of the test's parameters: `with expectation:` over a parametrized `pytest.raises` checks. */
  params: Set<string>;
  /** Module-level classes whose methods assert or raise (checkers, AST visitors that fail on findings). */
  checkingClasses: Set<string>;
}

/** PP203 — a test that checks nothing passes whenever its code does not raise. */
export const testWithoutAssertion: PythonRule = {
  meta: {
    code: 'PP203',
    name: 'test-without-assertion',
    summary: 'Every test asserts something (an `assert`, `pytest.raises`, a mock `assert_*` call, an assertion helper).',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {
      assertionHelperPrefixes: {
        type: 'string[]',
        default: ['assert', 'check', 'verify', 'expect'],
        description: 'Calls whose last name starts with one of these prefixes count as assertions (`assert_called_once`, `check_output`, `verify_schema`).',
      },
    },
  },
  check({ file, options, report }) {
    const prefixes = ((options.assertionHelperPrefixes as string[]) ?? []).map((p) => p.toLowerCase());
    let checkingClasses: Set<string> | undefined;
    for (const test of allTests(file)) {
      const markers = effectiveMarkers(file, test).map((m) => m.name);
      if (markers.includes('skip')) continue; // never runs
      const empty = isEmptyBody(test.body);
      // A docstring with `>>>` examples is a doctest the project runs through its doctest plugin.
      if (empty && test.docstring?.includes('>>>')) continue;
      if (empty) {
        const xfail = markers.includes('xfail');
        report({
          range: test.nameRange,
          message: xfail
            ? `Test \`${test.name}\` is marked \`xfail\` but its body is empty: it passes unexpectedly (XPASS) and checks nothing. Write the failing check, or mark it \`skip\`.`
            : `Test \`${test.name}\` has an empty body: it always passes. Write the check, or mark it \`skip\` with a reason.`,
        });
        continue;
      }
      // xfail tests that run code expect it to fail; property tests (`@given`) may only check "does not raise".
      if (markers.includes('xfail') || test.decorators.some((d) => /(?:^|\.)given$/.test(d.callee))) continue;
      checkingClasses ??= classesThatCheck(file);
      const context: Context = { file, cls: classOf(file, test), prefixes, params: new Set(test.params.map((p) => p.name)), checkingClasses };
      if (hasEvidence(test.body, context, 0)) continue;
      report({
        range: test.nameRange,
        message: `Test \`${test.name}\` asserts nothing: it passes whenever its code runs without raising. Assert on the result, or use \`pytest.raises\` for an expected error.`,
      });
    }
  },
};

function classesThatCheck(file: PytestFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.root.namedChildren) {
    const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type !== 'class_definition') continue;
    if (nodesOfType(definition, STATEMENTS).length > 0) names.add(definition.childForFieldName('name')?.text ?? '');
  }
  return names;
}

/** Only `pass`, `...` and a docstring. */
function isEmptyBody(body: SyntaxNode): boolean {
  const statements = body.namedChildren.filter(notNull).filter((s) => s.type !== 'comment');
  const docstring = docstringOf(body) !== undefined ? statements[0] : undefined;
  return statements.every(
    (s) => s === docstring || s.type === 'pass_statement' || (s.type === 'expression_statement' && s.namedChild(0)?.type === 'ellipsis'),
  );
}

function classOf(file: PytestFile, test: TestFunction): TestClass | undefined {
  const find = (classes: TestClass[]): TestClass | undefined => {
    for (const cls of classes) {
      if (cls.tests.includes(test)) return cls;
      const nested = find(cls.classes);
      if (nested) return nested;
    }
    return undefined;
  };
  return find(file.classes);
}

function hasEvidence(body: SyntaxNode, context: Context, depth: number): boolean {
  // Statements first: they are cheap to find and settle most tests without looking at every call.
  if (nodesOfType(body, STATEMENTS).length > 0) return true;
  return nodesOfType(body, CALLS_WITH_ASSIGNMENTS).some((node) => {
    if (node.type === 'call') return callChecks(node, context, depth);
    if (node.type === 'assignment') {
      // `raises = self.assertRaises` then `raises(ValueError, f)`: an alias of a checker.
      const last = dottedName(node.childForFieldName('right'))?.split('.').at(-1)?.toLowerCase() ?? '';
      return last !== '' && context.prefixes.some((p) => last.startsWith(p));
    }
    if (node.type !== 'with_item') return false;
    const value = node.namedChild(0);
    const item = value?.type === 'as_pattern' ? value.namedChild(0) : value;
    return item?.type === 'identifier' && context.params.has(item.text);
  });
}

function callChecks(call: SyntaxNode, context: Context, depth: number): boolean {
  const fn = call.childForFieldName('function');
  const written = dottedName(fn);
  if (!written) return false;
  const last = written.split('.').at(-1)!;
  const lower = last.toLowerCase();
  if (context.prefixes.some((p) => lower.startsWith(p))) return true;
  const resolved = resolvedCallee(context.file, call) ?? written;
  if (resolved.startsWith('pytest.') && PYTEST_CHECKS.has(last)) return true;
  if (written === 'self.fail' || last === 'raise_for_status') return true;
  const root = rootIdentifier(fn)?.text;
  if (root === 'benchmark') return true; // pytest-benchmark measures; the timing is the result
  if (root && context.checkingClasses.has(root)) return true; // `FindFuncs(path).visit(tree)`
  // Helpers: same-module functions and same-class methods are followed; others judged by name and origin.
  if (depth < FOLLOW_DEPTH) {
    const moduleHelper = fn?.type === 'identifier' ? context.file.moduleFunctions.get(written) : undefined;
    if (moduleHelper) return hasEvidence(moduleHelper.childForFieldName('body')!, context, depth + 1);
    if (root === 'self' && written.split('.').length === 2 && context.cls) {
      const method = context.cls.methods.find((m) => m.name === last);
      if (method) return hasEvidence(method.body, context, depth + 1);
      if (context.cls.bases.length > 0) return true; // inherited helper we cannot see
    }
  }
  if (/test|check|assert|verify|expect/i.test(last) && !context.file.moduleFunctions.has(written)) return true;
  const imported = root ? importsOf(context.file).find((i) => i.local === root) : undefined;
  return imported !== undefined && HELPER_MODULE.test(imported.module);
}
