import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { Range } from '../text/positions';

/**
 * The pytest model of one Python file. Nodes point into the syntax tree the model was built from
 * and are valid only while that tree lives (rules run inside that window).
 */
export interface PytestFile {
  /** Absolute path (or the path given) of the file. */
  path: string;
  /** `conftest.py`, a file matching `python_files`, or anything else. */
  kind: 'conftest' | 'test' | 'other';
  root: SyntaxNode;
  /** Module-level test functions that pytest collects. */
  tests: TestFunction[];
  /** Classes pytest collects (including those it will refuse because of `__init__`). */
  classes: TestClass[];
  /** Every fixture: module level and inside classes. */
  fixtures: Fixture[];
  /** Module-level `pytestmark` markers. */
  markers: Marker[];
  imports: ImportedName[];
  /** `pytest_plugins = [...]` string entries. */
  pytestPlugins: string[];
  /** Every function definition in the file, by name, module level only (helpers, fixtures, tests). */
  moduleFunctions: Map<string, SyntaxNode>;
  /** True when tree-sitter found syntax errors. */
  hasSyntaxErrors: boolean;
}

export interface Decorated {
  /** The `function_definition` node. */
  node: SyntaxNode;
  /** The `decorated_definition` node when decorated, else the function node itself. */
  outer: SyntaxNode;
  name: string;
  nameRange: Range;
  isAsync: boolean;
  params: Parameter[];
  decorators: Decorator[];
  body: SyntaxNode;
  docstring?: string;
  /** The enclosing class, for methods. */
  className?: string;
}

export interface TestFunction extends Decorated {
  /** Markers on the function (not inherited ones; see `effectiveMarkers`). */
  markers: Marker[];
  parametrize: Parametrize[];
}

export interface Fixture extends Decorated {
  /** The name tests request: `name=` of the decorator, else the function name. */
  fixtureName: string;
  scope: FixtureScope;
  /** The scope expression when it is not a literal (a callable), so rules can stay quiet. */
  dynamicScope: boolean;
  autouse: boolean;
  /** The body contains `yield` (generator fixture with teardown). */
  isYield: boolean;
  /** The `@pytest.fixture` / `@pytest_asyncio.fixture` decorator. */
  decorator: Decorator;
  /** `pytest_asyncio.fixture` rather than `pytest.fixture`. */
  isAsyncioFixture: boolean;
}

export type FixtureScope = 'function' | 'class' | 'module' | 'package' | 'session';

export interface TestClass {
  node: SyntaxNode;
  outer: SyntaxNode;
  name: string;
  nameRange: Range;
  /** Name matches `python_classes`. */
  collected: boolean;
  hasInit: boolean;
  markers: Marker[];
  tests: TestFunction[];
  fixtures: Fixture[];
  /** All methods by name, collected or not. */
  methods: Decorated[];
  /** Names of the classes it inherits from, as written. */
  bases: string[];
  /** Nested test classes. */
  classes: TestClass[];
}

export interface Parameter {
  name: string;
  range: Range;
  hasDefault: boolean;
  hasType: boolean;
  /** `*args` / `**kwargs`. */
  variadic: boolean;
  /** positional-only or keyword-only markers are skipped; `self`/`cls` included as written. */
  node: SyntaxNode;
}

export interface Decorator {
  node: SyntaxNode;
  /** The dotted callee, e.g. `pytest.mark.parametrize`, `pytest.fixture`, `patch`. */
  callee: string;
  /** The call's argument list when the decorator is a call. */
  args?: SyntaxNode;
  range: Range;
}

export interface Marker {
  /** Marker name: `slow` for `@pytest.mark.slow`. */
  name: string;
  node: SyntaxNode;
  args?: SyntaxNode;
  range: Range;
}

export interface Parametrize {
  decorator: Decorator;
  /** Names as written (`"a,b"`, `"a, b"`, `["a", "b"]` all give `["a","b"]`); undefined if not literal. */
  argnames?: string[];
  argnamesNode?: SyntaxNode;
  /** The rows when the argvalues are a literal list/tuple; undefined otherwise. */
  rows?: ParamRow[];
  argvaluesNode?: SyntaxNode;
  /** The `ids=` argument node when present. */
  idsNode?: SyntaxNode;
  /** Literal ids (null entries for non-literal/None). */
  ids?: (string | null)[];
  indirect: boolean;
}

export interface ParamRow {
  node: SyntaxNode;
  /** The row's values: the tuple's elements, or the single value when one argname. */
  values: SyntaxNode[];
  /** `pytest.param(..., id="x")`. */
  isPytestParam: boolean;
  id?: string;
  /** Marker names from `pytest.param(..., marks=...)`. */
  marks: string[];
}

export interface ImportedName {
  /** The module imported from, e.g. `time` for `from time import sleep` or `import time`. */
  module: string;
  /** The imported name (`sleep`), or undefined for `import module`. */
  name?: string;
  /** The local binding (`sleep`, alias, or the module's top name for `import a.b`). */
  local: string;
  node: SyntaxNode;
}
