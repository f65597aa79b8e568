// What a Python module's text says about its top-level names without parsing it: one pass over
// the lines that start at column 0. Name resolution across modules (moduleNames.ts) reads whole
// star-import trees, so most modules must be ruled out cheaply; only a few get parsed.

import * as fs from 'node:fs';
import { noteDependency } from './fileDependencies';
import type { PyValue } from './pyValues';
import type { ModuleSpec } from './scope';

export interface SourceFacts {
  text: string;
  /** `from m import *` statements, in source order. */
  stars: ModuleSpec[];
  /** Names a top-level line may define, assign or import (a superset of the real bindings). */
  bindable: Set<string>;
  /** Names of top-level import lines (a parse tells which module they come from). */
  imported: Set<string>;
  /** Where each name is defined or assigned at column 0 (line start offsets). */
  definedAt: Map<string, number[]>;
  /** `from m import name as local` at column 0, by local name (a module for `import m as local`). */
  importedFrom: Map<string, (ImportedName | 'module')[]>;
  /** `__all__ = [...]` of string literals assigned once; undefined when absent or computed. */
  exports?: Set<string>;
  /** `exports` is all of `__all__`: false when the module adds to it (`append`, `extend`, `+=`). */
  exportsComplete: boolean;
  hasAll: boolean;
  /** Top-level `if`/`try`/`with`/loops: bindings inside them need a parse to be seen. */
  topLevelBlocks: boolean;
  /** `globals().update(...)` or `globals()[...] =`: any name may be bound at run time. */
  dynamicGlobals: boolean;
  /** A module `__getattr__` answers for names bound nowhere else. */
  moduleGetattr: boolean;
  /** Names indented lines may bind (`mayBindIndented`), once asked. */
  indentedBindable?: Set<string>;
}

