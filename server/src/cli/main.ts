import { ConfigError } from '../engine/config/pytestConfig';
import { buildFixtureIndex, withFixtureIndex } from '../engine/fixtures/project';
import { tuneForBatchWork } from '../engine/runtime/batchTuning';
import { addProjectServices, CHECK_USAGE, checkCommand } from './commands/check';
import { DISCOVER_USAGE, discoverCommand } from './commands/discover';
import { rulesCommand } from './commands/rules';
import { RUN_USAGE, runCommand } from './commands/run';
import type { CliIO, Command } from './io';
import { EXIT, UsageError } from './io';
import { VERSION } from './version';

/** Every subcommand, listed explicitly. */
const COMMANDS: Record<string, { run: Command; usage: string }> = {
  check: { run: checkCommand, usage: CHECK_USAGE },
  discover: { run: discoverCommand, usage: DISCOVER_USAGE },
  rules: { run: rulesCommand, usage: 'pytest-patterns rules [--format text|json]' },
  run: { run: runCommand, usage: RUN_USAGE },
};

// `check` builds the workspace fixture index over the checked paths (PP301–PP306 need it).
addProjectServices(async (roots) => withFixtureIndex({}, await buildFixtureIndex(roots.length ? roots : [process.cwd()])));

function usage(): string {
  return ['usage:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`), '  pytest-patterns --version'].join('\n') + '\n';
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.clean;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(usage());
    return name ? EXIT.clean : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`unknown command "${name}"\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\nusage: ${command.usage}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`config error: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** Runs the CLI on this process's arguments and sets its exit code. */
export function runFromProcess(): void {
  tuneForBatchWork(); // this process is the CLI's own: one command, then exit
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runFromProcess();
