// Runs node's test runner on the compiled *.test.js files under the given out/ folders.
// (Node 20's --test has no glob support, and its folder search would also pick up helper modules.)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const dirs = process.argv.slice(2);
const files = dirs.flatMap((dir) => {
  if (!fs.existsSync(dir)) {
    console.error(`no compiled tests in ${dir}: run \`npm run compile-tests\``);
    process.exit(2);
  }
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js')).map((f) => path.join(dir, f)).sort();
});
if (files.length === 0) {
  console.error(`no test files under ${dirs.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
