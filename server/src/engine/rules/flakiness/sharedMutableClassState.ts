import type { Node as SyntaxNode } from 'web-tree-sitter';
import { walkScope } from '../../model/syntax';
import type { Decorated, TestClass } from '../../model/types';
import { rangeOf } from '../../text/positions';
import { snippet } from '../support/snippet';
import type { PythonRule } from '../types';
import { isMutableValue, mutationOf } from './mutations';

/** PP214 — a test class keeps a mutable class attribute that its tests mutate, so tests share state. */
export const sharedMutableClassState: PythonRule = {
  meta: {
    code: 'PP214',
    name: 'shared-mutable-class-state',
    summary: 'A test class holds a mutable class attribute (`items = []`) that its tests mutate.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, report }) {
    const visit = (cls: TestClass) => {
      for (const attribute of mutableAttributes(cls)) {
        const name = attribute.name.text;
        if (cls.methods.some((m) => assignsInstanceAttribute(m, name))) continue; // `self.items = []` per test shadows it
        const resets = cls.methods.filter((m) => !cls.tests.some((t) => t.node === m.node)).some((m) => mutations(m, name, cls.name).length > 0);
        if (resets) continue; // setup/teardown code that clears it keeps tests apart
        const mutated = cls.tests.map((t) => ({ test: t, sites: mutations(t, name, cls.name) })).find((m) => m.sites.length > 0);
        if (!mutated) continue;
        report({
          range: rangeOf(attribute.name),
          message:
            `Class attribute \`${name} = ${snippet(attribute.value, 20)}\` is one object shared by every test in \`${cls.name}\`, and ` +
            `\`${mutated.test.name}\` mutates it (\`${snippet(mutated.sites[0], 40)}\`): tests see each other's leftovers. ` +
            'Create it per test in a fixture or `setup_method`.',
        });
      }
      cls.classes.forEach(visit);
    };
    file.classes.forEach(visit);
  },
};

function mutableAttributes(cls: TestClass): { name: SyntaxNode; value: SyntaxNode }[] {
  const found: { name: SyntaxNode; value: SyntaxNode }[] = [];
  for (const statement of cls.node.childForFieldName('body')?.namedChildren ?? []) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right && isMutableValue(right)) found.push({ name: left, value: right });
  }
  return found;
}

/** `self.items` / `cls.items` / `TestBasket.items`. */
function isClassAttribute(node: SyntaxNode, name: string, className: string): boolean {
  if (node.type !== 'attribute' || node.childForFieldName('attribute')?.text !== name) return false;
  const object = node.childForFieldName('object')?.text;
  return object === 'self' || object === 'cls' || object === className;
}

function mutations(method: Decorated, name: string, className: string): SyntaxNode[] {
  const sites: SyntaxNode[] = [];
  walkScope(method.body, (node) => {
    const site = mutationOf(node, (n) => isClassAttribute(n, name, className));
    if (site) sites.push(site);
  });
  return sites;
}

function assignsInstanceAttribute(method: Decorated, name: string): boolean {
  let assigns = false;
  walkScope(method.body, (node) => {
    if (node.type !== 'assignment') return;
    const left = node.childForFieldName('left');
    const targets = left?.type === 'pattern_list' || left?.type === 'tuple_pattern' ? left.namedChildren : [left];
    if (targets.some((t) => t?.type === 'attribute' && t.childForFieldName('object')?.text === 'self' && t.childForFieldName('attribute')?.text === name)) assigns = true;
  });
  return assigns;
}
