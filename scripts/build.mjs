// Bundles the client, the language server and the CLI into dist/ and copies what they load at run
// time: both tree-sitter .wasm files, the rule docs and the pytest reporter plugin.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  external: ['vscode'],
  // Our bundles are CommonJS: take web-tree-sitter's CommonJS build (its ESM build needs import.meta.url).
  alias: { 'web-tree-sitter': path.join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs') },
};

const entries = [
  { entryPoints: [path.join(root, 'src/extension.ts')], outfile: path.join(dist, 'extension.js') },
  { entryPoints: [path.join(root, 'server/src/server.ts')], outfile: path.join(dist, 'server.js') },
  { entryPoints: [path.join(root, 'server/src/cli/main.ts')], outfile: path.join(dist, 'cli.js') },
];

function copyAssets() {
  fs.mkdirSync(dist, { recursive: true });
  fs.copyFileSync(path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), path.join(dist, 'tree-sitter.wasm'));
  fs.copyFileSync(path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'), path.join(dist, 'tree-sitter-python.wasm'));
  fs.cpSync(path.join(root, 'docs/rules'), path.join(dist, 'docs/rules'), { recursive: true });
  const plugin = path.join(root, 'server/python');
  if (fs.existsSync(plugin)) {
    fs.cpSync(plugin, path.join(dist, 'python'), { recursive: true, filter: (p) => !p.includes('__pycache__') });
  }
}

copyAssets();
if (watch) {
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  await Promise.all(contexts.map((c) => c.watch()));
  fs.watch(path.join(root, 'docs/rules'), () => copyAssets());
  console.log('watching…');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
