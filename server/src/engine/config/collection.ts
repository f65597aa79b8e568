import * as path from 'node:path';
import { matchesNamePattern, matchesPathPattern } from './fnmatch';

/** The subset of pytest's ini options that decides what pytest collects. Defaults are pytest's. */
export interface CollectionConfig {
  pythonFiles: string[];
  pythonClasses: string[];
  pythonFunctions: string[];
}

export const DEFAULT_COLLECTION: CollectionConfig = {
  pythonFiles: ['test_*.py', '*_test.py'],
  pythonClasses: ['Test'],
  pythonFunctions: ['test'],
};

export function fileKind(filePath: string, config: CollectionConfig): 'conftest' | 'test' | 'other' {
  if (path.basename(filePath) === 'conftest.py') return 'conftest';
  return config.pythonFiles.some((p) => matchesPathPattern(filePath, p)) ? 'test' : 'other';
}

export function isTestFunctionName(name: string, config: CollectionConfig): boolean {
  return matchesNamePattern(name, config.pythonFunctions);
}

export function isTestClassName(name: string, config: CollectionConfig): boolean {
  return matchesNamePattern(name, config.pythonClasses);
}
