import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import { keepsFunction, readDecorators } from '../../model/decorators';
import { dottedName, findInScope, notNull } from '../../model/syntax';
import { rangeOf } from '../../text/positions';
import type { PythonRule, Report } from '../types';
import { ownerClass } from '../support/ownerClass';

/** PP105 — a test that yields: pytest refuses it (its module or class fails to collect), unittest never runs its body. */
export const generatorTest: PythonRule = {
  meta: {
    code: 'PP105',
    name: 'generator-test',
    summary: 'No `yield` in a test: pytest fails to collect its module or class, and a unittest method\'s body never runs.',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, text, report }) {
    if (file.kind !== 'test' || !text.includes('yield')) return;
    const unittest = unittestClasses(file.root);
    for (const test of allTests(file)) {
      const owner = ownerClass(file, test);
      if (owner && unittest.has(owner.node)) continue; // reported below, with the unittest methods
      // `async def … yield` is an async generator: pytest's check is for plain generators. Another
      // decorator than a mark gives pytest a wrapper (IPython drives yielded steps with one).
      const first = test.isAsync || !keepsFunction(test.decorators) ? undefined : findInScope(test.body, 'yield')[0];
      if (!first) continue;
      const where = owner ? `its class \`${owner.name}\`` : 'its module';
      report({
        range: rangeOf(first),
        message: `Test \`${test.name}\` yields: pytest refuses generator tests ("'yield' keyword is allowed in fixtures, but not in tests"), so collecting ${where} fails and none of its tests run. Yield from a fixture instead.`,
      });
    }
    for (const cls of unittest) reportUnittestGenerators(cls, report);
  },
};

/**
 * unittest runs a `test*` method of a `TestCase` whatever the class is named (pytest's
 * python_classes does not apply): a generator method returns at once and counts as a pass.
 */
function reportUnittestGenerators(cls: SyntaxNode, report: (finding: Report) => void): void {
  for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
    const method = statement && unwrap(statement);
    const name = method?.type === 'function_definition' ? method.childForFieldName('name')?.text : undefined;
    if (!method || !name?.startsWith('test') || method.firstChild?.type === 'async' || !keepsFunction(readDecorators(statement!))) continue;
    const body = method.childForFieldName('body');
    const first = body ? findInScope(body, 'yield')[0] : undefined;
    if (!first) continue;
    report({
      range: rangeOf(first),
      message: `Test \`${name}\` yields: unittest calls it, gets a generator back and counts a pass without running its body. Remove the \`yield\`.`,
    });
  }
}

/** Module-level classes that are `TestCase` subclasses, directly or through classes of the module. */
function unittestClasses(root: SyntaxNode): Set<SyntaxNode> {
  const classes = new Map<string, SyntaxNode>();
  for (const statement of root.namedChildren) {
    const definition = statement && unwrap(statement);
    const name = definition?.type === 'class_definition' ? definition.childForFieldName('name')?.text : undefined;
    if (name) classes.set(name, definition!);
  }
  const basesOf = (cls: SyntaxNode): string[] => (cls.childForFieldName('superclasses')?.namedChildren ?? []).map((b) => dottedName(b)).filter(notNull);
  const isTestCase = (cls: SyntaxNode, seen: Set<SyntaxNode>): boolean => {
    if (seen.has(cls)) return false;
    seen.add(cls);
    return basesOf(cls).some((base) => /TestCase$/.test(base) || (classes.has(base) && isTestCase(classes.get(base)!, seen)));
  };
  return new Set([...classes.values()].filter((cls) => isTestCase(cls, new Set())));
}

function unwrap(statement: SyntaxNode): SyntaxNode {
  return statement.type === 'decorated_definition' ? (statement.childForFieldName('definition') ?? statement) : statement;
}
