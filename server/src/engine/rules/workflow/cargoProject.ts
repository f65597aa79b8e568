import * as fs from 'node:fs';
import * as path from 'node:path';

const MAX_LEVELS = 10;
const TTL_MS = 5_000;
const cache = new Map<string, { manifest: string | undefined; at: number }>();

/**
 * The `Cargo.toml` that drives a file's folder: the nearest one in the folder or its ancestors,
 * stopping at the repository root (a folder with `.git`) or after ten levels. Cached briefly per
 * folder, so a Cargo.toml created later is seen within seconds.
 */
export function findCargoManifest(filePath: string, now = Date.now()): string | undefined {
  const start = path.dirname(path.resolve(filePath));
  const hit = cache.get(start);
  if (hit && now - hit.at < TTL_MS) return hit.manifest;
  let manifest: string | undefined;
  let dir = start;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const candidate = path.join(dir, 'Cargo.toml');
    if (fs.existsSync(candidate)) {
      manifest = candidate;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir || fs.existsSync(path.join(dir, '.git'))) break;
    dir = parent;
  }
  cache.set(start, { manifest, at: now });
  return manifest;
}
