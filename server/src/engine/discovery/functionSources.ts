// Discovery parses a file with function bodies blanked (see skeleton.ts). A decorator that calls
// a helper of the module (`parametrize("x", cases())`) needs that helper's real body: it is cut
// from the original text and parsed on its own, only when asked for, once.

import type { Node as SyntaxNode, Parser, Tree } from 'web-tree-sitter';
import { lineStarts, offsetAt, Position } from '../text/positions';
import { parsePythonSource } from '../parse/dedentedComments';

export class FunctionSources {
  private readonly trees: Tree[] = [];
  private readonly parsed = new Map<number, SyntaxNode | null>();
  private starts?: number[];

  /** `bodyEnds` empty: the tree is of the full text, its definitions already whole. */
  constructor(
    private readonly parser: Parser | undefined,
    private readonly text: string,
    private readonly bodyEnds: Map<number, Position>,
  ) {}

  /** For a tree of the full text: nothing to parse again. */
  static ofWholeTree(): FunctionSources {
    return new FunctionSources(undefined, '', new Map());
  }

  /** The whole `function_definition` of a module-level function of the parsed tree, or undefined. */
  definition(definition: SyntaxNode): SyntaxNode | undefined {
    if (definition.startPosition.column !== 0) return undefined; // methods and nested defs: not needed
    if (this.bodyEnds.size === 0 || !this.parser) return definition;
    let found = this.parsed.get(definition.startIndex);
    if (found === undefined) {
      found = this.parse(definition) ?? null;
      this.parsed.set(definition.startIndex, found);
    }
    return found ?? undefined;
  }

  /** The real text of a module-level definition, its body included even when the tree blanked it. */
  textOf(definition: SyntaxNode): string {
    const body = definition.childForFieldName('body');
    const end = body && this.bodyEnds.size > 0 ? this.bodyEnds.get(body.startPosition.row) : undefined;
    if (!end) return definition.text;
    this.starts ??= lineStarts(this.text);
    return this.text.slice(this.starts[definition.startPosition.row], offsetAt(this.starts, this.text, end));
  }

  /** The real text of the whole file ('' for a tree of the full text: read the tree's own text). */
  get wholeText(): string {
    return this.text;
  }

  /** The whole `function_definition` of any definition of the parsed tree, a method's too, or undefined. */
  wholeDefinition(definition: SyntaxNode): SyntaxNode | undefined {
    if (definition.startPosition.column === 0) return this.definition(definition);
    if (this.bodyEnds.size === 0 || !this.parser) return definition;
    let found = this.parsed.get(definition.startIndex);
    if (found === undefined) {
      found = this.parse(definition, true) ?? null;
      this.parsed.set(definition.startIndex, found);
    }
    return found ?? undefined;
  }

  /** `indented`: a method or nested def, parsed as the block of an `if 1:` (any indent opens a block). */
  private parse(definition: SyntaxNode, indented = false): SyntaxNode | undefined {
    const body = definition.childForFieldName('body');
    if (!body) return undefined;
    const end = this.bodyEnds.get(body.startPosition.row);
    if (!end) return definition; // a one-line body was not blanked
    this.starts ??= lineStarts(this.text);
    const from = this.starts[definition.startPosition.row];
    const to = offsetAt(this.starts, this.text, end);
    const tree = parsePythonSource(this.parser!, `${indented ? 'if 1:\n' : ''}${this.text.slice(from, to)}`);
    if (!tree) return undefined;
    this.trees.push(tree);
    const first = tree.rootNode.namedChild(0);
    const whole = indented ? first?.childForFieldName('consequence')?.namedChild(0) : first;
    return !tree.rootNode.hasError && whole?.type === 'function_definition' ? whole : undefined;
  }

  dispose(): void {
    for (const tree of this.trees) tree.delete();
    this.trees.length = 0;
    this.parsed.clear();
  }
}
