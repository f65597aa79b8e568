// Static ids against the real pytest on randomly combined parametrize shapes and fixture graphs
// (fixed seeds, so a failure reproduces): every function whose ids discovery claims as certain
// must have exactly pytest's ids (in pytest's order, but where scoped fixtures let pytest reorder
// a function's cases); the uncertain ones are only counted.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DiscoveredItem, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTrees } from '../../support/fileTree';
import { pytestNodeIds } from './pytestSuite';
import { randomFixtureFiles, randomShapeFiles } from './randomShapes';

const SEEDS = [1, 2];
const FILES = 40;
const FUNCTIONS_PER_FILE = 3;
// Seeds whose graphs hold chains pytest 8 and 9 order differently (5, 8) and fixtures wrapping the ones they override (5, 7).
const FIXTURE_SEEDS = [5, 7, 8];
const FIXTURE_FILES = 20;

interface Checked {
  functions: number;
  uncertain: number;
  mismatched: { nodeid: string; ours: string[]; pytest: string[] }[];
}

/** Functions under an `if`, dynamic, or with a guessed id: what discovery does not claim. */
function isUncertain(fn: DiscoveredItem, underIf: boolean): boolean {
  return underIf || fn.conditional === true || fn.dynamic === true || fn.exact === false || fn.children.some((c) => c.exact === false);
}

/** `inOrder` false: the same ids in any order (pytest groups cases by higher-scoped fixture params). */
function compare(root: string, parser: Parser, inOrder = true): Checked {
  const { ids, output } = pytestNodeIds(root);
  assert.doesNotMatch(output, /\d+ errors? in|Interrupted/, `the generated suite should collect without errors:\n${output}`);
  const byFunction = new Map<string, string[]>();
  for (const id of ids) {
    const fn = id.replace(/\[.*$/s, '');
    byFunction.set(fn, [...(byFunction.get(fn) ?? []), id]);
  }
  const checked: Checked = { functions: 0, uncertain: 0, mismatched: [] };
  const visit = (item: DiscoveredItem, underIf: boolean): void => {
    if (item.kind === 'function') {
      if (isUncertain(item, underIf)) checked.uncertain++;
      else {
        checked.functions++;
        const ours = item.children.length > 0 ? item.children.map((c) => c.nodeid) : [item.nodeid];
        const theirs = byFunction.get(item.nodeid) ?? [];
        const same = inOrder ? JSON.stringify(ours) === JSON.stringify(theirs) : JSON.stringify([...ours].sort()) === JSON.stringify([...theirs].sort());
        if (!same) checked.mismatched.push({ nodeid: item.nodeid, ours, pytest: theirs });
      }
    }
    item.children.forEach((child) => visit(child, underIf || item.conditional === true));
  };
  new StaticDiscovery(parser, root).discoverAll().forEach((module) => visit(module, false));
  return checked;
}

describe('static ids against pytest on random parametrize shapes', () => {
  const { parser, tree } = parserAndTrees('pytest-patterns-random-');

  for (const seed of SEEDS) {
    it(`seed ${seed}: every id claimed certain is pytest's, in pytest's order`, () => {
      const files: Record<string, string> = { 'pytest.ini': '[pytest]\nmarkers =\n    slow: slow\n' };
      randomShapeFiles(seed, FILES, FUNCTIONS_PER_FILE).forEach((text, index) => (files[`test_random${index}.py`] = text));
      const checked = compare(tree(files), parser());
      assert.deepEqual(checked.mismatched, []);
      // Most functions must be claimed: a discovery that flags everything would pass the line above.
      const total = checked.functions + checked.uncertain;
      assert.ok(total >= FILES * FUNCTIONS_PER_FILE - 5, `functions discovered: ${total}`);
      assert.ok(checked.functions >= 0.6 * total, `only ${checked.functions} of ${total} functions claimed certain`);
    });
  }

  for (const seed of FIXTURE_SEEDS) {
    it(`fixture graph seed ${seed}: every id claimed certain is pytest's`, () => {
      const { conftest, modules } = randomFixtureFiles(seed, FIXTURE_FILES);
      const files: Record<string, string> = { 'conftest.py': conftest };
      modules.forEach((text, index) => (files[`test_graph${index}.py`] = text));
      const checked = compare(tree(files), parser(), false);
      assert.deepEqual(checked.mismatched, []);
      const total = checked.functions + checked.uncertain;
      assert.equal(total, FIXTURE_FILES * 4, 'every generated test is discovered');
      assert.ok(checked.functions >= 0.5 * total, `only ${checked.functions} of ${total} functions claimed certain`);
    });
  }
});
