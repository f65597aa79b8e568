import { testNameFormat } from './naming/testNameFormat';
import type { Rule } from './types';

/**
 * Every rule, listed explicitly so bundling and type checking see them all. Keep sorted by code;
 * a meta-test checks codes, names, docs pages, fixtures and settings stay in step.
 */
export const RULES: readonly Rule[] = [testNameFormat];

export function ruleByCodeOrName(key: string): Rule | undefined {
  return RULES.find((r) => r.meta.code === key || r.meta.name === key);
}
