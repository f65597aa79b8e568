/**
 * Expands VS Code snippet syntax the way the editor does when the user accepts every default:
 * each placeholder becomes its default text, mirrors (`$1` after `${1:x}`) repeat it, a choice
 * takes its first option, and `\$`, `\}`, `\\` become literal characters. Variables and
 * transforms are rejected, so a snippet that uses one cannot pass the snippet test unnoticed.
 */

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[]; choice?: string };

export function expandSnippet(body: string): string {
  const nodes = new SnippetParser(body).parseUntil(undefined);
  const defaults = new Map<number, string>();
  collectDefaults(nodes, defaults);
  return render(nodes, defaults);
}

function collectDefaults(nodes: SnippetNode[], defaults: Map<number, string>): void {
  for (const node of nodes) {
    if (node.kind !== 'tabstop') continue;
    if (node.children) collectDefaults(node.children, defaults);
    const value = node.choice ?? (node.children ? render(node.children, defaults) : undefined);
    if (value !== undefined && !defaults.has(node.index)) defaults.set(node.index, value);
  }
}

function render(nodes: SnippetNode[], defaults: Map<number, string>): string {
  return nodes
    .map((node) => {
      if (node.kind === 'text') return node.value;
      if (node.choice !== undefined) return node.choice;
      if (node.children) return render(node.children, defaults);
      return defaults.get(node.index) ?? '';
    })
    .join('');
}

class SnippetParser {
  private pos = 0;

  constructor(private readonly source: string) {}

  /** Parses until `stop` (a `}` closing the enclosing placeholder) or the end of input. */
  parseUntil(stop: '}' | undefined): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.source.length) {
      const ch = this.source[this.pos];
      if (ch === '\\' && '$}\\'.includes(this.source[this.pos + 1] ?? '')) {
        text += this.source[this.pos + 1];
        this.pos += 2;
      } else if (ch === '}' && stop === '}') {
        this.pos++;
        flush();
        return nodes;
      } else if (ch === '$' && /[0-9{A-Za-z_]/.test(this.source[this.pos + 1] ?? '')) {
        flush();
        nodes.push(this.parseDollar());
      } else {
        text += ch;
        this.pos++;
      }
    }
    if (stop) throw new Error(`unclosed placeholder in snippet: ${this.source}`);
    flush();
    return nodes;
  }

  private parseDollar(): SnippetNode {
    this.pos++; // `$`
    const simple = /^[0-9]+/.exec(this.source.slice(this.pos));
    if (simple) {
      this.pos += simple[0].length;
      return { kind: 'tabstop', index: Number(simple[0]) };
    }
    if (this.source[this.pos] !== '{') throw new Error(`snippet variables are not supported: ${this.context()}`);
    this.pos++; // `{`
    const index = /^[0-9]+/.exec(this.source.slice(this.pos));
    if (!index) throw new Error(`snippet variables are not supported: ${this.context()}`);
    this.pos += index[0].length;
    const next = this.source[this.pos];
    if (next === '}') {
      this.pos++;
      return { kind: 'tabstop', index: Number(index[0]) };
    }
    if (next === ':') {
      this.pos++;
      return { kind: 'tabstop', index: Number(index[0]), children: this.parseUntil('}') };
    }
    if (next === '|') {
      const end = this.source.indexOf('|}', this.pos + 1);
      if (end < 0) throw new Error(`unclosed choice: ${this.context()}`);
      const options = this.source.slice(this.pos + 1, end).split(',');
      this.pos = end + 2;
      return { kind: 'tabstop', index: Number(index[0]), choice: options[0] };
    }
    throw new Error(`unsupported snippet syntax (transform?): ${this.context()}`);
  }

  private context(): string {
    return JSON.stringify(this.source.slice(Math.max(0, this.pos - 20), this.pos + 20));
  }
}
