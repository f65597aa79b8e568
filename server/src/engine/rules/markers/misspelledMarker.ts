import { BUILTIN_MARKERS } from '../../config/markers';
import { REFUSED_PARAMETRIZE_SPELLINGS } from '../../model/decorators';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';
import { intendedBuiltin, markNameNode, marksOf } from './markerNames';

/** PP108 — `@pytest.mark.xfial`: a misspelt builtin marker is an unknown custom one and does nothing (`parametrise` fails the module). */
export const misspelledMarker: PythonRule = {
  meta: {
    code: 'PP108',
    name: 'misspelled-marker',
    summary: 'A marker that misspells one of pytest\'s own (`skip_if`, `usefixture`, `xfial`: an unknown mark pytest ignores; `parametrise`: the module fails to collect).',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, pytestConfig, report }) {
    const registered = new Set([...BUILTIN_MARKERS, ...pytestConfig.markers]);
    for (const marker of marksOf(file)) {
      if (registered.has(marker.name)) continue;
      const intended = intendedBuiltin(marker.name);
      const name = intended ? markNameNode(marker.node) : undefined;
      if (!intended || !name) continue;
      report({
        range: rangeOf(name),
        message: REFUSED_PARAMETRIZE_SPELLINGS.has(marker.name)
          ? `\`pytest.mark.${marker.name}\` is not pytest's \`${intended}\`: pytest fails to collect the module ("Unknown '${marker.name}' mark, did you mean 'parametrize'?") and none of its tests run.`
          : `\`pytest.mark.${marker.name}\` is not pytest's \`${intended}\`: pytest takes it for an unknown custom mark ` +
            '(a PytestUnknownMarkWarning, a collection error under --strict-markers) and the test runs as if it were not there.',
        fixes: [{ title: `Change to \`${intended}\``, edits: [{ range: rangeOf(name), newText: intended }], safe: false }],
      });
    }
  },
};
