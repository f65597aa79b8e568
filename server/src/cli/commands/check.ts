import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../../engine/config/pytestConfig';
import { selectorProblems } from '../../engine/lint/selectorProblems';
import { readProjectConfig } from '../../engine/config/projectConfig';
import type { PartialSettings } from '../../engine/config/settings';
import type { Finding } from '../../engine/lint/finding';
import { Linter } from '../../engine/lint/linter';
import type { ProjectServices } from '../../engine/rules/types';
import { listOption, parseArgs } from '../args';
import { collectFiles } from '../files';
import { formatJson } from '../formats/json';
import type { CliProblem } from '../formats/report';
import { formatSarif } from '../formats/sarif';
import { formatText } from '../formats/text';
import type { CliIO } from '../io';
import { EXIT, UsageError } from '../io';
import { VERSION } from '../version';
import { parsePythonSource } from '../../engine/parse/dedentedComments';

const FORMATS = ['text', 'json', 'sarif'];

export const CHECK_USAGE = 'pytest-patterns check [paths…] [--format text|json|sarif] [--config FILE] [--select CODES] [--ignore CODES]';

/** Hook for cross-file services (the fixture index) built over the checked paths. */
export type ProjectServicesFactory = (roots: string[]) => Promise<ProjectServices>;
const servicesFactories: ProjectServicesFactory[] = [];
export function addProjectServices(factory: ProjectServicesFactory): void {
  servicesFactories.push(factory);
}

export async function checkCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['format', 'config', 'select', 'ignore']);
  const format = args.options.get('format') ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
  const configFile = args.options.get('config');
  const projectConfig = configFile ? readProjectConfig(path.resolve(io.cwd, configFile), true) : undefined;
  if (configFile && !projectConfig) throw new ConfigError(configFile, 'has no [tool.pytest-patterns] table');
  const overrides: PartialSettings = {};
  const select = listOption(args.options.get('select'));
  const ignore = listOption(args.options.get('ignore'));
  if (select) overrides.select = select;
  if (ignore) overrides.ignore = ignore;
  const flagProblems = selectorProblems(overrides);
  if (flagProblems.length) throw new UsageError(flagProblems.map((problem) => `--${problem}`).join('; '));

  const inputs = args.positional.length ? args.positional : ['.'];
  const { files, missing } = collectFiles(inputs, io.cwd);
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);

  const linter = await Linter.create();
  const project: ProjectServices = {};
  for (const factory of servicesFactories) Object.assign(project, await factory(inputs.map((i) => path.resolve(io.cwd, i))));
  const problems: CliProblem[] = [];
  const configErrors = new Set<string>();
  for (const file of files) {
    const read = readUtf8(file.absolute);
    if ('error' in read) {
      problems.push(fileProblem(file.display, 'PP001', 'unreadable-file', read.error));
      continue;
    }
    try {
      // A project's select/ignore entry that names no rule: linted anyway, and the run fails on it.
      for (const { where, message } of linter.configProblems(file.absolute, { projectConfig, overrides })) if (where !== 'overrides') configErrors.add(`${where}: ${message}`);
      const findings = linter.lint(file.absolute, read.text, {
        projectConfig,
        overrides,
        project,
        onRuleError: (rule, error) => io.stderr.write(`internal error: rule ${rule.meta.code} failed on ${file.display}: ${(error as Error).message}\n`),
      });
      problems.push(...findings.map((f) => toProblem(file.display, f)));
      const syntax = file.absolute.endsWith('.py') ? firstSyntaxError(linter, read.text) : undefined;
      if (syntax) problems.push({ ...fileProblem(file.display, 'PP002', 'syntax-error', 'Syntax error: the file does not parse as Python; findings may be incomplete.'), ...syntax });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      configErrors.add(error.message);
    }
  }
  const output = format === 'json' ? formatJson(problems) : format === 'sarif' ? formatSarif(problems, VERSION) : formatText(problems, files.length);
  io.stdout.write(output);
  for (const message of configErrors) io.stderr.write(`config error: ${message}\n`);
  if (configErrors.size) return EXIT.usage;
  return problems.length ? EXIT.findings : EXIT.clean;
}

function readUtf8(file: string): { text: string } | { error: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { error: `Cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.` };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { error: 'The file is not valid UTF-8; it was not checked.' };
  }
}

function fileProblem(file: string, code: string, rule: string, message: string): CliProblem {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, code, rule, severity: 'error', message };
}

function toProblem(file: string, f: Finding): CliProblem {
  return {
    file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    code: f.code,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
  };
}

function firstSyntaxError(linter: Linter, text: string): Pick<CliProblem, 'line' | 'column' | 'endLine' | 'endColumn'> | undefined {
  const tree = parsePythonSource(linter.parser, text);
  if (!tree) return undefined;
  try {
    if (!tree.rootNode.hasError) return undefined;
    const cursor = tree.walk();
    // Depth-first to the first ERROR or MISSING node.
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) {
        return { line: node.startPosition.row + 1, column: node.startPosition.column + 1, endLine: node.endPosition.row + 1, endColumn: node.endPosition.column + 1 };
      }
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return undefined;
    }
  } finally {
    tree.delete();
  }
}
