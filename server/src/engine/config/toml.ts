import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };

// smol-toml's types describe its ESM entry; its package also ships a CommonJS build, which is what
// a CommonJS bundle loads. Import the types in ESM mode and the code with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml: typeof SmolToml = require('smol-toml');

/** Parses TOML text (throws with a line/column message on invalid input). */
export function parseToml(text: string): Record<string, unknown> {
  return toml.parse(text) as Record<string, unknown>;
}
