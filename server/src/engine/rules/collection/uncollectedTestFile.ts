import * as fs from 'node:fs';
import * as path from 'node:path';
import { fnmatch, matchesPathPattern } from '../../config/fnmatch';
import type { PytestConfig } from '../../config/pytestConfig';
import { testpathsMatching } from '../../config/testpaths';
import type { PytestFile } from '../../model/types';
import type { Range } from '../../text/positions';
import { nodesOfType } from '../body/names';
import type { PythonRule } from '../types';

const NOT_MODULES = new Set(['__init__.py', '__main__.py', 'setup.py', 'noxfile.py', 'conftest.py']);
const FUNCTION_CHECKS = new Set(['return_statement', 'list_splat_pattern', 'dictionary_splat_pattern']);
const TEST_FOLDER = /^(?:tests?|testing)$|_tests?$|^tests?_/;
// Folders inside a test tree that hold inputs for the tests (sample projects, lint fixtures), not tests.
const DATA_FOLDER = /^(?:data|fixtures|testdata|test_data|samples?|examples?|resources|snapshots|__snapshots__|cassettes|golden|inputs?|expected)$/i;
const DEFAULT_NORECURSE = ['*.egg', '.*', '_darcs', 'build', 'CVS', 'dist', 'node_modules', 'venv', '{arch}'];
const ABSTRACT_NAME = /Base|Mixin|Abstract/;
// Files meant to be copied or read, not run (idlelib's `idle_test/template.py`).
const TEMPLATE_FILE = /(?:^|_)(?:template|example|sample|skeleton)s?(?:_|\.py$)/i;

/** PP102 — a module in a test folder defines tests, but its name does not match `python_files`. */
export const uncollectedTestFile: PythonRule = {
  meta: {
    code: 'PP102',
    name: 'uncollected-test-file',
    summary: 'A file in a test folder defines tests but its name does not match `python_files`, so pytest never runs them.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
    appliesTo: 'all-python',
  },
  check({ file, pytestConfig, report }) {
    // `_helpers.py`, `_test_embed.py`: private modules, run or imported by other tests.
    const base = path.basename(file.path);
    if (file.kind !== 'other' || NOT_MODULES.has(base) || base.startsWith('_') || !file.path.endsWith('.py')) return;
    if (moduleOptsOut(file) || TEMPLATE_FILE.test(path.basename(file.path))) return;
    const first = firstTestDefinition(file, pytestConfig);
    if (!first || !inTestFolder(file.path, pytestConfig)) return;
    const patterns = pytestConfig.collection.pythonFiles.map((p) => `\`${p}\``).join(', ');
    const suggestion = pytestConfig.collection.pythonFiles.includes('test_*.py')
      ? ` Rename it (e.g. \`test_${base.replace(/^tests?_?|_?tests?(?=\.py$)/g, '')}\`).`
      : '';
    report({
      range: first.range,
      message: `\`${base}\` defines ${first.what} but does not match \`python_files\` (${patterns}): pytest never collects it.${suggestion}`,
    });
  },
};

/**
 * The first definition that is unmistakably a pytest test: `test_*` functions that take no
 * `*args`/`**kwargs` and return nothing (runners and factories such as `def test(*paths)` or
 * `def test_both(cls, **kw)` do), and plain `Test*` classes (unittest bases are shared elsewhere).
 */
function firstTestDefinition(file: PytestFile, config: PytestConfig): { range: Range; what: string } | undefined {
  const strongName = (name: string) => name.startsWith('test_') || !config.collection.pythonFunctions.includes('test');
  const candidates = [
    ...file.tests
      .filter((t) => strongName(t.name) && !t.params.some((p) => p.variadic) && !returnsValue(t.node))
      .map((t) => ({ start: t.node.startIndex, range: t.nameRange, what: `test \`${t.name}\`` })),
    ...file.classes
      .filter((c) => c.tests.length > 0 && !c.hasInit && !ABSTRACT_NAME.test(c.name) && c.bases.every((b) => b === 'object'))
      .map((c) => ({ start: c.node.startIndex, range: c.nameRange, what: `test class \`${c.name}\`` })),
  ];
  return candidates.sort((a, b) => a.start - b.start)[0];
}

function returnsValue(fn: PytestFile['tests'][number]['node']): boolean {
  return nodesOfType(fn.childForFieldName('body')!, FUNCTION_CHECKS, true).some((n) => n.type === 'return_statement' && n.namedChildCount > 0);
}

/**
 * The author says this is not a pytest module: `__test__ = False`, or an `if __name__ == "__main__":`
 * block (a script run on its own: fuzz harnesses, slow "extra" suites, runners).
 */
function moduleOptsOut(file: PytestFile): boolean {
  return file.root.namedChildren.some((s) => {
    if (s?.type === 'if_statement') return /__name__\s*==\s*['"]__main__['"]/.test(s.childForFieldName('condition')?.text ?? '');
    const assignment = s?.type === 'expression_statement' ? s.namedChild(0) : null;
    return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === '__test__';
  });
}

/**
 * Whether pytest would look for tests where the file sits: under the `testpaths` globs that match when configured, else a
 * folder named like `tests/` or holding a conftest.py or test files. Data folders inside test trees
 * (sample projects, lint inputs) and folders pytest skips (`norecursedirs`) are not test folders.
 */
export function inTestFolder(filePath: string, config: PytestConfig): boolean {
  const dir = path.dirname(path.resolve(filePath));
  const relative = path.relative(config.rootdir, dir);
  const segments = relative.startsWith('..') || path.isAbsolute(relative) ? [] : relative.split(path.sep).filter((s) => s.length > 0);
  const norecurse = Array.isArray(config.options.norecursedirs)
    ? config.options.norecursedirs
    : typeof config.options.norecursedirs === 'string'
      ? config.options.norecursedirs.split(/\s+/).filter((s) => s.length > 0)
      : DEFAULT_NORECURSE;
  if (segments.some((s) => DATA_FOLDER.test(s) || norecurse.some((p) => fnmatch(s, p)))) return false;
  // testpaths entries are globs; when none matches, pytest collects from where it runs instead.
  const starts = testpathsMatching(config.testpaths, config.rootdir);
  if (starts.length > 0) return starts.some((start) => dir === start || dir.startsWith(start + path.sep));
  if (TEST_FOLDER.test(path.basename(dir))) return true;
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return false;
  }
  return entries.some((name) => name === 'conftest.py' || config.collection.pythonFiles.some((p) => matchesPathPattern(path.join(dir, name), p)));
}
