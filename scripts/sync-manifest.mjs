// Regenerates the rule-driven parts of package.json (the `pytestPatterns.rules` schema and the
// severity keys) and the README's rule table from the compiled rule registry. Run `npm run compile-tests` first.
// `--check` exits 1 when package.json is out of date (the unit suite runs the same comparison).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { manifestRuleSettings } = require(path.join(root, 'out/server/src/engine/rules/manifest.js'));
const { withRuleTable } = require(path.join(root, 'out/server/src/engine/rules/ruleTable.js'));

const file = path.join(root, 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
const properties = pkg.contributes.configuration.properties;
const wanted = manifestRuleSettings();
const readmeFile = path.join(root, 'README.md');
const readme = fs.readFileSync(readmeFile, 'utf8');
const readmeWanted = withRuleTable(readme);
const stale = Object.entries(wanted).some(([key, value]) => JSON.stringify(properties[key]) !== JSON.stringify(value));
if (process.argv.includes('--check')) {
  if (stale || readme !== readmeWanted) {
    console.error('package.json rule settings or the README rule table are out of date: run `npm run sync-manifest`.');
    process.exit(1);
  }
  process.exit(0);
}
Object.assign(properties, wanted);
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
fs.writeFileSync(readmeFile, readmeWanted);
console.log(stale || readme !== readmeWanted ? 'package.json / README.md updated' : 'already up to date');
