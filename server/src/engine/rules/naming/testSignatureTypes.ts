import { allTests } from '../../model/buildModel';
import type { PythonRule } from '../types';

/** PP104 — test parameters (fixtures, parametrize arguments) carry type hints. */
export const testSignatureTypes: PythonRule = {
  meta: {
    code: 'PP104',
    name: 'test-signature-types',
    summary: 'Test parameters have type hints (`def test_x(analyzer: Analyzer)`).',
    defaultSeverity: 'information',
    defaultEnabled: false,
    fixable: false,
    options: {},
  },
  check({ file, report }) {
    for (const test of allTests(file)) {
      test.params.forEach((param, index) => {
        if (param.hasType) return;
        if (index === 0 && test.className && (param.name === 'self' || param.name === 'cls')) return;
        const what = param.variadic ? 'Variadic parameter' : 'Parameter';
        report({
          range: param.range,
          message: `${what} \`${param.name}\` of test \`${test.name}\` has no type hint: annotate it with the fixture's or the parameter's type.`,
        });
      });
    }
  },
};
