import { allTests } from '../../model/buildModel';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';

/** PP404 — `ids` with a different number of entries than there are rows. */
export const parametrizeIdsMismatch: PythonRule = {
  meta: {
    code: 'PP404',
    name: 'parametrize-ids-mismatch',
    summary: '`parametrize` `ids` has a different length than the rows (pytest errors at collection).',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, report }) {
    for (const test of allTests(file)) {
      for (const parametrize of test.parametrize) {
        if (!parametrize.ids || !parametrize.rows || !parametrize.idsNode) continue;
        if (parametrize.idsNode.namedChildren.some((c) => c?.type === 'list_splat')) continue;
        // pytest allows an empty list (no ids given): pytest-dev/pytest#1849.
        if (parametrize.ids.length === parametrize.rows.length || parametrize.ids.length === 0) continue;
        report({
          range: rangeOf(parametrize.idsNode),
          message: `\`ids\` has ${parametrize.ids.length} entr${parametrize.ids.length === 1 ? 'y' : 'ies'} but there ${parametrize.rows.length === 1 ? 'is 1 row' : `are ${parametrize.rows.length} rows`}.`,
        });
      }
    }
  },
};
