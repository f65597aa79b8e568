import * as fs from 'node:fs';

/** A file's UTF-8 text; undefined when it cannot be read (absent, a folder, no permission). */
export function readTextIfAny(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
