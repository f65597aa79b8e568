// Classes a test module can inherit tests from: its own, and classes imported with
// `from .module import Base` / `from pkg.module import Base` from files next to it.
// Imported modules are parsed on demand; their trees live until `dispose()`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node as SyntaxNode, Parser, Tree } from 'web-tree-sitter';
import { noteDependency } from './fileDependencies';
import { ModuleNames } from './moduleNames';
import { COMPOUND_STATEMENTS, namesBoundIn } from './boundNames';
import { Scope, scopeOf } from './scope';
import { FunctionSources } from './functionSources';
import { skeletonOf } from './skeleton';
import { parsePythonSource } from '../parse/dedentedComments';

export interface ModuleInfo {
  file: string;
  scope: Scope;
  /** Module-level class statements by name (decorated_definition or class_definition). */
  classes: Map<string, SyntaxNode>;
  /** `from <spec> import <name> as <local>` at module level. */
  imports: Map<string, { level: number; dotted: string; name: string }>;
  /** `from <spec> import *` at module level. */
  starImports: { level: number; dotted: string }[];
  /** Names bound only inside top-level `if`/`try`/`with`/loops: which binding wins needs running code. */
  conditionalNames: Set<string>;
  /** The top-level `if`/`try`/`with`/loop statements, to find where they bind a name. */
  blocks: SyntaxNode[];
  /** The module's tree (its fixtures are read from it when a test module imports them). */
  root?: SyntaxNode;
}

export interface ResolvedClass {
  statement: SyntaxNode;
  module: ModuleInfo;
}

export function moduleInfo(file: string, root: SyntaxNode): ModuleInfo {
  const info: ModuleInfo = { file, scope: scopeOf(root), classes: new Map(), imports: new Map(), starImports: [], conditionalNames: new Set(), blocks: [], root };
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    if (COMPOUND_STATEMENTS.has(statement.type)) {
      namesBoundIn(statement, info.conditionalNames);
      info.blocks.push(statement);
    }
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'class_definition') {
      const name = definition.childForFieldName('name')?.text;
      if (name) info.classes.set(name, statement);
    } else if (statement.type === 'import_from_statement') readImportFrom(statement, info);
  }
  return info;
}

function readImportFrom(statement: SyntaxNode, info: ModuleInfo): void {
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode) return;
  const text = moduleNode.text;
  const level = /^\.*/.exec(text)![0].length;
  const dotted = text.slice(level);
  for (const child of statement.namedChildren) {
    if (!child || child.startIndex === moduleNode.startIndex) continue;
    if (child.type === 'wildcard_import') info.starImports.push({ level, dotted });
    else if (child.type === 'dotted_name') info.imports.set(child.text, { level, dotted, name: child.text });
    else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name')?.text ?? '';
      info.imports.set(child.childForFieldName('alias')?.text ?? name, { level, dotted, name });
    }
  }
}


/** Loads the modules a file imports classes from, parsing each at most once. */
export class ModuleLoader {
  private readonly trees: Tree[] = [];
  private readonly sources: FunctionSources[] = [];
  private readonly loaded = new Map<string, ModuleInfo | null>();
  /** Per folder and spec: the file found, and the paths probed to find it (a later module notes them too). */
  private readonly located = new Map<string, { file: string | undefined; probed: string[] }>();
  private readonly existing = new Map<string, boolean>();
  /** Names of other modules (`nx.binomial_graph`), resolved through the same parsed modules. */
  readonly names = new ModuleNames(this);

  /** `maxLoaded` bounds the WASM memory held by imported modules' trees. */
  constructor(private readonly parser: Parser, private readonly maxLoaded = 16) {}

  /** The class a module-level name refers to: defined there, or imported from a findable file. */
  resolveClass(module: ModuleInfo, name: string, depth = 0): ResolvedClass | undefined {
    const own = module.classes.get(name);
    if (own) return { statement: own, module };
    const imported = module.imports.get(name);
    if (!imported || depth > 4) return undefined;
    const file = this.locate(module.file, imported.level, imported.dotted);
    if (!file) return undefined;
    // Re-exports (`from ._visitors import *` in a 500 KB `__init__.py`) are followed in the text;
    // only the module that defines the class is parsed.
    const other = this.load(this.names.classHome(file, imported.name) ?? file);
    return other ? this.resolveClass(other, imported.name, depth + 1) : undefined;
  }

  /** The file of `from <level><dotted> import …` as seen from `fromFile`, when it exists. */
  locate(fromFile: string, level: number, dotted: string): string | undefined {
    // Many files of a tree import the same modules: one lookup per folder and spec.
    const key = `${path.dirname(fromFile)}\0${level}\0${dotted}`;
    let located = this.located.get(key);
    if (located === undefined) {
      const probed: string[] = [];
      this.located.set(key, (located = { file: this.locateUncached(fromFile, level, dotted, probed), probed }));
    } else located.probed.forEach(noteDependency); // the module asking depends on them too
    return located.file;
  }

  private locateUncached(fromFile: string, level: number, dotted: string, probed: string[]): string | undefined {
    const parts = dotted ? dotted.split('.') : [];
    const candidates = (base: string): string[] => [path.join(base, ...parts) + '.py', path.join(base, ...parts, '__init__.py')];
    const exists = (file: string): boolean => {
      probed.push(file);
      return this.exists(file);
    };
    if (level > 0) {
      let base = path.dirname(fromFile);
      for (let i = 1; i < level; i++) base = path.dirname(base);
      return candidates(base).find(exists);
    }
    // Absolute import: try the file's folder and each folder above it as a source root.
    for (let base = path.dirname(fromFile); ; base = path.dirname(base)) {
      const found = candidates(base).find(exists);
      if (found) return found;
      if (path.dirname(base) === base) return undefined;
    }
  }

  private exists(file: string): boolean {
    noteDependency(file); // absent ones too: a file created there would change what the import finds
    let found = this.existing.get(file);
    if (found === undefined) this.existing.set(file, (found = fs.existsSync(file)));
    return found;
  }

  /** The module of a file, parsed at most once (undefined when unreadable or over the bound). */
  load(file: string): ModuleInfo | undefined {
    noteDependency(file);
    if (this.loaded.has(file)) return this.loaded.get(file) ?? undefined;
    if (this.loaded.size >= this.maxLoaded) return undefined;
    let info: ModuleInfo | null = null;
    try {
      const text = fs.readFileSync(file, 'utf8');
      const skeleton = skeletonOf(text);
      const tree = parsePythonSource(this.parser, skeleton.text);
      if (tree) {
        this.trees.push(tree);
        info = moduleInfo(file, tree.rootNode);
        // Its functions' whole bodies, parsed when a test module calls one (`from .helpers import cases`).
        const sources = new FunctionSources(this.parser, text, skeleton.bodyEnds);
        this.sources.push(sources);
        info.scope.sources = sources;
      }
    } catch {
      info = null;
    }
    this.loaded.set(file, info);
    return info ?? undefined;
  }

  dispose(): void {
    this.trees.forEach((tree) => tree.delete());
    this.trees.length = 0;
    this.sources.forEach((sources) => sources.dispose());
    this.sources.length = 0;
    this.loaded.clear();
    this.located.clear();
    this.existing.clear();
  }
}
