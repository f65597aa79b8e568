// What a class's bases say about how pytest collects it, following bases into the modules they
// come from: `unittest.TestCase` subclasses are collected whatever their name (python_classes does
// not apply) with the methods unittest's loader finds (`test*`, sorted, inherited included; no
// parametrize); a custom metaclass may rewrite the class body, so its tests' ids are not certain.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { dottedName } from '../model/syntax';
import type { ModuleInfo, ModuleLoader } from './moduleClasses';

/** The TestCase classes of unittest and of the frameworks built on it (Django, Twisted, asynctest). */
const TEST_CASE_BASES = new Set(['TestCase', 'IsolatedAsyncioTestCase', 'SimpleTestCase', 'TransactionTestCase', 'LiveServerTestCase', 'AsyncTestCase']);
/** Metaclasses that leave the class body as written. */
const PLAIN_METACLASSES = new Set(['ABCMeta', 'abc.ABCMeta', 'type']);
const MAX_DEPTH = 8;

export interface ClassKind {
  unittest: boolean;
  /** A base (or the class) sets a metaclass that may add, rename or remove methods. */
  customMetaclass: boolean;
}

// Asked for the same class by the module walk and by its own discovery, and for shared bases.
const kinds = new WeakMap<SyntaxNode, ClassKind>();

export function classKind(statement: SyntaxNode, module: ModuleInfo, loader: ModuleLoader | undefined, depth = 0): ClassKind {
  let kind = kinds.get(statement);
  if (!kind) kinds.set(statement, (kind = readClassKind(statement, module, loader, depth)));
  return kind;
}

function readClassKind(statement: SyntaxNode, module: ModuleInfo, loader: ModuleLoader | undefined, depth: number): ClassKind {
  const kind: ClassKind = { unittest: false, customMetaclass: false };
  if (depth > MAX_DEPTH) return kind;
  const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
  for (const base of definition?.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!base) continue;
    if (base.type === 'keyword_argument') {
      const metaclass = base.childForFieldName('name')?.text === 'metaclass' ? dottedName(base.childForFieldName('value')) : undefined;
      if (base.childForFieldName('name')?.text === 'metaclass' && !(metaclass && PLAIN_METACLASSES.has(metaclass))) kind.customMetaclass = true;
      continue;
    }
    const dotted = dottedName(base);
    if (!dotted) continue;
    const last = dotted.split('.').pop()!;
    if (TEST_CASE_BASES.has(last) && !module.classes.has(last)) {
      kind.unittest = true;
      continue; // unittest's own classes need not be read
    }
    if (base.type !== 'identifier') continue;
    const resolved = loader?.resolveClass(module, dotted) ?? (module.classes.has(dotted) ? { statement: module.classes.get(dotted)!, module } : undefined);
    if (!resolved || resolved.statement === statement) continue;
    const inherited = classKind(resolved.statement, resolved.module, loader, depth + 1);
    kind.unittest ||= inherited.unittest;
    kind.customMetaclass ||= inherited.customMetaclass;
  }
  return kind;
}

/** unittest's own base classes (they hold no tests: no need to read them). */
export function isTestCaseBase(name: string): boolean {
  return TEST_CASE_BASES.has(name);
}

/** unittest's `TestLoader.getTestCaseNames`: `test*` names in code-point order. */
export function unittestMethodNames(names: readonly string[]): string[] {
  return names.filter((name) => name.startsWith('test')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
