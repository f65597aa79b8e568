import * as path from 'node:path';

/** Tests compile to out/test/…; fixtures and dist stay at the repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function repoPath(...parts: string[]): string {
  return path.join(REPO_ROOT, ...parts);
}
