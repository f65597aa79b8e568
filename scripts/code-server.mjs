// code-server helpers: install a pinned code-server (= VS Code 1.100.3) from npm and start it.
// Why code-server: VS Code downloads are unreachable offline; see /work/shared/OFFLINE-VSCODE.md.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
// @vscode/ripgrep 1.15.11 (a code-server dependency) downloads this archive unless it is cached.
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const codeServerHome = path.join(repoRoot, '.vscode-test', 'code-server');
const installedMarker = path.join(codeServerHome, `.installed-${CODE_SERVER_VERSION}`);
export const codeServerBin = path.join(codeServerHome, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function log(message) {
  process.stderr.write(`[code-server] ${message}\n`);
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

function isDebianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs missing Debian packages when we are root; otherwise explains what is missing. */
export function ensureDebianPackages(names) {
  if (!fs.existsSync('/usr/bin/dpkg-query')) return;
  const missing = names.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} (run: sudo apt-get install -y ${missing.join(' ')})`);
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Puts Debian's `rg` where @vscode/ripgrep looks for its download cache. */
function seedRipgrepCache(tmpDir) {
  const rg = ['/usr/bin/rg', '/bin/rg'].find((candidate) => fs.existsSync(candidate));
  if (!rg) throw new Error('ripgrep (rg) not found; install the Debian package `ripgrep`');
  const cacheDir = path.join(tmpDir, RIPGREP_CACHE_DIR);
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(tmpDir, 'rg-'));
  fs.copyFileSync(rg, path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  execFileSync('tar', ['-czf', path.join(cacheDir, RIPGREP_ARCHIVE), '-C', staging, 'rg']);
}

/** Installs code-server@CODE_SERVER_VERSION into .vscode-test/code-server unless already there. */
export function ensureCodeServer() {
  if (fs.existsSync(installedMarker) && fs.existsSync(codeServerBin)) return codeServerBin;
  ensureDebianPackages(['libkrb5-dev', 'ripgrep']);
  log(`installing code-server@${CODE_SERVER_VERSION} into ${codeServerHome} (about a minute)`);
  fs.rmSync(codeServerHome, { recursive: true, force: true });
  fs.mkdirSync(codeServerHome, { recursive: true });
  fs.writeFileSync(
    path.join(codeServerHome, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true, description: 'test-only code-server install' }, null, 2),
  );
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-server-install-'));
  try {
    seedRipgrepCache(tmpDir);
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: codeServerHome,
      env: {
        ...process.env,
        TMPDIR: tmpDir,
        npm_config_unsafe_perm: 'true', // postinstall refuses to run as root otherwise
        npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
      },
    });
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  if (!fs.existsSync(codeServerBin)) throw new Error(`code-server installed but ${codeServerBin} is missing`);
  fs.writeFileSync(installedMarker, new Date().toISOString());
  return codeServerBin;
}

/** Environment that keeps code-server (and everything it spawns) out of $HOME. */
export function isolatedEnv(stateDir) {
  const dirs = {
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
    TMPDIR: path.join(stateDir, 'tmp'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  return { ...process.env, ...dirs };
}

/** Installs a .vsix into an extensions dir with code-server's own CLI. */
export function installExtension({ vsix, extensionsDir, userDataDir, stateDir }) {
  run(process.execPath, [
    codeServerBin,
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    '--install-extension', vsix,
    '--force',
  ], { env: isolatedEnv(stateDir) });
}

/** Writes the user settings.json of a user-data dir (merged over what is there). */
export function writeUserSettings(userDataDir, settings) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...settings }, null, 2));
}

export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealthz(url, child, attempts = 240) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    // Readiness probe of an external server: polling is the only signal it offers.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz after ${attempts} attempts`);
}

/**
 * Starts code-server in its own process group. `trust` leaves workspace trust on (the real
 * experience); `logFile` receives code-server's own output (default: this terminal); `env` is added to the environment that code-server and its extension hosts see.
 * @returns {Promise<{url: string, port: number, stop: () => Promise<void>, exited: Promise<number|string>}>}
 */
export async function startCodeServer({ folder, extensionsDir, userDataDir, port, trust = false, stateDir, logFile, env = {} }) {
  ensureCodeServer();
  port ??= await findFreePort();
  stateDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'code-server-state-'));
  const configFile = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const args = [
    codeServerBin,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--config', configFile,
  ];
  if (!trust) args.push('--disable-workspace-trust');
  args.push(folder);
  const output = logFile ? fs.openSync(logFile, 'a') : 'inherit';
  const child = spawn(process.execPath, args, {
    env: { ...isolatedEnv(stateDir), ...env }, // extension hosts inherit this environment
    detached: true, // own process group, so stop() reaches the file watcher too
    stdio: ['ignore', output, output],
  });
  if (typeof output === 'number') fs.closeSync(output);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // group already gone
    }
  };
  const onParentExit = () => killGroup('SIGKILL');
  process.once('exit', onParentExit);
  const stop = async () => {
    process.removeListener('exit', onParentExit);
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    killGroup('SIGKILL'); // stragglers that ignored SIGTERM
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthz(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop, exited, pid: child.pid };
}

// `node scripts/code-server.mjs install` pre-installs (used by CI to separate install from tests).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'install') {
    console.log(ensureCodeServer());
  } else {
    console.error('usage: node scripts/code-server.mjs install');
    process.exit(2);
  }
}