const TOP_LEVEL_LINE = /(?:(?:async[ \t]+)?def|class)[ \t]+(\w+)|(\w+)[ \t]*(?::|=(?!=))|(?:from[ \t]+([\w.]+)[ \t]+)?import[ \t]+(\([^)]*\)|[^\n]*)/y;
const BLOCK = /(?:if|try|with|for|while)\b/y;
const LITERAL_ALL = /^__all__[ \t]*=[ \t]*[[(]((?:\s|#[^\n]*|"\w+"|'\w+'|,)*)[\])]/m;
const DYNAMIC_GLOBALS = /\bglobals\(\)\s*(?:\.update|\[)/;

const BINDING_START = /[A-Za-z_]/;

/** The start of the next line after offset `from` that begins with a letter or `_`, or -1. */
function nextBindingLine(lineStarts: RegExp, text: string, from: number): number {
  lineStarts.lastIndex = from;
  const found = lineStarts.exec(text);
  return found ? found.index + 1 : -1;
}

export function sourceFacts(text: string): SourceFacts {
  const facts: SourceFacts = {
    text,
    stars: [],
    bindable: new Set(),
    imported: new Set(),
    definedAt: new Map(),
    importedFrom: new Map(),
    hasAll: false,
    exportsComplete: false,
    topLevelBlocks: false,
    dynamicGlobals: text.includes('globals()') && DYNAMIC_GLOBALS.test(text),
    moduleGetattr: false,
  };
  let allAssignments = 0;
  // Most lines are indented or blank: only a letter or `_` at column 0 starts a binding. The regex
  // finds those line starts (a native scan) instead of visiting every line.
  const lineStarts = /\n[A-Za-z_]/g;
  for (let start = BINDING_START.test(text.charAt(0)) ? 0 : nextBindingLine(lineStarts, text, 0); start >= 0; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    BLOCK.lastIndex = start;
    if (BLOCK.test(text)) facts.topLevelBlocks = true;
    TOP_LEVEL_LINE.lastIndex = start;
    const match = TOP_LEVEL_LINE.exec(text);
    if (match?.[1] ?? match?.[2]) {
      const name = (match[1] ?? match[2])!;
      facts.bindable.add(name);
      const lines = facts.definedAt.get(name);
      if (lines) lines.push(start);
      else facts.definedAt.set(name, [start]);
      if (name === '__all__') allAssignments++;
      if (name === '__getattr__' && match[1]) facts.moduleGetattr = true;
    } else if (match) {
      readImport(match[3], match[4], facts);
      // A parenthesized import spans lines: go on after it.
      end = Math.max(end, text.lastIndexOf('\n', start + match[0].length));
    }
    start = nextBindingLine(lineStarts, text, end);
  }
  facts.hasAll = facts.bindable.has('__all__');
  // `__all__.append(...)`, `__all__ += ...` add to the literal: what it lists is still exported.
  // Anything else done to it (`remove`, `del`, item assignment) leaves nothing certain.
  const changes = allAssignments === 1 ? [...text.matchAll(/\b__all__[ \t]*(\.\w+|\+=|\[)/g)].map((m) => m[1]) : undefined;
  if (changes?.every((change) => change === '.append' || change === '.extend' || change === '+=')) {
    facts.exports = literalAll(text);
    facts.exportsComplete = changes.length === 0;
  }
  return facts;
}

export interface ImportedName {
  from: ModuleSpec;
  name: string;
}

function readImport(from: string | undefined, names: string, facts: SourceFacts): void {
  const spec = from === undefined ? undefined : { level: /^\.*/.exec(from)![0].length, dotted: from.replace(/^\.*/, '') };
  if (spec && names.trim() === '*') {
    facts.stars.push(spec);
    return;
  }
  for (const word of names.matchAll(/\w+/g)) {
    facts.bindable.add(word[0]);
    facts.imported.add(word[0]);
  }
  // `a`, `a as b`, `pkg.mod as m` between commas, without brackets, comments and continuations.
  for (const part of names.replace(/#[^\n]*/g, '').replace(/[()\\]/g, '').split(',')) {
    const match = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
    if (!match) continue;
    const local = match[2] ?? (spec ? match[1] : match[1].split('.')[0]);
    const binding: ImportedName | 'module' = spec && !match[1].includes('.') ? { from: spec, name: match[1] } : 'module';
    const list = facts.importedFrom.get(local);
    if (list) list.push(binding);
    else facts.importedFrom.set(local, [binding]);
  }
}

function literalAll(text: string): Set<string> | undefined {
  const match = LITERAL_ALL.exec(text);
  if (!match) return undefined;
  return new Set([...match[1].replace(/#[^\n]*/g, '').matchAll(/["'](\w+)["']/g)].map((m) => m[1]));
}

// What an indented line can bind: a def or class, a first word followed by `:`, `=`, `op=`, `,`,
// `)` or the line's end (an assignment, an import list's continuation line), every word of a target
// list (`a, (b, *c) = …`), of a `for` target, of a `from`/`import` line, a name after `as` (before
// any lone `\r`: a line break to Python). One pass per module: a star-import chain asks each of its
// modules about every name a test module reads.
const INDENTED_DEFINITION = /^[ \t]+(?:(?:async[ \t]+)?def|class)[ \t]+(\w+)/;
const INDENTED_FIRST_WORD = /^[ \t]+(\w+)[ \t]*(?:[:=,)]|(?:[-+*/%@&|^]|\/\/|\*\*|<<|>>)=|$)/;
const INDENTED_TARGETS = /^[ \t]+([\w \t,()[\]*]*,[\w \t,()[\]*]*)=(?!=)|^[ \t]+(?:async[ \t]+)?for[ \t]+(.+?)[ \t]+in\b/;
const INDENTED_IMPORT = /^[ \t]+(?:from|import)[ \t](.*)/;
const WORD = /\w+/g;
const AS_NAMES = /\bas[ \t]+(\w+)/g;
const LINE_BREAK_INSIDE = /[\r\u2028\u2029]/;

/** The names indented lines of the text may bind (inside a top-level `if`/`try`, or only a function's local): a superset. */
function indentedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const first = text.charCodeAt(start);
    if (first === 32 || first === 9) {
      const line = text.slice(start, end);
      const definition = INDENTED_DEFINITION.exec(line);
      if (definition) names.add(definition[1]);
      const firstWord = INDENTED_FIRST_WORD.exec(line);
      if (firstWord) names.add(firstWord[1]);
      const targets = INDENTED_TARGETS.exec(line);
      if (targets) for (const word of (targets[1] ?? targets[2]).matchAll(WORD)) names.add(word[0]);
      const imported = INDENTED_IMPORT.exec(line);
      if (imported) for (const word of imported[1].matchAll(WORD)) names.add(word[0]);
      if (line.includes('as')) for (const alias of line.split(LINE_BREAK_INSIDE, 1)[0].matchAll(AS_NAMES)) names.add(alias[1]);
    }
    start = end + 1;
  }
  return names;
}

/** The names indented lines of the module could bind (computed on the first ask). */
export function indentedBindable(facts: SourceFacts): Set<string> {
  return (facts.indentedBindable ??= indentedNames(facts.text));
}

/** Whether an indented line could bind `name`. */
export function mayBindIndented(facts: SourceFacts, name: string): boolean {
  return indentedBindable(facts).has(name);
}

/**
 * The binding of `name` when the text binds it once at column 0 in a plain way: `def`/`class`
 * (maybe decorated: the name is then likely, not certain) or `name = other` (to be followed).
 * Anything else is undefined: the module must be parsed.
 */
export function simpleBinding(facts: SourceFacts, name: string): { value: PyValue } | { alias: string } | { imported: ImportedName } | undefined {
  const lines = facts.definedAt.get(name);
  if (facts.imported.has(name)) {
    // One import and no other binding: follow it (a module object has no useful `__name__` here).
    const imports = facts.importedFrom.get(name);
    if (lines || imports?.length !== 1) return undefined;
    return imports[0] === 'module' ? undefined : { imported: imports[0] };
  }
  if (lines?.length !== 1) return undefined;
  const text = facts.text;
  const start = lines[0];
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? text.length : end);
  const alias = new RegExp(`^${name}[ \\t]*=[ \\t]*(\\w+)[ \\t]*(?:#.*)?\\r?$`).exec(line);
  if (alias) return /^\d|^(?:True|False|None)$/.test(alias[1]) ? undefined : { alias: alias[1] };
  if (!/^(?:async|def|class)\b/.test(line)) return undefined;
  // Maybe decorated whenever the line above is not blank (a decorator, its closing bracket, a comment).
  const previousEnd = start - 1;
  const decorated = start > 0 && text.slice(text.lastIndexOf('\n', previousEnd - 1) + 1, previousEnd).trim() !== '';
  return { value: decorated ? { kind: 'named', name, guess: true } : { kind: 'named', name } };
}

// The language server re-discovers a file on every edit: the package modules it reads stay the
// same, so their facts are kept across discoveries while their size and mtime do not change.
const MAX_CACHED = 4000;
const factsCache = new Map<string, { mtimeMs: number; size: number; facts: SourceFacts }>();

export function cachedFacts(file: string): SourceFacts | undefined {
  noteDependency(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const cached = factsCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.facts;
  let facts: SourceFacts;
  try {
    facts = sourceFacts(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  factsCache.delete(file);
  if (factsCache.size >= MAX_CACHED) factsCache.delete(factsCache.keys().next().value!);
  factsCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, facts });
  return facts;
}
