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
  /** A test module beside a whole-file snippet (conftest) that requests its fixture. */
  companion?: { fileName: string; text: string };
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

export function snippetModule(snippetName: string, expanded: string, options: { requestFixtures?: boolean } = {}): SnippetModule {
  const placement = placementOf(expanded);
  const fileName = /conftest/i.test(snippetName) ? 'conftest.py' : 'test_snippet.py';
  const requester = options.requestFixtures === false ? undefined : requesterFor(expanded);
  if (placement === 'file') {
    const companion = requester ? { fileName: 'test_uses_snippet.py', text: withHeader(requester) } : undefined;
    return { placement, fileName, text: ensureFinalNewline(expanded), companion };
  }

  let code: string;
  if (placement === 'module') code = expanded;
  else if (placement === 'decorator') code = `${expanded}\n${hostTest('decorated', 'The snippet decorates this test.', [])}`;
  else code = hostTest('holds_snippet', 'The snippet runs inside this test.', expanded.split('\n'));
  if (requester) code = `${code}\n\n\n${requester}`;
  return { placement, fileName, text: withHeader(code) };
}

/** The module around `code`: docstring, `from __future__`, and the imports its names need. */
function withHeader(code: string): string {
  const imports = IMPORTS.filter(([uses]) => uses.test(code)).map(([, line]) => line);
  const header = ['"""Module the snippet test lints."""', '', 'from __future__ import annotations', '', ...imports];
  return ensureFinalNewline(`${header.join('\n')}\n\n\n${code}`);
}

/**
 * A test requesting the fixture a snippet defines, as the user's test would: without it the fixture
 * is (rightly) reported as unused. Async fixtures are requested by an async test.
 */
export function requesterFor(expanded: string): string | undefined {
  const fixture = /@pytest(?:_asyncio)?\.fixture[^\n]*\n(async )?def (\w+)\([^)]*\) -> ([^:\n]+):/.exec(expanded);
  if (!fixture) return undefined;
  const [, isAsync, name, returns] = fixture;
  const generated = /^(?:Async)?(?:Iterator|Generator)\[(.+?)(?:, None, None)?\]$/.exec(returns.trim());
  const type = generated ? generated[1] : returns.trim();
  return [
    ...(isAsync ? ['@pytest.mark.asyncio'] : []),
    `${isAsync ?? ''}def test_${name}__requested__then_provided(${name}: ${type}) -> None:`,
    '    """Requests the fixture the snippet defines."""',
    `    assert ${name} is not None`,
  ].join('\n');
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
