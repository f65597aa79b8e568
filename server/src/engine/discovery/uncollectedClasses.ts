// Test classes pytest does not collect although their name matches: `__test__` false (also
// inherited), an `__init__` or `__new__` (also inherited: from a base of the module, a builtin
// type such as `dict` or `Exception`, an Enum or NamedTuple, a `@dataclass`), or an abstract class
// (an ABC with an abstract method no class in its MRO implements). Read from the class and the
// bases discovery can follow, nearest first.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { readDecorators } from '../model/decorators';
import { dottedName } from '../model/syntax';
import type { ModuleInfo } from './moduleClasses';

export interface ChainClass {
  statement: SyntaxNode;
  module: ModuleInfo;
}

/** Builtin or standard bases that give a class an `__init__` or `__new__` of their own. */
const INIT_BASES = new Set([
  ...'dict list set frozenset tuple str bytes bytearray int float complex bool type memoryview range slice property'.split(' '),
  ...'NamedTuple typing.NamedTuple Enum IntEnum StrEnum Flag IntFlag enum.Enum enum.IntEnum enum.StrEnum enum.Flag enum.IntFlag'.split(' '),
  ...'collections.OrderedDict collections.defaultdict collections.Counter collections.deque OrderedDict defaultdict Counter deque'.split(' '),
]);
const DATACLASS_DECORATORS = new Set(['dataclass', 'dataclasses.dataclass', 'attr.s', 'attr.attrs', 'attr.define', 'attr.frozen', 'attrs.define', 'attrs.frozen', 'attrs.mutable']);
const ABSTRACT_DECORATORS = new Set(['abstractmethod', 'abc.abstractmethod', 'abstractproperty', 'abc.abstractproperty', 'abstractclassmethod', 'abc.abstractclassmethod', 'abstractstaticmethod', 'abc.abstractstaticmethod']);
const ABC_BASES = new Set(['ABC', 'abc.ABC']);
const ABC_METACLASSES = new Set(['ABCMeta', 'abc.ABCMeta']);

/**
 * Why pytest leaves the class out (for the log and tests), or undefined when it collects it.
 * `hasInit`: whether the class or a base in the chain defines `__init__` or `__new__`.
 */
export function uncollectedReason(chain: readonly ChainClass[], unittest: boolean, hasInit: boolean): string | undefined {
  const testFlag = firstAssigned(chain, '__test__');
  if (testFlag && /^(False|None|0|''|"")$/.test(testFlag.text)) return '__test__ is false';
  if (unittest) return undefined; // unittest classes have __init__ and may be abstract-looking mixins
  if (hasInit) return 'it has an __init__ or __new__';
  let isAbc = false;
  for (const { statement, module } of chain) {
    for (const base of classDefinition(statement).childForFieldName('superclasses')?.namedChildren ?? []) {
      if (!base) continue;
      if (base.type === 'keyword_argument') {
        isAbc ||= base.childForFieldName('name')?.text === 'metaclass' && ABC_METACLASSES.has(dottedName(base.childForFieldName('value')) ?? '');
        continue;
      }
      const name = dottedName(base);
      if (!name) continue;
      if (isInitBase(name, module, statement.startIndex)) return `its base ${name} has an __init__ or __new__`;
      isAbc ||= ABC_BASES.has(name);
    }
    const generated = readDecorators(statement).find((d) => DATACLASS_DECORATORS.has(d.callee) && !/\binit\s*=\s*False\b/.test(d.args?.text ?? ''));
    if (generated) return `@${generated.callee} gives it an __init__`;
  }
  return isAbc && hasAbstractMethod(chain) ? 'it is abstract' : undefined;
}

/** `dict`, `ValueError` (unless the module binds the name), `typing.NamedTuple`, `from enum import Enum`. */
function isInitBase(name: string, module: ModuleInfo, at: number): boolean {
  const [head, ...rest] = name.split('.');
  const binding = module.scope.lookup(head, at);
  if (rest.length > 0) return binding?.kind === 'module' && binding.dotted === head && INIT_BASES.has(name);
  if (!binding) return INIT_BASES.has(name) || /^[A-Z]\w*(Error|Exception|Warning)$/.test(name);
  return binding.kind === 'import' && binding.from?.level === 0 && INIT_BASES.has(`${binding.from.dotted}.${binding.importedName}`);
}

function classDefinition(statement: SyntaxNode): SyntaxNode {
  return statement.type === 'decorated_definition' ? statement.childForFieldName('definition')! : statement;
}

function bodyStatements(statement: SyntaxNode): SyntaxNode[] {
  return (classDefinition(statement).childForFieldName('body')?.namedChildren ?? []).filter((s): s is SyntaxNode => !!s);
}

/** The value the nearest class assigns to `name` in its body. */
function firstAssigned(chain: readonly ChainClass[], name: string): SyntaxNode | undefined {
  for (const { statement } of chain) {
    for (const child of bodyStatements(statement)) {
      const assignment = child.type === 'expression_statement' ? child.namedChild(0) : undefined;
      if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === name) return assignment.childForFieldName('right') ?? undefined;
    }
  }
  return undefined;
}

function functionName(statement: SyntaxNode): string | undefined {
  const definition = classDefinition(statement);
  return definition.type === 'function_definition' ? definition.childForFieldName('name')?.text : undefined;
}

/** Whether the nearest definition of some name in the MRO is abstract (the class being an ABC). */
function hasAbstractMethod(chain: readonly ChainClass[]): boolean {
  const seen = new Set<string>();
  for (const { statement } of chain) {
    for (const member of bodyStatements(statement)) {
      const name = functionName(member) ?? assignedName(member);
      if (!name || seen.has(name)) continue;
      seen.add(name);
      if (readDecorators(member).some((d) => ABSTRACT_DECORATORS.has(d.callee))) return true;
    }
  }
  return false;
}

function assignedName(statement: SyntaxNode): string | undefined {
  const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : undefined;
  const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
  return left?.type === 'identifier' ? left.text : undefined;
}

/** A method pytest does not collect: a property (not callable). */
export function isPropertyMethod(statement: SyntaxNode): boolean {
  return readDecorators(statement).some((d) => /^(?:functools\.)?(?:property|cached_property)$/.test(d.callee));
}
