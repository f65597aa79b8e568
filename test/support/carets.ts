import type { Finding } from '../../server/src/engine/lint/finding';

/**
 * Expectations written under the code they describe, anycode-style:
 *
 *     def test_tokenize():
 *     #   ^^^^^^^^^^^^^ PP101
 *     import pdb
 *     # <- PP202            (a finding starting at column 0 of the line above)
 *
 * Stacked caret lines all refer to the nearest code line above them. Text after the code is a
 * substring the message must contain (optional): `#   ^^^ PP201 time.sleep`.
 */
export interface Expectation {
  code: string;
  line: number;
  start: number;
  /** Undefined for `# <-` markers, which check only the start. */
  end?: number;
  messagePart?: string;
}

const CARETS = /^(\s*)#(\s*)(\^+)\s+(PP\d{3})(?::?\s+(.*))?$/;
const ARROW = /^\s*#\s*<-\s+(PP\d{3})(?::?\s+(.*))?$/;

export function isExpectationLine(line: string): boolean {
  return CARETS.test(line) || ARROW.test(line);
}

export function parseExpectations(text: string): Expectation[] {
  const lines = text.split('\n');
  const expectations: Expectation[] = [];
  let codeLine = -1;
  lines.forEach((line, index) => {
    const caret = CARETS.exec(line);
    const arrow = caret ? null : ARROW.exec(line);
    if (!caret && !arrow) {
      codeLine = index;
      return;
    }
    if (codeLine < 0) throw new Error(`expectation on line ${index + 1} has no code line above it`);
    if (caret) {
      const start = caret[1].length + 1 + caret[2].length;
      expectations.push({ code: caret[4], line: codeLine, start, end: start + caret[3].length, messagePart: caret[5]?.trim() || undefined });
    } else if (arrow) {
      expectations.push({ code: arrow[1], line: codeLine, start: 0, messagePart: arrow[2]?.trim() || undefined });
    }
  });
  return expectations;
}

/** Human-readable differences between expected and actual findings for the given codes; empty when they agree. */
export function compareFindings(expected: Expectation[], findings: Finding[], codes: Set<string>): string[] {
  const actual = findings.filter((f) => codes.has(f.code));
  const problems: string[] = [];
  const unmatched = [...actual];
  for (const e of expected.filter((x) => codes.has(x.code))) {
    const index = unmatched.findIndex(
      (f) =>
        f.code === e.code &&
        f.range.start.line === e.line &&
        f.range.start.character === e.start &&
        (e.end === undefined || (f.range.end.line === e.line && f.range.end.character === e.end)),
    );
    if (index < 0) {
      problems.push(`missing ${e.code} at ${e.line + 1}:${e.start + 1}${e.end !== undefined ? `-${e.end + 1}` : ''}`);
      continue;
    }
    const [found] = unmatched.splice(index, 1);
    if (e.messagePart && !found.message.includes(e.messagePart)) {
      problems.push(`${e.code} at ${e.line + 1}:${e.start + 1}: message "${found.message}" lacks "${e.messagePart}"`);
    }
  }
  for (const f of unmatched) {
    problems.push(
      `unexpected ${f.code} at ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}: ${f.message}`,
    );
  }
  return problems;
}
