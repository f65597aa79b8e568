import type { Node as SyntaxNode } from 'web-tree-sitter';
import { isTestClassName, isTestFunctionName } from '../../config/collection';
import type { CollectionConfig } from '../../config/collection';
import { readDecorators } from '../../model/decorators';
import { dottedName, notNull } from '../../model/syntax';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';

// Bases and decorators that give a class a constructor pytest refuses (`hasinit` / `hasnew`).
const CONSTRUCTOR_BASES = /^(?:typing\.)?NamedTuple$|^(?:enum\.)?(?:Enum|IntEnum|StrEnum|Flag|IntFlag)$|^(?:Base)?Exception$|Error$|^(?:dict|list|set|tuple|str|int|float|bytes)$/;
const CONSTRUCTOR_DECORATORS = /^(?:dataclasses\.)?dataclass$|^attrs?\.(?:s|attrs|define|frozen|mutable)$|^(?:define|frozen|mutable)$|^pydantic\.dataclasses\.dataclass$/;
// Classes that exist to be inherited (`_SIMD_BOOL` is subclassed dynamically): their tests run
// through the subclasses.
const ABSTRACT_NAME = /Base|Mixin|Abstract|Common|Shared|^_|TestCase$/;

interface ClassInfo {
  node: SyntaxNode;
  name: string;
  bases: string[];
  body: SyntaxNode[];
  decorators: string[];
}

/** PP103 — a test class pytest will not collect: a constructor, or a name outside `python_classes`. */
export const uncollectedTestClass: PythonRule = {
  meta: {
    code: 'PP103',
    name: 'uncollected-test-class',
    summary: 'Test classes pytest silently skips: `Test*` classes with `__init__`, test methods in classes not named `Test*`.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, text, pytestConfig, report }) {
    const config = pytestConfig.collection;
    const classes = collectClasses(file.root);
    const byName = new Map(classes.map((c) => [c.name, c]));
    const usedAsBase = new Set(classes.flatMap((c) => c.bases));
    for (const cls of classes) {
      const nameNode = cls.node.childForFieldName('name')!;
      if (optedOut(cls)) continue;
      const tests = testMethods(cls, config);
      if (isTestClassName(cls.name, config)) {
        if (mayBeUnittest(cls, byName)) continue;
        const constructor = constructorOf(cls);
        if (!constructor) continue;
        const consequence = tests.length
          ? `its ${tests.length} test${tests.length === 1 ? '' : 's'} never run`
          : 'rename it or set `__test__ = False`';
        report({
          range: rangeOf(nameNode),
          message: `Class \`${cls.name}\` matches \`python_classes\` but ${constructor}: pytest refuses to collect it (PytestCollectionWarning) and ${consequence}.`,
        });
      } else if (file.kind === 'test' && tests.length > 0) {
        if (usedAsBase.has(cls.name) || ABSTRACT_NAME.test(cls.name) || !provablyPlain(cls, byName, new Set())) continue;
        // Named anywhere else in the file (`util.test_both(InspectLoaderTests)`): subclassed or used as a value.
        if ((text.match(new RegExp(`\\b${cls.name}\\b`, 'g')) ?? []).length > 1) continue;
        report({
          range: rangeOf(nameNode),
          message: `Class \`${cls.name}\` has test methods but its name does not match \`python_classes\` (${config.pythonClasses.map((p) => `\`${p}\``).join(', ')}): pytest never collects \`${tests[0]}\`${tests.length > 1 ? ` and ${tests.length - 1} more` : ''}.`,
        });
      }
    }
  },
};

/** Module-level classes and classes nested in them (not classes local to functions). */
function collectClasses(container: SyntaxNode): ClassInfo[] {
  const result: ClassInfo[] = [];
  for (const statement of container.namedChildren) {
    if (!statement) continue;
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type !== 'class_definition') continue;
    const body = definition.childForFieldName('body');
    result.push({
      node: definition,
      name: definition.childForFieldName('name')?.text ?? '',
      bases: (definition.childForFieldName('superclasses')?.namedChildren ?? [])
        .filter(notNull)
        .filter((b) => b.type !== 'keyword_argument')
        .map((b) => dottedName(b) ?? b.text),
      body: body?.namedChildren.filter(notNull) ?? [],
      decorators: readDecorators(statement).map((d) => d.callee),
    });
    if (body) result.push(...collectClasses(body));
  }
  return result;
}

function methodDefinitions(cls: ClassInfo): SyntaxNode[] {
  return cls.body
    .map((s) => (s.type === 'decorated_definition' ? s.childForFieldName('definition') : s))
    .filter((d): d is SyntaxNode => d?.type === 'function_definition');
}

function testMethods(cls: ClassInfo, config: CollectionConfig): string[] {
  return cls.body
    .filter((s) => {
      const definition = s.type === 'decorated_definition' ? s.childForFieldName('definition') : s;
      if (definition?.type !== 'function_definition') return false;
      // Fixtures named `test_*` are not tests.
      return !readDecorators(s).some((d) => /(?:^|\.)fixture$/.test(d.callee));
    })
    .map((s) => (s.type === 'decorated_definition' ? s.childForFieldName('definition')! : s).childForFieldName('name')?.text ?? '')
    .filter((name) => isTestFunctionName(name, config));
}

/** `__test__ = False` in the class body tells pytest to leave the class alone. */
function optedOut(cls: ClassInfo): boolean {
  return cls.body.some((s) => {
    const assignment = s.type === 'expression_statement' ? s.namedChild(0) : null;
    return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === '__test__';
  });
}

function constructorOf(cls: ClassInfo): string | undefined {
  for (const method of methodDefinitions(cls)) {
    const name = method.childForFieldName('name')?.text;
    if (name === '__init__' || name === '__new__') return `defines \`${name}\``;
  }
  const decorator = cls.decorators.find((d) => CONSTRUCTOR_DECORATORS.test(d));
  if (decorator) return `is a \`@${decorator}\` (which generates \`__init__\`)`;
  const base = cls.bases.find((b) => CONSTRUCTOR_BASES.test(b));
  if (base) return `inherits a constructor from \`${base}\``;
  return undefined;
}

/** unittest.TestCase subclasses are collected by pytest's unittest support, constructor or not. */
function mayBeUnittest(cls: ClassInfo, byName: Map<string, ClassInfo>, seen = new Set<string>()): boolean {
  if (seen.has(cls.name)) return false;
  seen.add(cls.name);
  return cls.bases.some((base) => {
    if (/TestCase$|^unittest\./.test(base)) return true;
    const local = byName.get(base);
    return local ? mayBeUnittest(local, byName, seen) : false;
  });
}

/** No bases outside this file (other than `object`): it cannot be a unittest.TestCase in disguise. */
function provablyPlain(cls: ClassInfo, byName: Map<string, ClassInfo>, seen: Set<string>): boolean {
  if (seen.has(cls.name)) return true;
  seen.add(cls.name);
  return cls.bases.every((base) => {
    if (base === 'object') return true;
    const local = byName.get(base);
    return local !== undefined && provablyPlain(local, byName, seen);
  });
}
