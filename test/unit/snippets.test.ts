import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Finding } from '../../server/src/engine/lint/finding';
import { lintSource } from '../../server/src/engine/lint/linter';
import { parseToml } from '../../server/src/engine/config/toml';
import { readProjectConfig } from '../../server/src/engine/config/projectConfig';
import { buildFixtureIndex, withFixtureIndex } from '../../server/src/engine/fixtures/project';
import { parsePython } from '../../server/src/engine/parse/parser';
import { RULES } from '../../server/src/engine/rules/registry';
import { expandSnippet } from '../support/snippetExpansion';
import type { SnippetModule } from '../support/pythonSnippetFile';
import { placementOf, snippetModule } from '../support/pythonSnippetFile';
import { repoPath } from '../support/paths';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
  scope?: string;
}

// Every rule selected, the off-by-default ones by their exact code: a snippet must pass the strictest setup.
const STRICT_SELECT = ['PP', ...RULES.filter((rule) => !rule.meta.defaultEnabled).map((rule) => rule.meta.code)];

// Fixtures of plugins a snippet names (pytest-mock's `mocker`) that this machine does not have
// installed; where they are installed the fixture index finds them by itself.
const PLUGIN_FIXTURES = ['mocker'];

function loadSnippets(relative: string): Map<string, Snippet> {
  const parsed = JSON.parse(fs.readFileSync(repoPath(relative), 'utf8')) as Record<string, Snippet>;
  return new Map(Object.entries(parsed));
}

function bodyText(snippet: Snippet): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

function prefixes(snippet: Snippet): string[] {
  return Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
}

