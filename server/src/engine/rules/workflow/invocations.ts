/** A direct pytest/tox invocation inside one command line: columns are relative to the given text. */
export interface Invocation {
  start: number;
  end: number;
  command: string;
}

const PYTHON_MODULE = /(?:\S*python[\w.]*|\$\{[^}\s]*\}|\$\(\w+\)|\$\w+)\s+-m\s+pytest(?![\w.-])/g;
const PYTEST = /(?<![\w.$/-])(?:[\w.~${}()-]*\/)*(?:py\.test|pytest)(?![\w.-])/g;
const TOX = /(?<![\w.$/-])tox(?![\w.-])/g;
/** Segments that mention pytest without running it: installing, echoing, looking it up. */
const NOT_A_RUN = /^(?:echo|printf|which|command\s+-v|type|cat|grep|apt(?:-get)?|brew|cargo)\b|\b(?:install|add|uninstall|remove)\b/;

/**
 * Finds `pytest`, `python -m pytest`, `py.test` and `tox` runs in a shell command line. Lines that
 * run `cargo test` are left alone, as are segments (split on `&&`, `||`, `;`, `|`) that install,
 * echo or look the tool up.
 */
export function findInvocations(line: string): Invocation[] {
  if (/\bcargo\s+(?:test|nextest)\b/.test(line)) return [];
  const found: Invocation[] = [];
  const segment = /[^;&|]+/g;
  for (let m = segment.exec(line); m; m = segment.exec(line)) {
    const text = m[0];
    const leader = text.trimStart().replace(/^[@+-]+/, '').replace(/^(?:\w+=\S*\s+)+/, '');
    if (NOT_A_RUN.test(leader)) continue;
    const taken: [number, number][] = [];
    const add = (start: number, end: number) => {
      if (taken.some(([s, e]) => start < e && s < end)) return;
      taken.push([start, end]);
      found.push({ start: m!.index + start, end: m!.index + end, command: text.slice(start, end) });
    };
    for (const pattern of [PYTHON_MODULE, PYTEST, TOX]) {
      pattern.lastIndex = 0;
      for (let hit = pattern.exec(text); hit; hit = pattern.exec(text)) add(hit.index, hit.index + hit[0].length);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Removes a trailing `#` comment (outside quotes) by blanking it, keeping columns. */
export function stripHashComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}
