export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

export type Command = (argv: string[], io: CliIO) => Promise<number>;

/** Exit codes: 0 clean, 1 findings (or failed tests), 2 usage or configuration error. */
export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

export class UsageError extends Error {}