function describeFindings(findings: Finding[], text: string): string {
  const lines = text.split('\n');
  return findings
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.message}\n    ${lines[f.range.start.line]}`)
    .join('\n');
}

function snippetByName(snippets: Map<string, Snippet>, name: string): Snippet {
  const snippet = snippets.get(name);
  assert.ok(snippet, `snippet "${name}" is missing`);
  return snippet;
}

const python = loadSnippets('snippets/python.json');
const rust = loadSnippets('snippets/rust.json');
const toml = loadSnippets('snippets/toml.code-snippets');

describe('snippet files', () => {
  for (const [file, snippets] of [['python', python], ['rust', rust], ['toml', toml]] as const) {
    it(`${file}: every snippet has a prefix, a description, a body and a final tab stop`, () => {
      assert.ok(snippets.size > 0);
      for (const [name, snippet] of snippets) {
        assert.ok(prefixes(snippet).length > 0 && prefixes(snippet).every((p) => p.trim() !== ''), `${name}: prefix`);
        assert.ok(snippet.description.trim().length > 10, `${name}: description`);
        assert.match(bodyText(snippet), /\$0/, `${name}: ends the tab order with $0`);
        assert.doesNotMatch(bodyText(snippet), /\t/, `${name}: indents with spaces, not tabs`);
      }
    });
  }

  it('prefixes are unique across all snippet files, so each one completes to one snippet', () => {
    const seen = new Map<string, string>();
    for (const snippets of [python, rust, toml]) {
      for (const [name, snippet] of snippets) {
        for (const prefix of prefixes(snippet)) {
          assert.ok(!seen.has(prefix), `prefix "${prefix}" of "${name}" is also used by "${seen.get(prefix)}"`);
          seen.set(prefix, name);
        }
      }
    }
  });

  it('the TOML snippets are scoped to toml (the file has no language of its own)', () => {
    for (const [name, snippet] of toml) assert.equal(snippet.scope, 'toml', name);
  });
});

describe('Python snippets pass our own rules', () => {
  let project: string;

  before(() => {
    // A project configured like the TOML snippet recommends, so registered markers are known.
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-snippets-'));
    const pytestSettings = expandSnippet(bodyText(snippetByName(toml, 'pytest settings [tool.pytest.ini_options]')));
    fs.writeFileSync(path.join(project, 'pyproject.toml'), `${pytestSettings}\n`);
    fs.mkdirSync(path.join(project, 'python', 'tests'), { recursive: true });
  });

  after(() => fs.rmSync(project, { recursive: true, force: true }));

  /**
   * Lints the module as the editor would: in its own folder of the project, with a workspace fixture
   * index, so the cross-file fixture rules (unknown, unused fixture …) run too.
   */
  async function lintInProject(module: SnippetModule): Promise<Finding[]> {
    // Under the `testpaths` of the project's pytest settings, where the index looks for tests.
    const folder = fs.mkdtempSync(path.join(project, 'python', 'tests', 'case-'));
    const file = path.join(folder, module.fileName);
    fs.writeFileSync(file, module.text);
    if (module.companion) fs.writeFileSync(path.join(folder, module.companion.fileName), module.companion.text);
    // One snippet's files at a time: the project as a user has it (two `test_snippet.py` side by side would not import).
    try {
      const index = await buildFixtureIndex([folder]);
      return await lintSource(module.text, file, {
        editorSettings: { select: STRICT_SELECT, rules: { 'unknown-fixture': { extraFixtures: PLUGIN_FIXTURES } } },
        project: withFixtureIndex({}, index),
      });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }

  for (const [name, snippet] of python) {
    it(`"${name}" parses and lints clean once its placeholders are filled`, async () => {
      const expanded = expandSnippet(bodyText(snippet));
      assert.doesNotMatch(expanded, /\$\{?\d/, 'no placeholder is left over');
      const module = snippetModule(name, expanded);

      const tree = await parsePython(module.text);
      try {
        assert.equal(tree.rootNode.hasError, false, `syntax error in:\n${module.text}`);
      } finally {
        tree.delete();
      }

      const findings = await lintInProject(module);
      assert.deepEqual(findings.map((f) => f.code), [], `findings in:\n${module.text}\n${describeFindings(findings, module.text)}`);
    });
  }

  it('covers every kind of placement (whole file, module level, decorator, statement)', () => {
    const placements = new Set([...python.values()].map((s) => placementOf(expandSnippet(bodyText(s)))));
    assert.deepEqual([...placements].sort(), ['decorator', 'file', 'module', 'statement']);
  });

  it('the check can fail: a test snippet renamed against the convention is reported', async () => {
    const expanded = expandSnippet(bodyText(snippetByName(python, 'Test function')));
    assert.match(expanded, /def test_unit__condition__then_expected\(/, 'the defaults spell a conforming name');
    const renamed = snippetModule('Test function', expanded.replace('test_unit__condition__then_expected', 'test_unit'));
    const findings = await lintInProject(renamed);
    assert.deepEqual(findings.map((f) => f.code), ['PP101']);
  });

  it('the cross-file rules run: a fixture snippet that no test requests is reported as unused', async () => {
    // Renamed: PP302 counts any word of a string as a possible use, and the docstring says "resource".
    const expanded = expandSnippet(bodyText(snippetByName(python, 'Fixture'))).replace('def resource(', 'def unrequested_fixture(');
    const findings = await lintInProject(snippetModule('Fixture', expanded, { requestFixtures: false }));
    assert.deepEqual(findings.map((f) => f.code), ['PP302']);
  });
});

describe('TOML snippets', () => {
  for (const [name, snippet] of toml) {
    it(`"${name}" is valid TOML once its placeholders are filled`, () => {
      assert.doesNotThrow(() => parseToml(expandSnippet(bodyText(snippet))), name);
    });
  }

  it('the [tool.pytest-patterns] snippet is read as settings, every key kept', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-snippet-settings-'));
    try {
      const file = path.join(dir, 'pyproject.toml');
      fs.writeFileSync(file, expandSnippet(bodyText(snippetByName(toml, 'Pytest Patterns settings [tool.pytest-patterns]'))));
      const config = readProjectConfig(file, false);
      // JSON round trip: the TOML parser builds null-prototype objects.
      assert.deepEqual(JSON.parse(JSON.stringify(config?.settings)), {
        select: ['PP'],
        ignore: [],
        perFileIgnores: { 'python/tests/legacy/**': ['PP101'] },
        rules: { 'test-name-format': { preset: 'unit-condition-then' } },
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the Rust, TOML and Python snippets make a crate whose cargo test runs pytest', () => {
  const cargo = spawnSync('cargo', ['--version'], { encoding: 'utf8' });

  it('cargo test runs the test snippet through pytest and passes', { skip: cargo.status !== 0 && 'cargo is not installed' }, () => {
    const crate = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-snippet-crate-'));
    try {
      const write = (relative: string, text: string): void => {
        fs.mkdirSync(path.dirname(path.join(crate, relative)), { recursive: true });
        fs.writeFileSync(path.join(crate, relative), text.endsWith('\n') ? text : `${text}\n`);
      };
      const cargoTest = expandSnippet(bodyText(snippetByName(toml, 'Cargo [[test]] that runs pytest')));
      write('Cargo.toml', `[package]\nname = "snippet_crate"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n${cargoTest}`);
      write('src/lib.rs', '');
      write('tests/python.rs', expandSnippet(bodyText(snippetByName(rust, 'Cargo integration test that runs pytest'))));
      write('pyproject.toml', expandSnippet(bodyText(snippetByName(toml, 'pytest settings [tool.pytest.ini_options]'))));
      const testSnippet = snippetModule('Test function', expandSnippet(bodyText(snippetByName(python, 'Test function'))));
      write(`python/tests/${testSnippet.fileName}`, testSnippet.text);

      const run = spawnSync('cargo', ['test', '--offline', '--quiet'], {
        cwd: crate,
        encoding: 'utf8',
        env: { ...process.env, CARGO_TARGET_DIR: path.join(crate, 'target'), PYTHONDONTWRITEBYTECODE: '1' },
      });
      const output = `${run.stdout}\n${run.stderr}`;
      assert.equal(run.status, 0, output);
      assert.match(output, /1 passed/, 'pytest ran the one test the snippet produced');
    } finally {
      fs.rmSync(crate, { recursive: true, force: true });
    }
  });
});
