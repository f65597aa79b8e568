import { allTests } from '../../model/buildModel';
import type { PythonRule } from '../types';
import { renameFix } from './renameTest';
import { snippetToPlain } from './snippetText';

const SEGMENT = '[a-z0-9]+(?:_[a-z0-9]+)*';
const PRESETS: Record<string, RegExp> = {
  'unit-condition-then': new RegExp(`^test_${SEGMENT}__${SEGMENT}__then_${SEGMENT}$`),
  'pytest-default': /^test[a-z0-9_]*$/,
};

/** PP101 — a test function name must follow the team's naming convention. */
export const testNameFormat: PythonRule = {
  meta: {
    code: 'PP101',
    name: 'test-name-format',
    summary: 'Test names follow `test_<unit>__<condition>__then_<expected>` (or the configured convention).',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: true,
    options: {
      preset: {
        type: 'string',
        default: 'unit-condition-then',
        description: 'The naming convention test functions must follow.',
        enum: [
          { value: 'unit-condition-then', description: '`test_<unit>__<condition>__then_<expected>`, lowercase snake_case parts.' },
          { value: 'pytest-default', description: 'Any lowercase snake_case name starting with `test`.' },
          { value: 'custom', description: 'The regular expression in `pattern`.' },
        ],
      },
      pattern: {
        type: 'string',
        default: '',
        description: 'A regular expression (JavaScript syntax) test names must match when `preset` is `custom`.',
      },
    },
  },
  check({ file, text, options, report }) {
    const preset = String(options.preset);
    const matcher = convention(preset, String(options.pattern ?? ''));
    if (!matcher) return;
    for (const test of allTests(file)) {
      if (matcher.test(test.name)) continue;
      const suggestion = suggestName(test.name, preset);
      const fixable = suggestion !== undefined && matcher.test(snippetToPlain(suggestion)) && snippetToPlain(suggestion) !== test.name;
      report({
        range: test.nameRange,
        message: explain(test.name, preset, matcher),
        fixes: fixable ? [renameFix(file, text, test, suggestion, suggestion.includes('${'))] : [],
      });
    }
  },
};

function convention(preset: string, pattern: string): RegExp | undefined {
  if (preset !== 'custom') return PRESETS[preset] ?? PRESETS['unit-condition-then'];
  if (!pattern) return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

/** Says which part of the convention the name misses, so the fix is obvious. */
export function explain(name: string, preset: string, matcher: RegExp): string {
  if (preset === 'custom') return `Test name \`${name}\` does not match the configured pattern \`${matcher.source}\`.`;
  if (/[A-Z]/.test(name)) return `Test name \`${name}\` must be lowercase snake_case.`;
  if (preset === 'pytest-default') return `Test name \`${name}\` must be lowercase snake_case starting with \`test_\`.`;
  const expected = '`test_<unit>__<condition>__then_<expected>`';
  const rest = name.replace(/^test_?/, '');
  const parts = rest.split('__');
  if (parts.some((p) => p === '' || p.startsWith('_') || p.endsWith('_')))
    return `Test name \`${name}\` has an empty or malformed part; expected ${expected}.`;
  if (parts.length === 1) return `Test name \`${name}\` names only the unit: add \`__<condition>__then_<expected>\` (${expected}).`;
  if (parts.length === 2) {
    return parts[1].startsWith('then_')
      ? `Test name \`${name}\` is missing the \`<condition>\` part between the unit and \`then_\` (${expected}).`
      : `Test name \`${name}\` is missing the \`__then_<expected>\` part (${expected}).`;
  }
  if (parts.length === 3 && !parts[2].startsWith('then_'))
    return `Test name \`${name}\` must end with \`__then_<expected>\`; the last part is \`${parts[2]}\` (${expected}).`;
  if (parts.length === 3 && parts[2] === 'then_') return `Test name \`${name}\` is missing the \`<expected>\` after \`then_\` (${expected}).`;
  if (parts.length > 3) return `Test name \`${name}\` has ${parts.length} \`__\`-separated parts; expected exactly three (${expected}).`;
  return `Test name \`${name}\` does not follow ${expected}.`;
}

/**
 * The name in the convention, keeping what the current name already says; the parts it lacks are
 * snippet placeholders (`test_tokenize` → `test_tokenize__${1:condition}__then_${2:expected}`).
 * Undefined for custom patterns, which give no shape to aim at.
 */
export function suggestName(name: string, preset: string): string | undefined {
  if (preset === 'custom') return undefined;
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const rest = snake.replace(/^test_?/, '');
  if (preset === 'pytest-default') return rest ? `test_${rest.replace(/_+/g, '_').replace(/^_|_$/g, '')}` : 'test';
  const parts = rest.split('__').map((p) => p.replace(/^_+|_+$/g, '')).filter((p) => p.length > 0);
  const isThen = (p: string) => /^then_[a-z0-9]/.test(p);
  const expected = (p: string | undefined, n: number) =>
    p === undefined || p === 'then' ? `then_\${${n}:expected}` : isThen(p) ? p : `then_\${${n}:${p}}`;
  if (parts.length === 0) return 'test_${1:unit}__${2:condition}__then_${3:expected}';
  if (parts.length === 1) return `test_${parts[0]}__\${1:condition}__${expected(undefined, 2)}`;
  if (parts.length === 2) {
    return isThen(parts[1]) || parts[1] === 'then'
      ? `test_${parts[0]}__\${1:condition}__${expected(parts[1], 2)}`
      : `test_${parts[0]}__${parts[1]}__${expected(undefined, 1)}`;
  }
  const last = parts[parts.length - 1];
  const condition = parts.slice(1, -1).join('_');
  return `test_${parts[0]}__${condition}__${expected(last, 1)}`;
}
