import type { Tree } from 'web-tree-sitter';
import { fnmatch, matchesPathPattern } from '../config/fnmatch';
import type { PytestConfig } from '../config/pytestConfig';
import type { LintSettings } from '../config/settings';
import { buildModel } from '../model/buildModel';
import type { PytestFile } from '../model/types';
import { RULES } from '../rules/registry';
import type { ProjectServices, Report, Rule, TextRule } from '../rules/types';
import { ruleOptions } from '../rules/types';
import type { Finding } from './finding';
import { isSelected, perFileIgnored, severityOf } from './selection';
import { lineComments, pythonComments, suppressionsFromComments } from './suppressions';

export interface LintInput {
  path: string;
  text: string;
  settings: LintSettings;
  /** The folder `perFileIgnores` globs are relative to (where the project config lives). */
  projectRoot?: string;
  project?: ProjectServices;
  /** Called when a rule throws: the other rules still run. */
  onRuleError?(rule: Rule, error: unknown): void;
}

export interface PythonLintInput extends LintInput {
  tree: Tree;
  pytestConfig: PytestConfig;
}

function activeRules(input: LintInput, target: 'python' | 'text'): Rule[] {
  if (!input.settings.enable) return [];
  const ignored = perFileIgnored(input.path, input.projectRoot, input.settings);
  return RULES.filter(
    (rule) =>
      (rule.target ?? 'python') === target &&
      isSelected(rule.meta, input.settings) &&
      !ignored.some((code) => rule.meta.code.startsWith(code.toUpperCase()) || rule.meta.name === code),
  );
}

/**
 * Lints a Python file. Application code (neither a test file nor a conftest) is seen only by rules
 * that opt in with `meta.appliesTo: 'all-python'`.
 */
export function lintPython(input: PythonLintInput): { model: PytestFile; findings: Finding[] } {
  const model = buildModel(input.path, input.tree.rootNode, input.pytestConfig.collection);
  const rules = activeRules(input, 'python').filter((rule) => model.kind !== 'other' || rule.meta.appliesTo === 'all-python');
  if (rules.length === 0) return { model, findings: [] };
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.target === 'text') continue;
    const collect = collector(rule, input, findings);
    try {
      rule.check({
        file: model,
        text: input.text,
        pytestConfig: input.pytestConfig,
        options: ruleOptions(rule.meta, input.settings.rules[rule.meta.name]),
        project: input.project ?? {},
        report: collect,
      });
    } catch (error) {
      input.onRuleError?.(rule, error);
    }
  }
  const suppressions = suppressionsFromComments(pythonComments(input.tree.rootNode));
  return { model, findings: finish(findings, suppressions) };
}

/** Whether any text rule (PP601 …) looks at this file. */
export function isTextRuleTarget(filePath: string): boolean {
  return RULES.some((r) => r.target === 'text' && r.filePatterns.some((p) => matchesPathPattern(filePath, p) || fnmatch(filePath, p)));
}

/** Lints a non-Python file with the text rules whose patterns match it. */
export function lintText(input: LintInput): Finding[] {
  const findings: Finding[] = [];
  for (const rule of activeRules(input, 'text') as TextRule[]) {
    if (!rule.filePatterns.some((p) => matchesPathPattern(input.path, p) || fnmatch(input.path, p))) continue;
    try {
      rule.check({
        path: input.path,
        text: input.text,
        options: ruleOptions(rule.meta, input.settings.rules[rule.meta.name]),
        report: collector(rule, input, findings),
      });
    } catch (error) {
      input.onRuleError?.(rule, error);
    }
  }
  return finish(findings, suppressionsFromComments(lineComments(input.text)));
}

function collector(rule: Rule, input: LintInput, into: Finding[]): (report: Report) => void {
  const severity = severityOf(rule.meta, input.settings) ?? rule.meta.defaultSeverity;
  return (report) =>
    into.push({
      code: rule.meta.code,
      rule: rule.meta.name,
      severity,
      message: report.message,
      range: report.range,
      fixes: report.fixes ?? [],
      tags: rule.meta.tags ?? [],
    });
}

function finish(findings: Finding[], suppressions: ReturnType<typeof suppressionsFromComments>): Finding[] {
  return findings
    .filter((f) => !suppressions.isSuppressed(f.code, f.range.start.line))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}
