// pytest refuses three misspellings of `parametrize` outright: `@pytest.mark.parametrise(...)`
// fails when the module is imported ("Unknown 'parametrise' mark, did you mean 'parametrize'?"),
// so pytest collects none of the module's tests. Only code that runs on import counts; discovery
// parses function bodies blanked, so what the tree still has is that code.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { REFUSED_PARAMETRIZE_SPELLINGS } from '../model/decorators';
import { dottedName } from '../model/syntax';

/** pytest's message for the first refused spelling the module uses on import, or undefined. */
export function refusedMarkError(root: SyntaxNode): string | undefined {
  const text = root.text;
  if (![...REFUSED_PARAMETRIZE_SPELLINGS].some((name) => text.includes(name))) return undefined;
  for (const attribute of root.descendantsOfType('attribute')) {
    const name = attribute?.childForFieldName('attribute')?.text;
    if (!name || !REFUSED_PARAMETRIZE_SPELLINGS.has(name)) continue;
    const owner = dottedName(attribute!.childForFieldName('object'));
    if (owner === 'pytest.mark' || owner === 'mark') return `Unknown '${name}' mark, did you mean 'parametrize'?`;
  }
  return undefined;
}
