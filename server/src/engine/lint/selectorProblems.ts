// A `select` or `ignore` entry that names no rule (a typo such as `PP2O1` or `sleep-in-tests`)
// would silently check less, or nothing at all: the CLI refuses it, the server warns about it.

import type { PartialSettings } from '../config/settings';
import { RULES } from '../rules/registry';
import { matches } from './selection';

/** One line per `select`/`ignore` entry of `settings` that matches no rule. */
export function selectorProblems(settings: PartialSettings | undefined): string[] {
  const problems: string[] = [];
  for (const key of ['select', 'ignore'] as const) {
    for (const selector of settings?.[key] ?? []) {
      if (RULES.some((rule) => matches(rule.meta, selector))) continue;
      problems.push(`${key}: "${selector}" names no rule (give a code such as PP201, a prefix such as PP2, or a name such as sleep-in-test)`);
    }
  }
  return problems;
}
