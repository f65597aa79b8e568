// The run folder of a UI script (ui-onboarding.mjs, ui-screenshots.mjs, ui-reload.mjs): the packaged extension
// installed into a fresh extensions dir, user settings, copies of the example workspace, code-server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installExtension, repoRoot, startCodeServer, writeUserSettings } from './code-server.mjs';

const EXAMPLE = path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'cargo-pytest');

/** `--vsix FILE` from the arguments, else the one `npm run package` writes. */
export function vsixFromArgs(args) {
  const index = args.indexOf('--vsix');
  const vsix = index >= 0 ? path.resolve(args[index + 1]) : path.join(repoRoot, 'dist', 'pytest-patterns.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  return vsix;
}

/** A fresh run folder with the extension installed and `userSettings` written. */
export function prepareUiRun({ prefix, vsix, userSettings }) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dir = (name) => {
    const folder = path.join(runDir, name);
    fs.mkdirSync(folder, { recursive: true });
    return folder;
  };
  const [extensions, userData, state, artifacts] = ['extensions', 'user-data', 'state', 'artifacts'].map(dir);
  installExtension({ vsix, extensionsDir: extensions, userDataDir: userData, stateDir: state });
  writeUserSettings(userData, userSettings);
  return {
    runDir,
    artifacts,
    /** A copy of the example workspace at `name` inside the run folder (build output left out). */
    copyExample(name) {
      const target = path.join(runDir, name);
      fs.cpSync(EXAMPLE, target, {
        recursive: true,
        filter: (source) => !['target', '__pycache__', '.pytest_cache', '.vscode'].includes(path.basename(source)),
      });
      return target;
    },
    /** code-server on `folder` (workspace trust off, startCodeServer's default), logging into artifacts. */
    start(folder) {
      return startCodeServer({ folder, extensionsDir: extensions, userDataDir: userData, stateDir: state, logFile: path.join(artifacts, 'code-server.log') });
    },
  };
}
