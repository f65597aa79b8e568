// What pytest knows of markers before it imports a test module: the ones it registers itself, the
// `markers` ini option, widely used plugins' ones, those a conftest.py's text registers, and
// whether strict markers (an unregistered mark fails the module's collection) are on.

import type { PytestConfig } from './pytestConfig';
import { addoptsAndArgs } from './runArguments';

/** The markers pytest itself registers (`pytest --markers`, pytest 9). */
export const BUILTIN_MARKERS: readonly string[] = ['parametrize', 'skip', 'skipif', 'xfail', 'usefixtures', 'filterwarnings', 'tryfirst', 'trylast'];

/**
 * Markers of widely used plugins, taken as registered: where such a plugin is missing from the
 * interpreter the engine reads, the code is still right (cargo's harness may run another
 * virtualenv), and a missing plugin is the environment's problem, not a mark to rename.
 */
export const PLUGIN_MARKERS: ReadonlySet<string> = new Set(
  ('asyncio anyio trio django_db urls ignore_template_errors timeout flaky benchmark hypothesis order dependency ' +
    'xdist_group forked repeat httpx_mock respx vcr block_network default_cassette freeze_time no_cover ' +
    'celery redis mongodb env datafiles snapshot allure_label first last run').split(' '),
);

/** `"slow(reason): …"` → `slow`, split as pytest splits its `markers` lines. */
export function markerNameOf(line: string): string {
  return line.split(':')[0].split('(')[0].trim();
}

/** pytest 9: `strict_markers`, else `strict`, in the ini file, or `--strict-markers` / `--strict` in `addopts` or the run's `args`. */
export function strictMarkers(config: PytestConfig, args: readonly string[] = []): boolean {
  const all = addoptsAndArgs(config, args);
  if (all.includes('--strict-markers') || all.includes('--strict')) return true;
  const value = config.options.strict_markers ?? config.options.strict;
  return typeof value === 'string' && /^(true|yes|y|on|t|1)$/i.test(value.trim());
}

const REGISTRATION = /\baddinivalue_line\s*\(\s*(['"])markers\1\s*,\s*/g;

/**
 * The markers a module's text registers with `addinivalue_line("markers", "name…")`, read without
 * parsing (discovery reads conftest.py bodies blanked): the line must start as a string literal
 * (also in brackets, or the first of several joined ones). `unreadable` when one does not, or when
 * the module names `pytest_plugins` (their registrations are not followed here).
 */
export function markersRegisteredInText(text: string): { names: string[]; unreadable: boolean } {
  const names: string[] = [];
  let unreadable = /^pytest_plugins\s*=/m.test(text);
  for (const match of text.matchAll(REGISTRATION)) {
    const rest = text.slice(match.index + match[0].length, match.index + match[0].length + 200);
    const literal = /^\(?\s*[rRuU]?("""|'''|"|')\s*([A-Za-z_]\w*)/.exec(rest);
    if (literal) names.push(literal[2]);
    else unreadable = true;
  }
  return { names, unreadable };
}
