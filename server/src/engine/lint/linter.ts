import * as path from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import type { ProjectConfig } from '../config/projectConfig';
import { findProjectConfig } from '../config/projectConfig';
import type { PytestConfig } from '../config/pytestConfig';
import { findPytestConfig } from '../config/pytestConfig';
import type { LintSettings, PartialSettings } from '../config/settings';
import { mergeSettings } from '../config/settings';
import { createPythonParser } from '../parse/parser';
import type { ProjectServices, Rule } from '../rules/types';
import type { Finding } from './finding';
import { selectorProblems } from './selectorProblems';
import { isTextRuleTarget, lintPython, lintText } from './lintFile';
import { parsePythonSource } from '../parse/dedentedComments';

export interface LintOptions {
  /** Editor settings (or CLI flags), overridden by the project's `[tool.pytest-patterns]`. */
  editorSettings?: PartialSettings;
  /** An explicit project config (`--config FILE`) instead of the nearest pyproject.toml. */
  projectConfig?: ProjectConfig;
  /** Flags that beat every file (`--select/--ignore` on the CLI). */
  overrides?: PartialSettings;
  project?: ProjectServices;
  onRuleError?(rule: Rule, error: unknown): void;
}

/**
 * The lint façade shared by the server and the CLI: owns a parser and the config caches.
 * Config lookups are cached per folder; call `clearConfigCaches()` when a config file changes.
 */
export class Linter {
  private readonly pytestConfigs = new Map<string, PytestConfig>();
  private readonly projectConfigs = new Map<string, ProjectConfig | null>();

  private constructor(readonly parser: Parser) {}

  static async create(): Promise<Linter> {
    return new Linter(await createPythonParser());
  }

  pytestConfigFor(filePath: string): PytestConfig {
    return findPytestConfig(path.dirname(path.resolve(filePath)), this.pytestConfigs);
  }

  projectConfigFor(filePath: string): ProjectConfig | undefined {
    return findProjectConfig(path.dirname(path.resolve(filePath)), this.projectConfigs);
  }

  settingsFor(filePath: string, options: LintOptions = {}): { settings: LintSettings; projectRoot?: string } {
    const project = options.projectConfig ?? this.projectConfigFor(filePath);
    const merged = mergeSettings(options.editorSettings, project?.settings);
    const settings = options.overrides ? mergeSettings(merged, options.overrides) : merged;
    return { settings, projectRoot: project?.root ?? this.pytestConfigFor(filePath).rootdir };
  }

  /**
   * What in the settings that apply to `filePath` names no rule, each with where it is written
   * (the project file, or `editor` for the editor's settings and `overrides` for the CLI's flags).
   */
  configProblems(filePath: string, options: LintOptions = {}): { where: string; message: string }[] {
    const project = options.projectConfig ?? this.projectConfigFor(filePath);
    const sources: [string, PartialSettings | undefined][] = [['editor', options.editorSettings], [project?.file ?? '', project?.settings], ['overrides', options.overrides]];
    return sources.flatMap(([where, settings]) => selectorProblems(settings).map((message) => ({ where, message })));
  }

  clearConfigCaches(): void {
    this.pytestConfigs.clear();
    this.projectConfigs.clear();
  }

  /** Lints a Python document whose tree the caller owns (the server's tree cache). */
  lintTree(filePath: string, text: string, tree: Tree, options: LintOptions = {}): Finding[] {
    const { settings, projectRoot } = this.settingsFor(filePath, options);
    return lintPython({
      path: filePath,
      text,
      tree,
      settings,
      projectRoot,
      pytestConfig: this.pytestConfigFor(filePath),
      project: options.project,
      onRuleError: options.onRuleError,
    }).findings;
  }

  /** Lints any file: Python files are parsed here (and the tree freed), others go to the text rules. */
  lint(filePath: string, text: string, options: LintOptions = {}): Finding[] {
    if (!filePath.endsWith('.py') && !filePath.endsWith('.pyi')) {
      if (!isTextRuleTarget(filePath)) return [];
      const { settings, projectRoot } = this.settingsFor(filePath, options);
      return lintText({ path: filePath, text, settings, projectRoot, onRuleError: options.onRuleError });
    }
    const tree = parsePythonSource(this.parser, text);
    if (!tree) throw new Error(`tree-sitter could not parse ${filePath}`);
    try {
      return this.lintTree(filePath, text, tree, options);
    } finally {
      tree.delete();
    }
  }
}

let shared: Promise<Linter> | undefined;

/** Lints source text in one call (tests, snippets checks): one shared Linter per process. */
export async function lintSource(text: string, filePath: string, options: LintOptions = {}): Promise<Finding[]> {
  shared ??= Linter.create();
  return (await shared).lint(filePath, text, options);
}
