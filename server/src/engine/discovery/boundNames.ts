// Names a compound statement (`if`, `try`, `with`, loops) binds in its blocks: which binding wins,
// or whether one happens at all, needs running code.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { ModuleSpec } from './scope';

export const COMPOUND_STATEMENTS = new Set(['if_statement', 'try_statement', 'with_statement', 'for_statement', 'while_statement', 'match_statement']);

/** Every name a compound statement's blocks bind (defs, classes, assignments, imports), nested. */
export function namesBoundIn(node: SyntaxNode, names: Set<string>): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    const definition = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (definition?.type === 'function_definition' || definition?.type === 'class_definition') {
      const name = definition.childForFieldName('name')?.text;
      if (name) names.add(name);
    } else if (child.type === 'expression_statement') {
      namesBoundIn(child, names);
    } else if (child.type === 'assignment' || child.type === 'augmented_assignment') {
      const left = child.childForFieldName('left');
      if (left?.type === 'identifier') names.add(left.text);
      else left?.descendantsOfType('identifier').forEach((id) => id && names.add(id.text));
    } else if (child.type === 'import_statement' || child.type === 'import_from_statement') {
      for (const imported of child.namedChildren) {
        if (imported?.type === 'aliased_import') names.add(imported.childForFieldName('alias')?.text ?? '');
        else if (imported?.type === 'dotted_name' && imported.startIndex !== child.childForFieldName('module_name')?.startIndex) names.add(imported.text.split('.')[0]);
      }
    } else if (child.type === 'for_statement') {
      child.childForFieldName('left')?.descendantsOfType('identifier').forEach((id) => id && names.add(id.text));
      namesBoundIn(child, names);
    } else if (child.type === 'as_pattern_target') {
      child.descendantsOfType('identifier').forEach((id) => id && names.add(id.text));
    } else if (BLOCKS.has(child.type)) namesBoundIn(child, names);
  }
}

// Statements and clauses that hold statements: expressions cannot bind (walrus aside) and walking
// them node by node was a quarter of a cold discovery on numpy.
const BLOCKS = new Set([
  ...COMPOUND_STATEMENTS, 'block', 'elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause',
  'with_clause', 'with_item', 'as_pattern', 'case_clause',
]);

/** A statement inside a block that binds a name, in a form another module's value can be read from. */
export type BindingSite =
  | { kind: 'import'; from: ModuleSpec; importedName: string }
  | { kind: 'definition'; name: string; decorated: boolean }
  | { kind: 'assignment'; value: SyntaxNode }
  /** A `for` target, `with … as`, `except … as`, `+=`, `import pkg`: not followed. */
  | { kind: 'other' };

/** Every statement in a compound statement's blocks that binds `name`, nested, in source order. */
export function bindingSitesOf(node: SyntaxNode, name: string, sites: BindingSite[] = []): BindingSite[] {
  for (const child of node.namedChildren) {
    if (!child) continue;
    const decorated = child.type === 'decorated_definition';
    const definition = decorated ? child.childForFieldName('definition') : child;
    if (definition?.type === 'function_definition' || definition?.type === 'class_definition') {
      if (definition.childForFieldName('name')?.text === name) sites.push({ kind: 'definition', name, decorated });
    } else if (child.type === 'expression_statement') {
      bindingSitesOf(child, name, sites);
    } else if (child.type === 'assignment') {
      const left = child.childForFieldName('left');
      const right = child.childForFieldName('right');
      if (left?.type === 'identifier') {
        if (left.text === name) sites.push(right && right.type !== 'assignment' ? { kind: 'assignment', value: right } : { kind: 'other' });
      } else if (left?.descendantsOfType('identifier').some((id) => id?.text === name)) sites.push({ kind: 'other' });
    } else if (child.type === 'augmented_assignment') {
      if (child.childForFieldName('left')?.text === name) sites.push({ kind: 'other' });
    } else if (child.type === 'import_from_statement') {
      const moduleNode = child.childForFieldName('module_name');
      const text = moduleNode?.text ?? '';
      const level = /^\.*/.exec(text)![0].length;
      for (const imported of child.namedChildren) {
        if (!imported || imported.startIndex === moduleNode?.startIndex) continue;
        const importedName = imported.type === 'aliased_import' ? imported.childForFieldName('name')?.text : imported.text;
        const local = imported.type === 'aliased_import' ? imported.childForFieldName('alias')?.text : imported.text;
        if (local === name && importedName) sites.push({ kind: 'import', from: { level, dotted: text.slice(level) }, importedName });
      }
    } else if (child.type === 'import_statement') {
      const binds = child.namedChildren.some((imported) =>
        imported?.type === 'aliased_import' ? imported.childForFieldName('alias')?.text === name : imported?.text.split('.')[0] === name,
      );
      if (binds) sites.push({ kind: 'other' });
    } else if (child.type === 'for_statement') {
      if (child.childForFieldName('left')?.descendantsOfType('identifier').some((id) => id?.text === name)) sites.push({ kind: 'other' });
      bindingSitesOf(child, name, sites);
    } else if (child.type === 'as_pattern_target') {
      if (child.descendantsOfType('identifier').some((id) => id?.text === name)) sites.push({ kind: 'other' });
    } else if (BLOCKS.has(child.type)) bindingSitesOf(child, name, sites);
  }
  return sites;
}
