import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_MARKERS, PLUGIN_MARKERS, strictMarkers } from '../../config/markers';
import type { PytestConfig } from '../../config/pytestConfig';
import { registerMarkerEdit } from '../../config/registerMarker';
import { fixtureView } from '../../fixtures/project';
import { markersRegisteredFor } from '../../fixtures/registeredMarkers';
import { rangeOf } from '../../text/positions';
import type { Fix, PythonRule } from '../types';
import { intendedBuiltin, markNameNode, marksOf } from './markerNames';

const PLUGIN_IMPORTORSKIP = /\bimportorskip\(\s*["']pytest[_-]/;

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
    let configText: string | null | undefined; // read once, for the first finding
    for (const marker of marksOf(file)) {
      // A misspelt builtin is PP108's.
      if (known.has(marker.name) || intendedBuiltin(marker.name)) continue;
      const name = markNameNode(marker.node);
      if (!name) continue;
      report({
        range: rangeOf(name),
        fixes: registerFix(pytestConfig, (configText ??= configTextOf(pytestConfig)), marker.name),
        message: strict
          ? `\`pytest.mark.${marker.name}\` is not registered and strict markers are on: pytest refuses to collect this module ` +
            `('${marker.name}' not found in \`markers\` configuration option). Register it under \`markers\` in ${where}.`
          : `\`pytest.mark.${marker.name}\` is not registered: pytest warns (PytestUnknownMarkWarning) and a typo in it or in ` +
            `\`-m ${marker.name}\` goes unnoticed. Register it under \`markers\` in ${where}.`,
      });
    }
  },
};

/** The config file pytest reads, as text; null when there is none to edit (or it cannot be read). */
function configTextOf(config: PytestConfig): string | null {
  if (!config.configFile || config.fallback) return null;
  try {
    return fs.readFileSync(config.configFile, 'utf8');
  } catch {
    return null;
  }
}

/** "Register `name` in pytest.ini": one more `markers` line in the config file pytest reads, when its layout is recognised. */
function registerFix(config: PytestConfig, text: string | null, name: string): Fix[] {
  const file = config.configFile;
  const edit = file && text !== null ? registerMarkerEdit(file, text, name) : undefined;
  return file && text !== null && edit ? [{ title: `Register \`${name}\` in ${path.basename(file)}`, edits: [], otherFiles: [{ path: file, text, edits: [edit] }], safe: false }] : [];
}
