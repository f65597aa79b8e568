import * as path from 'node:path';
import { stripHashComment } from './invocations';

/** A stretch of one line that a tool runs as a shell command. */
export interface CommandText {
  line: number;
  /** Column of `text`'s first character in the line. */
  column: number;
  text: string;
}

export type CommandFileKind = 'makefile' | 'justfile' | 'tox' | 'yaml';

export function commandFileKind(filePath: string): CommandFileKind | undefined {
  const base = path.basename(filePath);
  if (/^(?:GNUmakefile|[Mm]akefile)$/.test(base) || base.endsWith('.mk')) return 'makefile';
  if (/^\.?[Jj]ustfile$/.test(base)) return 'justfile';
  if (base === 'tox.ini') return 'tox';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  return undefined;
}

/** The parts of a Makefile, justfile, tox.ini or CI YAML file that are shell commands. */
export function commandTexts(kind: CommandFileKind, text: string): CommandText[] {
  const lines = text.split(/\r?\n/);
  switch (kind) {
    case 'makefile':
      return makefileCommands(lines);
    case 'justfile':
      return lines.flatMap((line, i) => (/^[ \t]+\S/.test(line) ? [part(i, line, /^[ \t]+[@-]*/.exec(line)![0].length)] : []));
    case 'tox':
      return toxCommands(lines);
    case 'yaml':
      return yamlCommands(lines);
  }
}

function part(line: number, text: string, column: number): CommandText {
  return { line, column, text: stripHashComment(text.slice(column)) };
}

function makefileCommands(lines: string[]): CommandText[] {
  const out: CommandText[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith('\t')) {
      out.push(part(i, line, /^\t[@+-]*/.exec(line)![0].length));
      return;
    }
    const variable = /^(?:export\s+)?[A-Za-z_][\w.]*\s*(?:[:+?!]|::)?=\s*/.exec(line);
    if (variable) {
      out.push(part(i, line, variable[0].length));
      return;
    }
    const inlineRecipe = /^[^#=\t][^#=]*?:[^=;]*;\s*/.exec(line);
    if (inlineRecipe) out.push(part(i, line, inlineRecipe[0].length));
  });
  return out;
}

/** `commands = …` (and `commands_pre`/`commands_post`) of `[testenv…]` sections, with continuation lines. */
function toxCommands(lines: string[]): CommandText[] {
  const out: CommandText[] = [];
  let section = '';
  let inCommands = false;
  lines.forEach((line, i) => {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1].trim();
      inCommands = false;
      return;
    }
    if (/^\s*[#;]/.test(line) || !section.startsWith('testenv')) return;
    const key = /^([\w.-]+)\s*[=:]\s*/.exec(line);
    if (key) {
      inCommands = /^commands(?:_pre|_post)?$/.test(key[1]);
      if (inCommands && key[0].length < line.length) out.push(part(i, line, key[0].length));
      return;
    }
    if (inCommands && /^\s+\S/.test(line)) out.push(part(i, line, /^\s+/.exec(line)![0].length));
    else if (line.trim() !== '') inCommands = false;
  });
  return out;
}

const YAML_COMMAND_KEY = /^(\s*)(?:-\s+)?(run|script|before_script|after_script|command|entrypoint):\s*(.*)$/;

/** Values of `run:` (GitHub) and `script:` / `before_script:` / `after_script:` (GitLab), inline or as blocks and lists. */
function yamlCommands(lines: string[]): CommandText[] {
  const out: CommandText[] = [];
  let blockIndent = -1;
  lines.forEach((line, i) => {
    const indent = /^\s*/.exec(line)![0].length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || /^\s*#/.test(line)) return; // blank and comment lines never end a block
      if (indent > blockIndent) {
        const item = /^\s*(?:-\s+)?/.exec(line)![0].length;
        out.push(part(i, line, item));
        return;
      }
      blockIndent = -1;
    }
    const key = YAML_COMMAND_KEY.exec(line);
    if (!key) return;
    const value = stripHashComment(key[3]).trim();
    const keyIndent = line.indexOf(key[2]);
    if (value === '' || /^[|>][+-]?\d*$/.test(value)) {
      blockIndent = keyIndent;
      return;
    }
    const valueColumn = line.indexOf(key[3], keyIndent + key[2].length);
    out.push(part(i, line, valueColumn));
  });
  return out;
}
