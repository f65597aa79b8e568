import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PytestConfig } from '../../config/pytestConfig';
import { registerMarkerEdit } from '../../config/registerMarker';
import { addoptsAndArgs } from '../../config/runArguments';
import { fixtureView } from '../../fixtures/project';
import { BUILTIN_MARKERS, markersRegisteredFor } from '../../fixtures/registeredMarkers';
import { rangeOf } from '../../text/positions';
import type { Fix, PythonRule } from '../types';
import { intendedBuiltin, markNameNode, marksOf } from './markerNames';

/**
 * Markers of widely used plugins, always taken as registered: where the plugin is missing from the
 * interpreter the rule reads, the code is still right (cargo's harness may run another virtualenv),
 * and a missing plugin is the environment's problem, not a mark to rename.
 */
const PLUGIN_MARKERS = new Set(
  ('asyncio anyio trio django_db urls ignore_template_errors timeout flaky benchmark hypothesis order dependency ' +
    'xdist_group forked repeat httpx_mock respx vcr block_network default_cassette freeze_time no_cover ' +
    'celery redis mongodb env datafiles snapshot allure_label first last run').split(' '),
);

const PLUGIN_IMPORTORSKIP = /\bimportorskip\(\s*["']pytest[_-]/;

/** pytest 9: `strict_markers`, else `strict`, in the ini file, or `--strict-markers` / `--strict` in `addopts`. */
export function strictMarkers(config: PytestConfig): boolean {
  const args = addoptsAndArgs(config, []);
  if (args.includes('--strict-markers') || args.includes('--strict')) return true;
  const value = config.options.strict_markers ?? config.options.strict;
  return typeof value === 'string' && /^(true|yes|y|on|t|1)$/i.test(value.trim());
}

/** PP109 — `@pytest.mark.requires_gpu` that nothing registers: a warning, or a module pytest refuses under strict markers. */
export const unregisteredMarker: PythonRule = {
  meta: {
    code: 'PP109',
    name: 'unregistered-marker',
    summary: 'A custom marker nothing registers (`markers` ini option, a `pytest_configure`): pytest warns, and under `strict_markers` refuses the module.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: true,
    options: {
      knownMarkers: {
        type: 'string[]',
        default: [],
        description: 'Marker names registered where the rule cannot read them (a plugin that computes its `markers` lines).',
      },
    },
  },
  check({ file, text, pytestConfig, options, project, report }) {
    // Without the workspace's conftest.py files read, any mark may be registered there: stay quiet.
    const view = fixtureView(project, file);
    // `pytest.importorskip("pytest_mpl")`: the plugin the module needs registers its marks, or the module is skipped.
    if (!view || PLUGIN_IMPORTORSKIP.test(text)) return;
    const registered = markersRegisteredFor(view.index, view.summary);
    if (registered.unreadable) return;
    const known = new Set([...BUILTIN_MARKERS, ...pytestConfig.markers, ...registered.names, ...PLUGIN_MARKERS, ...((options.knownMarkers as string[]) ?? [])]);
    const strict = strictMarkers(pytestConfig);
    const where = pytestConfig.configFile && !pytestConfig.fallback ? `\`${path.basename(pytestConfig.configFile)}\`` : 'the pytest configuration';
    for (const marker of marksOf(file)) {
      // A misspelt builtin is PP108's.
      if (known.has(marker.name) || intendedBuiltin(marker.name)) continue;
      const name = markNameNode(marker.node);
      if (!name) continue;
      report({
        range: rangeOf(name),
        fixes: registerFix(pytestConfig, marker.name),
        message: strict
          ? `\`pytest.mark.${marker.name}\` is not registered and strict markers are on: pytest refuses to collect this module ` +
            `('${marker.name}' not found in \`markers\` configuration option). Register it under \`markers\` in ${where}.`
          : `\`pytest.mark.${marker.name}\` is not registered: pytest warns (PytestUnknownMarkWarning) and a typo in it or in ` +
            `\`-m ${marker.name}\` goes unnoticed. Register it under \`markers\` in ${where}.`,
      });
    }
  },
};

/** "Register `name` in pytest.ini": one more `markers` line in the config file pytest reads, when its layout is recognised. */
function registerFix(config: PytestConfig, name: string): Fix[] {
  if (!config.configFile || config.fallback) return [];
  let text: string;
  try {
    text = fs.readFileSync(config.configFile, 'utf8');
  } catch {
    return [];
  }
  const edit = registerMarkerEdit(config.configFile, text, name);
  if (!edit) return [];
  return [{ title: `Register \`${name}\` in ${path.basename(config.configFile)}`, edits: [], otherFiles: [{ path: config.configFile, text, edits: [edit] }], safe: false }];
}
