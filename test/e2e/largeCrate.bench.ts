// The editor benchmark (`npm run bench:editor`, never part of `npm test`): what building and
// updating the Test Explorer's items costs in the real extension host on a large crate, 200 modules
// of 5 tests with 60 cases each (61,200 items). Loaded only when PYTEST_PATTERNS_E2E_BENCH names the
// file to write the measurements to; the default slices of time apply (no test knob).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { eventShows, fileRebuilt, PYTEST_HARNESS, pytestCrateManifest, scratchCrate, testingApi } from './helpers';
import type { DiscoveryStats, TestingApi } from '../../src/testing';

const CRATE = 'large_crate';
const MODULES = 200;
const TESTS_PER_MODULE = 5;
const CASES_PER_TEST = 60;
const CONFTEST = 'python/tests/conftest.py';

function moduleSource(index: number): string {
  const lines = [`"""Generated module ${index} of the editor benchmark."""`, '', 'import pytest', ''];
  for (let test = 0; test < TESTS_PER_MODULE; test++) {
    lines.push('', `@pytest.mark.parametrize("value", list(range(${CASES_PER_TEST})))`, `def test_unit${test}__value_${index}__then_not_negative(value: int) -> None:`, '    """One generated case."""', '    assert value >= 0', '');
  }
  return lines.join('\n');
}

suite('editor benchmark: a large crate', () => {
  let api: TestingApi;
  const { at, dir: crateDir, item: crateItem } = scratchCrate(CRATE, () => api.controller);
  const stats = async (): Promise<DiscoveryStats> => (await api.discoveryStats()).find((s) => s.crateDir === crateDir())!;

  /** Adds a comment line to the crate's conftest.py in the editor and saves: a rebuild of the crate. */
  async function touchConftest(tag: string): Promise<void> {
    const uri = vscode.Uri.file(at(CONFTEST));
    const document = await vscode.workspace.openTextDocument(uri);
    const rebuilt = fileRebuilt(api, CONFTEST);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), `# ${tag}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await document.save();
    await rebuilt;
  }

  suiteTeardown(async () => {
    if (!api) return;
    const gone = eventShows(api.onDidChangeRoots, () => crateItem() === undefined, 'the benchmark crate leaves the tree');
    fs.rmSync(crateDir(), { recursive: true, force: true });
    await gone;
  });

  test('first listing, rebuilds, a Refresh and the rebuild after it', async function () {
    this.timeout(15 * 60_000);
    api = await testingApi<TestingApi>();
    await api.discover();
    const found = eventShows(api.onDidChangeRoots, () => crateItem() !== undefined, 'the benchmark crate is found: not within 30 s');
    fs.mkdirSync(at('python/tests'), { recursive: true });
    fs.mkdirSync(at('tests'));
    fs.writeFileSync(at('tests/python.rs'), PYTEST_HARNESS);
    fs.writeFileSync(at('pytest.ini'), '[pytest]\n');
    for (let index = 0; index < MODULES; index++) fs.writeFileSync(at(`python/tests/test_generated_${index}.py`), moduleSource(index));
    fs.writeFileSync(at(CONFTEST), '"""Fixtures of the generated crate (none)."""\n');
    fs.writeFileSync(at('Cargo.toml'), pytestCrateManifest(CRATE));
    await found;

    const steps: Record<string, unknown>[] = [];
    let started = Date.now();
    await api.discover();
    const first = await stats();
    steps.push({ step: 'first listing (cold, no cache)', wallMs: Date.now() - started, ...first });
    assert.equal(first.items, MODULES * (1 + TESTS_PER_MODULE * (1 + CASES_PER_TEST)), 'every module, test and case is an item');

    started = Date.now();
    await touchConftest('no module changes');
    const unchanged = await stats();
    steps.push({ step: 'rebuild after a conftest.py edit that changes no module', wallMs: Date.now() - started, ...unchanged });
    assert.equal(unchanged.rebuiltModules, 0, 'no module was built again');

    started = Date.now();
    await api.refresh();
    steps.push({ step: 'Refresh (collection through cargo, applied)', wallMs: Date.now() - started, ...(await stats()) });

    started = Date.now();
    await touchConftest('after the collection');
    steps.push({ step: 'rebuild after the collection (every module has collected cases now)', wallMs: Date.now() - started, ...(await stats()) });

    started = Date.now();
    await touchConftest('again');
    steps.push({ step: 'rebuild again (no module changes)', wallMs: Date.now() - started, ...(await stats()) });

    fs.writeFileSync(process.env.PYTEST_PATTERNS_E2E_BENCH!, JSON.stringify(steps, null, 1));
  });
});
