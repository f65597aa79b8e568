// Whether static discovery is unsure of a module: pytest's collection may list other ids than the
// tree does. What the Test Explorer collects in the background when a crate's tests are first listed.

import * as fs from 'node:fs';
import type { CollectedCases } from './collectedCases';
import type { DiscoveredItem, DiscoveredModule } from './types';

function unsureItem(item: DiscoveredItem): boolean {
  if (item.dynamic || item.exact === false || item.conditional || item.inheritsComputedBase || item.rewrittenByMetaclass) return true;
  return item.children.some(unsureItem);
}

/**
 * True when the module may create tests on import, skip itself there or be refused for an
 * unregistered mark, or has a function whose cases are computed at
 * run time, a guessed id, a test under an `if`, or a class with a computed base or a metaclass.
 * Ask it of the module as static discovery gives it, before a collection's memory is applied.
 */
export function isUnsure(module: DiscoveredModule): boolean {
  if (module.runtimeTests || module.mayBeSkippedOnImport || module.unregisteredMarks) return true;
  return module.children.some(unsureItem);
}

/**
 * Whether a background collection should cover the module: static discovery is unsure of it, and
 * pytest has not collected the whole file since it last changed on disk. `edited`: discovered from
 * an editor's unsaved text, which no collection has seen.
 */
export function needsCollection(module: DiscoveredModule, memory: CollectedCases, edited = false): boolean {
  if (!isUnsure(module)) return false;
  const whole = edited ? undefined : memory.collectedWhole(module.nodeid);
  return whole === undefined || whole < mtimeOf(module.file);
}

/** A file's modification time (ms); Infinity when it cannot be read, so no collection counts as newer. */
function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}
