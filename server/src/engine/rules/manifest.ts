import { RULES } from './registry';
import type { OptionSpec } from './types';

/**
 * The rule-driven settings of package.json, derived from the registry so they cannot drift:
 * `pytestPatterns.rules` (options per rule name) and `pytestPatterns.severity` (per code).
 */
export function manifestRuleSettings(): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of RULES) {
    if (Object.keys(rule.meta.options).length === 0) continue;
    ruleProperties[rule.meta.name] = {
      type: 'object',
      markdownDescription: `Options of [${rule.meta.code}](${docsLink(rule.meta.code)}) \`${rule.meta.name}\`.`,
      properties: Object.fromEntries(Object.entries(rule.meta.options).map(([key, spec]) => [key, optionSchema(spec)])),
      additionalProperties: false,
    };
  }
  const codes = RULES.map((r) => r.meta.code);
  return {
    'pytestPatterns.rules': {
      type: 'object',
      scope: 'resource',
      order: 5,
      default: {},
      markdownDescription:
        'Rule options by rule name, e.g. `{"test-name-format": {"preset": "pytest-default"}}`. The `[tool.pytest-patterns.rules.<name>]` tables of `pyproject.toml` win over these.',
      properties: ruleProperties,
      additionalProperties: false,
    },
    'pytestPatterns.severity': {
      type: 'object',
      scope: 'resource',
      order: 4,
      default: {},
      markdownDescription: 'Severity by rule code (or name): `error`, `warning`, `information`, `hint` or `off`. `[tool.pytest-patterns.severity]` in `pyproject.toml` wins.',
      propertyNames: { enum: [...codes, ...RULES.map((r) => r.meta.name)] },
      additionalProperties: { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'] },
    },
  };
}

function optionSchema(spec: OptionSpec): Record<string, unknown> {
  const schema: Record<string, unknown> =
    spec.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: spec.type };
  schema.default = spec.default;
  schema.markdownDescription = spec.description;
  if (spec.enum) {
    schema.enum = spec.enum.map((e) => e.value);
    schema.markdownEnumDescriptions = spec.enum.map((e) => e.description);
  }
  return schema;
}

function docsLink(code: string): string {
  return `command:pytestPatterns.showRuleDocumentation?${encodeURIComponent(JSON.stringify([code]))}`;
}
