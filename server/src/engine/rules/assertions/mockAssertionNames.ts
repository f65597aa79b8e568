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

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

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
