import type { Node as SyntaxNode } from 'web-tree-sitter';
import { callArguments, literalBool, notNull, stringValue } from '../../model/syntax';
import type { Decorated, Fixture, PytestFile } from '../../model/types';
import { rangeOf } from '../../text/positions';
import type { TextEdit } from '../../text/positions';
import type { Fix, PythonRule, Report } from '../types';
import { importsOf, nodesOfType, resolvedCallee, testsAndFixtures, walkAll } from './names';
import { removeStatements } from './removeStatements';

// Calls whose string argument is a filesystem path.
// os.path functions that touch the disk (join, split, basename … are string work on path data).
const PATH_CALL = /^(?:open|io\.open|builtins\.open|pathlib\.(?:Pure)?(?:Posix|Windows)?Path|os\.path\.(?:exists|lexists|isfile|isdir|islink|ismount|getsize|getmtime|getatime|getctime|realpath|samefile)|os\.(?:open|listdir|scandir|stat|lstat|remove|unlink|rmdir|removedirs|mkdir|makedirs|chdir|rename|renames|replace|walk|chmod|chown|access|symlink|link|utime|truncate)|shutil\.\w+|glob\.i?glob|tarfile\.open|zipfile\.ZipFile|sqlite3\.connect)$/;
const PATH_VARIABLE = /path|dir|folder|file|root/i;
// Shared temp roots: a string naming one is a place the test writes to, whatever it is called.
// Roots that exist only on some machines.
const MACHINE_ROOT = /^(?:\/(?:tmp|home|Users|var|etc|opt|root|mnt|srv)(?:\/|$)|[A-Za-z]:[\\/]|~[\\/])/;
const TEMP_ROOT = /^(?:\/(?:var\/)?tmp\/|[A-Za-z]:[\\/](?:temp|tmp|windows[\\/]temp)[\\/])/i;
const ABSOLUTE = /^(?:\/[\w.~-]|[A-Za-z]:[\\/]|~[\\/]|\\\\\w)/;
// Pseudo-filesystems and devices are the same everywhere.
const SYSTEM_PATH = /^\/(?:dev|proc|sys)(?:\/|$)/;
const REGEX_LIKE = /\\[dwsbDWSB]|\(\?|[\^$*+?{}[\]|]/;
const TEMPFILE_CALLS = new Set(['tempfile.mkdtemp', 'tempfile.mkstemp', 'tempfile.NamedTemporaryFile']);
const CALL_OR_STRING = new Set(['call', 'string']);
const CALL = new Set(['call']);
const PATH_LIKE_USES = /^(?:pathlib\.(?:Pure)?(?:Posix|Windows)?Path|str|os\.fspath|os\.path\.\w+|shutil\.rmtree)$/;

/** PP207 — absolute paths and unmanaged temp files in tests, where `tmp_path` belongs. */
export const hardcodedPath: PythonRule = {
  meta: {
    code: 'PP207',
    name: 'hardcoded-path',
    summary: 'No hard-coded absolute paths or `tempfile.mkdtemp()` in tests and fixtures: use `tmp_path`.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, text, report }) {
    const reported = new Set<number>();
    const emit = (node: SyntaxNode, r: Report) => {
      if (reported.has(node.id)) return;
      reported.add(node.id);
      report(r);
    };
    for (const { fn, kind } of testsAndFixtures(file)) {
      for (const node of nodesOfType(fn.body, CALL_OR_STRING)) {
        if (node.type === 'call') {
          const tempfile = tempfileCall(file, node);
          if (tempfile) {
            const fix = kind === 'fixture' ? tmpPathFix(file, text, fn as Fixture, node) : undefined;
            emit(node, {
              range: rangeOf(node),
              message: `\`${tempfile}\` in ${kind} \`${fn.name}\` creates files pytest does not manage: use the \`tmp_path\` fixture (unique per test, cleaned up by pytest).`,
              fixes: fix ? [fix] : [],
            });
          }
          continue;
        }
        checkString(file, node, fn, kind, emit);
      }
    }
    for (const statement of file.root.namedChildren) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
      const value = assignment?.type === 'assignment' ? assignment.childForFieldName('right') : null;
      if (value?.type === 'string') checkString(file, value, undefined, 'module', emit);
    }
  },
};

function tempfileCall(file: PytestFile, call: SyntaxNode): string | undefined {
  const callee = resolvedCallee(file, call);
  if (!callee || !TEMPFILE_CALLS.has(callee)) return undefined;
  if (callee === 'tempfile.NamedTemporaryFile') {
    const { keywords } = callArguments(call.childForFieldName('arguments'));
    if (literalBool(keywords.get('delete')) !== false) return undefined;
    return 'tempfile.NamedTemporaryFile(delete=False)';
  }
  return `${callee}()`;
}

/** The text a string literal starts with: its value, or an f-string's text before the first `{}`. */
function literalPrefix(node: SyntaxNode): string | undefined {
  const value = stringValue(node);
  if (value !== undefined) return value;
  const start = node.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '';
  if (!/f/i.test(start) || /b/i.test(start)) return undefined;
  let prefix = '';
  for (const child of node.namedChildren.filter(notNull)) {
    if (child.type === 'interpolation') break;
    if (child.type === 'string_content') prefix += child.text;
  }
  return prefix;
}

