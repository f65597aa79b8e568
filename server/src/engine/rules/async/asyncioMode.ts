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
