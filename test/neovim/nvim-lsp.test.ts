// Another LSP client: headless Neovim (Debian's 0.7.2) talks to `node dist/server.js --stdio`
// and must receive PP101 for a badly named test. Proves the server works outside VS Code
// (push diagnostics, no VS Code-only assumptions).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const repoRoot = findRepoRoot(__dirname);
const serverJs = path.join(repoRoot, 'dist', 'server.js');
const luaScript = path.join(repoRoot, 'test', 'neovim', 'lsp.lua');
const fixture = path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'cargo-pytest');
const violations = path.join('python', 'tests', 'test_violations.py');
const NOT_COPIED = new Set(['target', '__pycache__', '.pytest_cache']);
const RUN_LIMIT_MS = 90_000;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  code?: string | number;
  source?: string;
  message: string;
}

interface NvimResult {
  ok: boolean;
  error: string | null;
  diagnostics: NvimDiagnostic[];
}

function findRepoRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'test', 'neovim'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${start}`);
    dir = parent;
  }
  return dir;
}

function nvimAvailable(): boolean {
  return spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs lsp.lua in `nvim --headless --clean` with XDG dirs in `home`; resolves with its PP_RESULT. */
function runNeovim(workspace: string, file: string, home: string): Promise<{ result: NvimResult | undefined; output: string }> {
  const xdg = Object.fromEntries(
    ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME'].map((name) => {
      const dir = path.join(home, name.toLowerCase());
      fs.mkdirSync(dir, { recursive: true });
      return [name, dir];
    }),
  );
  const child = spawn('nvim', ['--headless', '--clean', '-S', luaScript], {
    cwd: workspace,
    env: {
      ...process.env,
      ...xdg,
      PP_SERVER_JS: serverJs,
      PP_ROOT: workspace,
      PP_FILE: file,
      PP_TIMEOUT_MS: '30000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    // Turns a hung editor into a failure instead of a stuck test run.
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nvim did not finish within ${RUN_LIMIT_MS} ms; output:\n${output}`));
    }, RUN_LIMIT_MS);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(deadline);
      const line = output.split('\n').find((candidate) => candidate.startsWith('PP_RESULT '));
      resolve({ result: line ? (JSON.parse(line.slice('PP_RESULT '.length)) as NvimResult) : undefined, output });
    });
  });
}

const skipReason =
  !nvimAvailable() && !process.env.CI ? 'nvim is not installed (apt-get install -y neovim); required when CI is set' : false;

test('neovim 0.7 receives PP101 on test_tokenize from the stdio server', { skip: skipReason }, async () => {
  assert.ok(nvimAvailable(), 'nvim must be installed in CI (apt-get install -y neovim)');
  assert.ok(fs.existsSync(serverJs), `${serverJs} is missing: run npm run build`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-nvim-'));
  try {
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(fixture, workspace, { recursive: true, filter: (source) => !NOT_COPIED.has(path.basename(source)) });
    const file = path.join(workspace, violations);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const expectedLine = lines.findIndex((text) => text.includes('def test_tokenize('));
    assert.ok(expectedLine >= 0, 'the fixture defines test_tokenize');
    const expectedCol = lines[expectedLine].indexOf('test_tokenize');

    const { result, output } = await runNeovim(workspace, file, path.join(tmp, 'home'));
    assert.ok(result, `nvim printed no PP_RESULT line; output:\n${output}`);
    assert.equal(result.error, null, `lsp.lua reported: ${result.error}`);

    const onTokenize = result.diagnostics.filter((d) => d.code === 'PP101' && d.lnum === expectedLine);
    assert.equal(onTokenize.length, 1, `one PP101 on line ${expectedLine + 1}; got ${JSON.stringify(result.diagnostics)}`);
    assert.equal(onTokenize[0].source, 'pytest-patterns');
    assert.deepEqual(
      [onTokenize[0].col, onTokenize[0].end_lnum, onTokenize[0].end_col],
      [expectedCol, expectedLine, expectedCol + 'test_tokenize'.length],
      'the diagnostic covers the function name',
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
