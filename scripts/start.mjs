#!/usr/bin/env node
// `npm start`: the extension in a real VS Code (code-server 4.100.3) on the example workspace,
// with workspace trust ON as users get it. Open the printed URL in a browser; Ctrl-C stops it.
//
//   npm start [-- --port 8080] [-- --vsix] [-- --folder PATH]
//
// By default the repository itself is symlinked into a dedicated extensions dir, so after
// `npm run build` (or `npm run watch`) "Developer: Reload Window" picks up the new code.
// --vsix installs the packaged dist/pytest-patterns.vsix instead (what users install).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureCodeServer, findFreePort, installExtension, repoRoot, startCodeServer } from './code-server.mjs';

const EXTENSION_ID = 'pytest-patterns.pytest-patterns';
const DEFAULT_PORT = 8080;
const home = path.join(repoRoot, '.vscode-test', 'start');
const dirs = {
  extensions: path.join(home, 'extensions'),
  userData: path.join(home, 'user-data'),
  state: path.join(home, 'state'),
};

function parseArgs(argv) {
  const options = {
    port: process.env.PORT ? Number(process.env.PORT) : undefined,
    vsix: false,
    folder: path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'cargo-pytest'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg === '--vsix') options.vsix = true;
    else if (arg === '--folder') options.folder = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${arg} (expected --port N, --vsix, --folder PATH)`);
  }
  return options;
}

function npmRun(script) {
  console.log(`[start] $ npm run ${script}`);
  const result = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (${result.status ?? result.signal})`);
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Removes earlier copies or links of this extension so exactly one version loads. */
function removeOurExtension() {
  for (const name of fs.readdirSync(dirs.extensions)) {
    if (name.toLowerCase().startsWith(`${EXTENSION_ID}-`)) {
      fs.rmSync(path.join(dirs.extensions, name), { recursive: true, force: true });
    }
  }
  // code-server keeps a manifest of installed extensions; a stale one would hide the symlink.
  fs.rmSync(path.join(dirs.extensions, 'extensions.json'), { force: true });
}

function linkRepository() {
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const link = path.join(dirs.extensions, `${EXTENSION_ID}-${version}`);
  fs.symlinkSync(repoRoot, link, 'dir');
  console.log(`[start] linked ${link} -> ${repoRoot}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(options.folder)) throw new Error(`workspace folder ${options.folder} does not exist`);
  npmRun(options.vsix ? 'package' : 'build');
  ensureCodeServer();
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  removeOurExtension();
  if (options.vsix) {
    installExtension({
      vsix: path.join(repoRoot, 'dist', 'pytest-patterns.vsix'),
      extensionsDir: dirs.extensions,
      userDataDir: dirs.userData,
      stateDir: dirs.state,
    });
  } else {
    linkRepository();
  }

  let port = options.port ?? DEFAULT_PORT;
  if (!(await isPortFree(port))) {
    const free = await findFreePort();
    console.log(`[start] port ${port} is busy, using ${free}`);
    port = free;
  }
  const server = await startCodeServer({
    folder: options.folder,
    extensionsDir: dirs.extensions,
    userDataDir: dirs.userData,
    stateDir: dirs.state,
    port,
    trust: true,
  });
  console.log('');
  console.log(`  Pytest Patterns in code-server: ${server.url}/?folder=${options.folder}`);
  console.log('  (workspace trust is on: answer the trust prompt as a user would)  Ctrl-C to stop.');
  console.log('');

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`[start] ${signal}: stopping code-server`);
    await server.stop();
    process.exit(0);
  };
  server.exited.then((how) => {
    if (stopping) return;
    console.error(`[start] code-server exited on its own (${how})`);
    process.exit(1);
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(`[start] ${error.stack || error}`);
  process.exit(1);
});
