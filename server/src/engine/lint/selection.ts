import * as path from 'node:path';
import { matchesPathPattern } from '../config/fnmatch';
import type { LintSettings, Severity } from '../config/settings';
import type { RuleMeta } from '../rules/types';

/** Whether a `select`/`ignore` entry names the rule: its name, or a prefix of its code. */
export function matches(meta: RuleMeta, selector: string): boolean {
  return selector === meta.name || meta.code.startsWith(selector.toUpperCase());
}

/** ruff-like selection: prefixes enable default-on rules; off-by-default rules need their exact code or name. */
export function isSelected(meta: RuleMeta, settings: LintSettings): boolean {
  const selected = meta.defaultEnabled
    ? settings.select.some((s) => matches(meta, s))
    : settings.select.some((s) => s === meta.code || s === meta.name);
  if (!selected) return false;
  if (settings.ignore.some((s) => matches(meta, s))) return false;
  return severityOf(meta, settings) !== undefined;
}

/** The configured severity, or undefined when the rule is switched `off`. */
export function severityOf(meta: RuleMeta, settings: LintSettings): Severity | undefined {
  const configured = settings.severity[meta.code] ?? settings.severity[meta.name];
  if (configured === 'off') return undefined;
  return configured ?? meta.defaultSeverity;
}

/** Codes ignored for this file by `perFileIgnores` globs, relative to the project root. */
export function perFileIgnored(filePath: string, root: string | undefined, settings: LintSettings): string[] {
  const relative = root ? path.relative(root, filePath).split(path.sep).join('/') : filePath;
  const ignored: string[] = [];
  for (const [glob, codes] of Object.entries(settings.perFileIgnores)) {
    if (matchesPathPattern(relative, glob) || matchesPathPattern(filePath, glob) || relative.startsWith(glob.replace(/\/?\*\*?$/, '/'))) {
      ignored.push(...codes);
    }
  }
  return ignored;
}