function checkString(
  file: PytestFile,
  node: SyntaxNode,
  fn: Decorated | undefined,
  kind: string,
  emit: (node: SyntaxNode, report: Report) => void,
): void {
  if (node.parent?.type === 'expression_statement' || node.parent?.type === 'concatenated_string') return; // docstrings, parts
  const value = literalPrefix(node);
  if (!value || !ABSOLUTE.test(value) || value.includes('://') || SYSTEM_PATH.test(value) || REGEX_LIKE.test(value)) return;
  const context = pathContext(file, node);
  if (!context && !(TEMP_ROOT.test(value) && isPathShaped(value) && isBoundValue(node))) return;
  const where = fn ? `${kind} \`${fn.name}\`` : 'this test module';
  emit(node, {
    range: rangeOf(node),
    message: `Hard-coded path \`${value.length > 40 ? `${value.slice(0, 37)}...` : value}\` in ${where}: it ties the test to one machine and shares state between runs. Use \`tmp_path\` (or a path relative to the test file).`,
  });
}

/** Used as a path: argument of a filesystem call, or bound to a name/keyword that says path. */
function pathContext(file: PytestFile, node: SyntaxNode): boolean {
  let current = node;
  while (current.parent?.type === 'binary_operator' || current.parent?.type === 'parenthesized_expression') current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === 'argument_list') {
    const call = parent.parent;
    return call?.type === 'call' && PATH_CALL.test(resolvedCallee(file, call) ?? '');
  }
  // `root="/foo/bar/"` handed to a mocked installer is data; a real machine root is not.
  if (parent.type === 'keyword_argument') return PATH_VARIABLE.test(parent.childForFieldName('name')?.text ?? '') && MACHINE_ROOT.test(node.text.replace(/^[a-zA-Z]*['"]+/, ''));
  if (parent.type === 'assignment') {
    const left = parent.childForFieldName('left');
    return left?.type === 'identifier' && PATH_VARIABLE.test(left.text) && reachesFilesystem(file, parent, left.text);
  }
  return false;
}

/**
 * `config_path = "/etc/app.toml"` matters only if the name later reaches a filesystem call; as
 * input to a path-manipulation function under test it is data (`full_path("/foo/bar.py")`).
 */
function reachesFilesystem(file: PytestFile, assignment: SyntaxNode, name: string): boolean {
  let scope: SyntaxNode | null = assignment;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return false;
  return nodesOfType(scope, CALL).some((call) => {
    if (call.startIndex < assignment.endIndex || !PATH_CALL.test(resolvedCallee(file, call) ?? '')) return false;
    return (call.childForFieldName('arguments')?.namedChildren ?? []).some((arg) => arg?.type === 'identifier' && arg.text === name);
  });
}

/**
 * Outside a path context a machine root counts only when the string is stored (assigned, passed by
 * keyword, a dict value): as a plain argument or in a comparison it is usually input data for the
 * code under test (`parse("/etc/hosts")`, `match(pattern, "/tmp/1")`).
 */
function isBoundValue(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'assignment') return parent.childForFieldName('right')?.id === node.id;
  if (parent.type === 'keyword_argument') return true;
  return parent.type === 'pair' && parent.childForFieldName('value')?.id === node.id;
}

/** A machine root outside a path context counts only when it looks like a file path, not prose. */
function isPathShaped(value: string): boolean {
  return !/\s/.test(value) && value.split(/[\\/]/).filter((s) => s.length > 0).length >= 2;
}

/**
 * `name = tempfile.mkdtemp()` in a function-scoped fixture, where every other use of `name` accepts
 * a `Path` too: request `tmp_path`, use it instead, and drop the `shutil.rmtree(name)` teardown.
 */
function tmpPathFix(file: PytestFile, text: string, fixture: Fixture, call: SyntaxNode): Fix | undefined {
  if (fixture.scope !== 'function' || fixture.dynamicScope || fixture.params.some((p) => p.name === 'tmp_path')) return undefined;
  if (resolvedCallee(file, call) !== 'tempfile.mkdtemp') return undefined;
  const { positional, keywords } = callArguments(call.childForFieldName('arguments'));
  if (positional.length > 0 || [...keywords.keys()].some((k) => k !== 'prefix' && k !== 'suffix')) return undefined;
  const assignment = call.parent;
  const variable = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
  if (!assignment || variable?.type !== 'identifier' || assignment.parent?.parent?.id !== fixture.body.id) return undefined;
  const teardown: SyntaxNode[] = [];
  let ambiguous = false;
  walkAll(fixture.body, (n) => {
    if (n.type !== 'identifier' || n.text !== variable.text || n.id === variable.id) return;
    const use = n.parent?.type === 'argument_list' ? n.parent.parent : null;
    const callee = use?.type === 'call' ? resolvedCallee(file, use) ?? '' : '';
    if (!use || !PATH_LIKE_USES.test(callee)) ambiguous = true;
    else if (callee === 'shutil.rmtree') {
      if (use.parent?.type === 'expression_statement' && use.parent.parent?.id === fixture.body.id) teardown.push(use.parent);
      else ambiguous = true;
    }
  });
  const parameters = fixture.node.childForFieldName('parameters');
  if (ambiguous || !parameters || fixture.params.some((p) => p.variadic && p.node.type === 'dictionary_splat_pattern')) return undefined;
  const imports = importsOf(file);
  const annotation = imports.some((i) => i.local === 'Path' && i.module === 'pathlib')
    ? ': Path'
    : imports.some((i) => i.local === 'pathlib' && !i.name)
      ? ': pathlib.Path'
      : '';
  const lastParam = parameters.namedChildren.filter(notNull).at(-1);
  const insertAt = lastParam ? rangeOf(lastParam).end : { line: parameters.startPosition.row, character: parameters.startPosition.column + 1 };
  const edits: TextEdit[] = [
    { range: { start: insertAt, end: insertAt }, newText: `${lastParam ? ', ' : ''}tmp_path${annotation}` },
    { range: rangeOf(call), newText: 'tmp_path' },
    ...removeStatements(text, teardown),
  ];
  return { title: 'Use the `tmp_path` fixture', edits, safe: false };
}
