import type { PytestConfig } from '../../config/pytestConfig';
import type { PytestFile } from '../../model/types';
import { importsModule } from '../support/qualifiedName';

/**
 * pytest-asyncio's mode: `asyncio_mode` from the ini file, or `--asyncio-mode` in `addopts`;
 * strict (its default) when neither says.
 */
export function asyncioMode(config: PytestConfig): 'strict' | 'auto' {
  if (config.asyncioMode) return config.asyncioMode;
  const addopts = config.options.addopts;
  const text = Array.isArray(addopts) ? addopts.join(' ') : addopts ?? '';
  return /--asyncio-mode[= ]auto\b/.test(text) ? 'auto' : 'strict';
}

/** Files written for trio or anyio run their coroutines through those plugins, not pytest-asyncio. */
export function usesOtherAsyncFramework(file: PytestFile, config: PytestConfig): boolean {
  if (importsModule(file, 'trio') || importsModule(file, 'anyio')) return true;
  const trioMode = config.options.trio_mode;
  return typeof trioMode === 'string' && /^(true|1|yes)$/i.test(trioMode.trim());
}

export const ASYNC_RUNNER_MARKERS = new Set(['asyncio', 'anyio', 'trio']);

/**
 * The file hands async code to anyio or trio somewhere (an `anyio`/`trio` marker, an
 * `anyio_backend` fixture): their plugins also run async fixtures declared with `@pytest.fixture`.
 */
export function marksOtherAsyncRunner(file: PytestFile): boolean {
  if (file.fixtures.some((f) => f.fixtureName === 'anyio_backend')) return true;
  return /\bpytest\.mark\.(?:anyio|trio)\b|\bmark\.(?:anyio|trio)\b/.test(file.root.text);
}
