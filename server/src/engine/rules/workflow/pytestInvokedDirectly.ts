import * as path from 'node:path';
import type { TextRule } from '../types';
import { findCargoManifest } from './cargoProject';
import { commandFileKind, commandTexts } from './commandLines';
import { findInvocations } from './invocations';
import { tasksJsonInvocations } from './tasksJson';

/** PP601 — where `cargo test` drives the Python suite, a task, recipe or CI step runs pytest (or tox) directly. */
export const pytestInvokedDirectly: TextRule = {
  meta: {
    code: 'PP601',
    name: 'pytest-invoked-directly',
    summary: 'A task, Makefile/justfile recipe, CI step or tox env runs pytest directly where `cargo test` drives the suite.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  target: 'text',
  filePatterns: [
    '.vscode/tasks.json', 'Makefile', 'makefile', 'GNUmakefile', '*.mk', 'justfile', 'Justfile', '.justfile',
    '.github/workflows/*.yml', '.github/workflows/*.yaml', '.gitlab-ci.yml', 'tox.ini',
  ],
  check({ path: filePath, text, report }) {
    const manifest = findCargoManifest(filePath);
    if (!manifest) return;
    const where = path.relative(path.dirname(path.resolve(filePath)), manifest) || 'Cargo.toml';
    const message = (command: string) =>
      `\`${command}\` runs the Python tests directly, but \`cargo test\` drives them here (${where.split(path.sep).join('/')}): ` +
      'a direct run skips the Rust build and the environment the harness sets up. Run `cargo test` instead.';
    if (path.basename(filePath) === 'tasks.json') {
      for (const hit of tasksJsonInvocations(text)) report({ range: hit.range, message: message(hit.command) });
      return;
    }
    const kind = commandFileKind(filePath);
    if (!kind) return;
    for (const command of commandTexts(kind, text)) {
      for (const hit of findInvocations(command.text)) {
        report({
          range: {
            start: { line: command.line, character: command.column + hit.start },
            end: { line: command.line, character: command.column + hit.end },
          },
          message: message(hit.command.replace(/\s+/g, ' ')),
        });
      }
    }
  },
};
