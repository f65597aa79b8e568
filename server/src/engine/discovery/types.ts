// The static test tree: what the Test Explorer shows and `pytest-patterns discover` prints.

import type { Range } from '../text/positions';

export type DiscoveredKind = 'module' | 'class' | 'function' | 'case';

export interface DiscoveredItem {
  kind: DiscoveredKind;
  /** pytest's node id: `path/from/rootdir.py::Class::test_name[case-id]`. */
  nodeid: string;
  /** Label: the file's base name, the class or function name, or the case id. */
  name: string;
  /** Absolute path of the file. */
  file: string;
  /** 0-based, UTF-16 (the `def`/`class` statement, or the case's row when it has one). */
  range?: Range;
  /** Marker names that apply (own, class, module and `pytest.param(marks=)`). */
  tags: string[];
  children: DiscoveredItem[];
  /** Cases whose values are computed at run time: only a cargo collection knows them. */
  dynamic?: boolean;
  /** false when the id is a best guess (it depends on code we do not run). */
  exact?: boolean;
  /** With `exact` false: the values are known, only pytest's duplicate suffix (`1.0_1`) may differ. */
  suffixOnly?: boolean;
  /** Defined under an `if` (here or in an enclosing class): pytest collects it only when that branch runs. */
  conditional?: boolean;
  /**
   * A module or class pytest fails to collect, or a file static discovery could not read (the
   * message says why). One pytest rejects for what its tests do lists none of them; a module under
   * a conftest.py tree-sitter cannot parse keeps them (tree-sitter may reject syntax Python takes).
   */
  error?: string;
  /** A class with a base computed at run time (`class TestX(make_base())`): pytest may collect more tests in it. */
  inheritsComputedBase?: true;
  /** A class with a custom metaclass, which may add, rename or remove its tests (libcst's `test_x` → `test_x_0`…). */
  rewrittenByMetaclass?: true;
  /** Set (ms since the epoch) when the cases come from pytest's last collection, not from the source. */
  collectedAt?: number;
}

export interface DiscoveredModule extends DiscoveredItem {
  kind: 'module';
  /** tree-sitter found syntax errors: pytest will fail to import the file. */
  hasSyntaxErrors: boolean;
  /** Code outside function bodies may create tests on import (`globals()[…] =`, `exec`): pytest may collect more. */
  runtimeTests?: true;
  /**
   * Its top-level code skips it on import (`pytest.skip(reason, allow_module_level=True)`): pytest
   * collects none of its tests. The reason, as written.
   */
  skippedOnImport?: string;
  /** A module-level skip under an `if` (or in a `try`, loop, class body): pytest may collect none of its tests. */
  mayBeSkippedOnImport?: true;
  /**
   * Strict markers are on and its tests carry marks neither the config nor a conftest.py registers:
   * pytest refuses the module at the first one ("'nightly' not found in `markers` configuration
   * option") unless an installed plugin registers it. The marks, sorted.
   */
  unregisteredMarks?: string[];
  /** Such a module, skipped on import in pytest's last collection (when, ms since the epoch): its tests are hidden. */
  skippedAtLastCollection?: number;
  /**
   * A file static discovery does not read but pytest collected tests from (a conftest.py's
   * `pytest_collect_file`, a plugin): its tests are what the last collection found.
   */
  collectedOnly?: true;
  /** Not a test module: listed for its doctests (`--doctest-modules`) only. */
  doctestsOnly?: true;
  /** With `recordDependencies`: every file the module was built from, with its stamp (`mtimeMs:size`, '' when absent). */
  dependencies?: [file: string, stamp: string][];
}

/** One line of `pytest-patterns discover --format json`. */
export interface DiscoveredTest {
  nodeid: string;
  file: string;
  /** 1-based line. */
  line: number;
  kind: DiscoveredKind;
  /** A function whose cases are computed at run time (pytest's collection lists them). */
  dynamic?: true;
  /** The id is a best guess: it depends on code static discovery does not run. */
  guessed?: true;
  /** Defined under an `if`: pytest collects it only when that branch runs on import. */
  conditional?: true;
}
