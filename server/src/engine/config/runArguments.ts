// The arguments pytest reads from the ini option `addopts` and from those a run adds, and what they
// say about collection: `--ignore PATH` and `--ignore-glob PATTERN` (paths relative to where pytest
// runs, matched exactly or with fnmatch against the whole path, on top of what conftest.py files
// ignore), `--doctest-modules` and `--doctest-glob`.

import * as path from 'node:path';
import type { PytestConfig } from './pytestConfig';

export interface IgnoreOptions {
  paths: string[];
  globs: string[];
}

/** `addopts` then `args`, as pytest reads its arguments. */
export function addoptsAndArgs(config: PytestConfig, args: readonly string[]): string[] {
  const addopts = config.options.addopts;
  return [...(Array.isArray(addopts) ? addopts : shlexSplit(addopts ?? '')), ...args];
}

/** The ignores of `addopts` and of `args`, resolved against `invocationDir`. */
export function ignoreOptionsOf(config: PytestConfig, args: readonly string[], invocationDir: string): IgnoreOptions {
  const all = addoptsAndArgs(config, args);
  return {
    paths: optionValues(all, '--ignore').map((value) => path.resolve(invocationDir, value)),
    globs: optionValues(all, '--ignore-glob').map((value) => path.resolve(invocationDir, value)),
  };
}

/** The values of a long option given as `--name value` or `--name=value`, in order. */
function optionValues(all: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < all.length; i++) {
    if (all[i].startsWith(`${name}=`)) values.push(all[i].slice(name.length + 1));
    else if (all[i] === name && i + 1 < all.length) values.push(all[++i]);
  }
  return values;
}

/** Which files pytest's doctest plugin collects (see discovery/doctests.ts). */
export interface DoctestCollection {
  /** `--doctest-modules`: every .py file is also a doctest module. */
  modules: boolean;
  /** `--doctest-glob` patterns for text files with doctests; pytest's default `test*.txt`. */
  globs: string[];
}

export function doctestCollectionOf(config: PytestConfig, args: readonly string[]): DoctestCollection {
  const all = addoptsAndArgs(config, args);
  // `-p no:doctest` unloads the plugin: no doctest is collected at all.
  if (all.some((arg, i) => arg === '-pno:doctest' || (arg === 'no:doctest' && all[i - 1] === '-p'))) return { modules: false, globs: [] };
  const globs = optionValues(all, '--doctest-glob');
  return { modules: all.includes('--doctest-modules'), globs: globs.length > 0 ? globs : ['test*.txt'] };
}

/** Python's `shlex.split` (POSIX mode): quotes group, a backslash escapes outside single quotes. */
export function shlexSplit(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}
