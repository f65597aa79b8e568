import type { PytestConfig } from '../config/pytestConfig';
import type { RuleOptions, Severity } from '../config/settings';
import type { PytestFile } from '../model/types';
import type { Range, TextEdit } from '../text/positions';

export interface OptionSpec {
  type: 'string' | 'boolean' | 'number' | 'string[]';
  default: unknown;
  description: string;
  /** Allowed values for string options, each with a description (shown in the settings UI). */
  enum?: { value: string; description: string }[];
}

export interface RuleMeta {
  /** Fixed code, e.g. `PP101`. */
  code: string;
  /** Kebab-case name: the rule's file, docs page and settings key. */
  name: string;
  /** One line, shown in `pytest-patterns rules` and the docs index. */
  summary: string;
  defaultSeverity: Severity;
  /** Off-by-default rules run only when selected by exact code or name. */
  defaultEnabled: boolean;
  options: Record<string, OptionSpec>;
  /** At least one of its findings can carry a quick fix. */
  fixable: boolean;
  /** LSP diagnostic tags for the client (faded `unnecessary` code, struck-through `deprecated`). */
  tags?: ('unnecessary' | 'deprecated')[];
  /**
   * Python rules only: which files the rule sees. `tests` (default): test files and conftest.py;
   * `all-python`: every Python file, for rules about files pytest does not collect.
   */
  appliesTo?: 'tests' | 'all-python';
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** `newText` uses snippet syntax (`${1:placeholder}`); clients without snippet edits get the plain text. */
  snippet?: boolean;
  /** Applied by `source.fixAll.pytest-patterns` and `check --fix`: behaviour-preserving and unambiguous. Never with `otherFiles`. */
  safe: boolean;
  /** Edits in other files (the pytest config), each with the text they were computed from. */
  otherFiles?: { path: string; text: string; edits: TextEdit[] }[];
}

export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
}

/** Services that reach beyond one file (fixture index, …); absent where the caller has none. */
export interface ProjectServices {
  [service: string]: unknown;
}

export interface PythonRuleContext {
  file: PytestFile;
  text: string;
  pytestConfig: PytestConfig;
  /** This rule's options: defaults overlaid with settings. */
  options: RuleOptions;
  project: ProjectServices;
  report(report: Report): void;
}

export interface TextRuleContext {
  path: string;
  text: string;
  options: RuleOptions;
  report(report: Report): void;
}

/** A rule over the pytest model of a test or conftest file. */
export interface PythonRule {
  meta: RuleMeta;
  target?: 'python';
  check(context: PythonRuleContext): void;
}

/** A rule over other files (tasks.json, Makefile, CI YAML …), chosen by `filePatterns` (basename or path globs). */
export interface TextRule {
  meta: RuleMeta;
  target: 'text';
  filePatterns: string[];
  check(context: TextRuleContext): void;
}

export type Rule = PythonRule | TextRule;

export function ruleOptions(meta: RuleMeta, configured: RuleOptions | undefined): RuleOptions {
  const options: RuleOptions = {};
  for (const [key, spec] of Object.entries(meta.options)) options[key] = configured?.[key] ?? spec.default;
  return options;
}
