import type { CodeStyle } from './style';
import { pyString } from './style';

export interface Row {
  /** Each value's source text. */
  values: string[];
  id?: string;
  /** Written after the row as `# comment` (a merged test's docstring). */
  comment?: string;
}

/**
 * A `@pytest.mark.parametrize(...)` decorator, one row per line, in the file's style. Argnames are
 * a string for one name and a tuple of strings for several (flake8-pytest-style's defaults).
 */
export function parametrizeDecorator(names: string[], rows: Row[], indent: string, style: CodeStyle): string {
  const i1 = indent + style.indent;
  const i2 = i1 + style.indent;
  const argnames = names.length === 1 ? pyString(names[0], style) : `(${names.map((n) => pyString(n, style)).join(', ')})`;
  const rowText = (row: Row) => {
    if (row.id !== undefined) return `pytest.param(${row.values.join(', ')}, id=${pyString(row.id, style)})`;
    return names.length === 1 ? row.values[0] : `(${row.values.join(', ')})`;
  };
  return [
    `@pytest.mark.parametrize(`,
    `${i1}${argnames},`,
    `${i1}[`,
    ...rows.map((r) => `${i2}${rowText(r)},${r.comment ? `  # ${r.comment}` : ''}`),
    `${i1}],`,
    `${indent})`,
  ].join(style.eol);
}
