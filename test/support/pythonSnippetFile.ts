/**
 * Turns an expanded Python snippet into a whole module that can be parsed and linted the way a user
 * would have it: fragments (decorators, with-blocks) are placed into a minimal conforming test and
 * the imports the snippet's names need are added on top.
 */

export type Placement = 'file' | 'module' | 'decorator' | 'statement';

export interface SnippetModule {
  placement: Placement;
  /** `conftest.py` for the conftest skeleton, `test_snippet.py` otherwise. */
  fileName: string;
  text: string;
}

// Name used in the snippet → the import line that provides it (only those used are added).
const IMPORTS: [RegExp, string][] = [
  [/\basyncio\./, 'import asyncio'],
  [/\blogging\./, 'import logging'],
  [/\bos\./, 'import os'],
  [/\bsys\./, 'import sys'],
  [/\bwarnings\./, 'import warnings'],
  [/\bdatetime\b/, 'from datetime import datetime'],
  [/\bPath\b/, 'from pathlib import Path'],
  [/\bAsyncIterator\b/, 'from collections.abc import AsyncIterator'],
  [/\bCallable\b/, 'from collections.abc import Callable'],
  [/\bIterator\b/, 'from collections.abc import Iterator'],
  [/\bAsyncMock\b/, 'from unittest.mock import AsyncMock'],
  [/\bpatch\(/, 'from unittest.mock import patch'],
  [/\bpytest\./, 'import pytest'],
  [/\bpytest_asyncio\./, 'import pytest_asyncio'],
  [/\bfreeze_time\b/, 'from freezegun import freeze_time'],
  [/\bgiven\(/, 'from hypothesis import given'],
  [/\bst\./, 'from hypothesis import strategies as st'],
  [/\bMockerFixture\b/, 'from pytest_mock import MockerFixture'],
];

/** Where a snippet goes: a whole file, module level, above a test, or inside a test body. */
export function placementOf(expanded: string): Placement {
  const lines = expanded.split('\n').filter((line) => line.trim() !== '');
  if (lines[0].startsWith('"""')) return 'file';
  if (lines.every((line) => line.startsWith('@'))) return 'decorator';
  if (/^(@|def |async def |class )/.test(lines[0])) return 'module';
  return 'statement';
}

export function snippetModule(snippetName: string, expanded: string): SnippetModule {
  const placement = placementOf(expanded);
  const fileName = /conftest/i.test(snippetName) ? 'conftest.py' : 'test_snippet.py';
  if (placement === 'file') return { placement, fileName, text: ensureFinalNewline(expanded) };

  let code: string;
  if (placement === 'module') code = expanded;
  else if (placement === 'decorator') code = `${expanded}\n${hostTest('decorated', 'The snippet decorates this test.', [])}`;
  else code = hostTest('holds_snippet', 'The snippet runs inside this test.', expanded.split('\n'));

  const imports = IMPORTS.filter(([uses]) => uses.test(code)).map(([, line]) => line);
  const header = ['"""Module the snippet test lints."""', '', 'from __future__ import annotations', '', ...imports];
  return { placement, fileName, text: ensureFinalNewline(`${header.join('\n')}\n\n\n${code}`) };
}

/** A minimal test that follows the conventions itself, so only the snippet can produce findings. */
function hostTest(condition: string, docstring: string, bodyLines: string[]): string {
  const body = bodyLines.length > 0 ? bodyLines : ['assert sum([1, 1]) == 2'];
  return [
    `def test_snippet__${condition}__then_passes() -> None:`,
    `    """${docstring}"""`,
    ...body.map((line) => (line === '' ? '' : `    ${line}`)),
  ].join('\n');
}

function ensureFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
