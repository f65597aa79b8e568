import type { PytestConfig } from '../../config/pytestConfig';
import { conftestTexts } from '../support/conftestChain';

/** conftest.py code that runs coroutine tests itself or marks them for pytest-asyncio. */
const RUNS_COROUTINES =
  /def\s+pytest_pyfunc_call\b|add_marker\(\s*(?:["']asyncio["']|pytest\.mark\.asyncio)|pytest_plugins\s*=[^\n]*\b(?:anyio|trio)\b/;

/**
 * Whether the project runs async tests without pytest-asyncio markers: a conftest.py from the
 * file's folder up to the rootdir implements `pytest_pyfunc_call`, adds the asyncio marker at
 * collection, or loads anyio/trio; or `addopts` loads a trio/anyio plugin with `-p`.
 */
export function projectRunsCoroutines(filePath: string, config: PytestConfig): boolean {
  const addopts = Array.isArray(config.options.addopts) ? config.options.addopts.join(' ') : config.options.addopts ?? '';
  if (/-p\s*\S*(?:trio|anyio)/.test(addopts)) return true;
  return conftestTexts(filePath, config).some((text) => RUNS_COROUTINES.test(text));
}
