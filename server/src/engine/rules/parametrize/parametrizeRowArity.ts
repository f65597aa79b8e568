import { allTests } from '../../model/buildModel';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';

const SEQUENCE = new Set(['tuple', 'list']);

/** PP402 — a `parametrize` row whose number of values differs from the number of argnames. */
export const parametrizeRowArity: PythonRule = {
  meta: {
    code: 'PP402',
    name: 'parametrize-row-arity',
    summary: 'A `parametrize` row has more or fewer values than there are argnames.',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, report }) {
    for (const test of allTests(file)) {
      for (const parametrize of test.parametrize) {
        const names = parametrize.argnames;
        if (!names || !parametrize.rows) continue;
        for (const row of parametrize.rows) {
          // A row that is a variable or a call may unpack to anything; only literal rows are checked.
          if (names.length > 1 && !row.isPytestParam && !SEQUENCE.has(row.node.type)) continue;
          if (names.length === 1 && !row.isPytestParam) continue;
          if (row.values.some((v) => v.type === 'list_splat' || v.type === 'dictionary_splat')) continue;
          if (row.values.length === names.length) continue;
          report({
            range: rangeOf(row.node),
            message: `Row has ${row.values.length} value${row.values.length === 1 ? '' : 's'} but \`parametrize\` names ${names.length} argname${names.length === 1 ? '' : 's'} (${names.map((n) => `\`${n}\``).join(', ')}).`,
          });
        }
      }
    }
  },
};
