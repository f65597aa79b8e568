import { editDistance } from '../support/editDistance';

/** The assertion methods `unittest.mock.Mock` / `AsyncMock` really have. */
export const MOCK_ASSERTIONS = [
  'assert_called', 'assert_called_once', 'assert_called_with', 'assert_called_once_with', 'assert_any_call',
  'assert_has_calls', 'assert_not_called', 'assert_awaited', 'assert_awaited_once', 'assert_awaited_with',
  'assert_awaited_once_with', 'assert_any_await', 'assert_has_awaits', 'assert_not_awaited',
] as const;

/**
 * Names that read like a mock assertion but are just auto-created child mocks: calling one returns a
 * new (truthy) Mock and checks nothing. `called` / `awaited` are left out: they are real attributes.
 */
export const PSEUDO_ASSERTIONS: ReadonlyMap<string, string> = new Map(
  MOCK_ASSERTIONS.map((name) => [name.slice('assert_'.length), name] as const).filter(([bare]) => bare !== 'called' && bare !== 'awaited'),
);

/**
 * The known assertions a misspelt name is closest to (within 1 edit, or 2 for names of 16+ characters), nearest
 * first; empty when the name is a real assertion or nothing is close.
 */
export function nearestAssertions(name: string): string[] {
  if ((MOCK_ASSERTIONS as readonly string[]).includes(name)) return [];
  const limit = name.length >= 16 ? 2 : 1;
  const scored = MOCK_ASSERTIONS.map((known) => ({ known, distance: editDistance(name, known) })).filter((s) => s.distance <= limit);
  const best = Math.min(...scored.map((s) => s.distance));
  return scored.filter((s) => s.distance === best).map((s) => s.known);
}
