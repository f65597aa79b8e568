import * as path from 'node:path';

const cache = new Map<string, RegExp>();

/** Python's `fnmatch.fnmatchcase`: `*`, `?`, `[seq]`, `[!seq]`, anchored at both ends. */
export function fnmatch(name: string, pattern: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${translate(pattern)}$`, 's');
    cache.set(pattern, re);
  }
  return re.test(name);
}

function translate(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
      if (body.startsWith('!')) body = '^' + body.slice(1);
      else if (body.startsWith('^')) body = '\\' + body;
      out += `[${body}]`;
      i = close;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

/** pytest's `fnmatch_ex`: a pattern without a separator matches the basename, else the whole path. */
export function matchesPathPattern(filePath: string, pattern: string): boolean {
  if (!pattern.includes('/') && !pattern.includes(path.sep)) return fnmatch(path.basename(filePath), pattern);
  const full = filePath.split(path.sep).join('/');
  const pat = path.isAbsolute(pattern) ? pattern : `*${pattern.startsWith('/') ? '' : '/'}${pattern}`;
  return fnmatch(full, pat);
}

/** pytest's rule for `python_classes`/`python_functions`: a prefix, or a glob when it has wildcards. */
export function matchesNamePattern(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => name.startsWith(p) || (/[*?[]/.test(p) && fnmatch(name, p)));
}
