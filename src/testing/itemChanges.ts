// What tells whether a Test Explorer item must change: a digest of the module its items were built
// from, and comparisons of the fields VS Code would otherwise be sent again (a `Range` or a tag list
// is a new object each time it is computed).

import { createHash } from 'node:crypto';
import type * as vscode from 'vscode';
import type { DiscoveredModule } from '../../server/src/engine/discovery';

/** An item's place among its siblings (VS Code sorts by this text). */
export function sortTextOf(index: number): string {
  return String(index).padStart(6, '0');
}

/**
 * What a module's items are built from, in a few bytes: a digest of its JSON with keys sorted (a
 * module from the cache has its fields in another order than one just discovered), without the
 * files it was built from.
 */
export function digestOf(module: DiscoveredModule): string {
  return createHash('sha1').update(JSON.stringify(module, sortedKeys)).digest('base64');
}

function sortedKeys(key: string, value: unknown): unknown {
  // The files a module was built from (still on it while discovery goes on) are not shown.
  if (key === 'dependencies') return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

export function sameRange(a: vscode.Range | undefined, b: vscode.Range | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.isEqual(b);
}

export function sameTags(a: readonly vscode.TestTag[], b: readonly vscode.TestTag[]): boolean {
  return a.length === b.length && a.every((tag, index) => tag.id === b[index].id);
}

/** Whether a collection holds exactly these items, in this order. */
export function sameItems(collection: vscode.TestItemCollection, items: readonly vscode.TestItem[]): boolean {
  if (collection.size !== items.length) return false;
  let index = 0;
  for (const [, item] of collection) if (item !== items[index++]) return false;
  return true;
}
