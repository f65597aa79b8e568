import * as ini from 'ini';

/**
 * Reads an INI file with the `ini` package. pytest (iniconfig) and setup.cfg (configparser) allow a
 * value to continue on indented lines, which `ini` does not know; those lines are folded into the
 * value first, joined by newlines exactly as Python returns them.
 */
export function parseIni(text: string, onlySection?: string): Record<string, Record<string, string>> {
  const folded: string[] = [];
  for (const line of onlySection === undefined ? text.split(/\r?\n/) : sectionLines(text, onlySection)) {
    const continues = /^[ \t]+\S/.test(line) && folded.length > 0 && !/^\s*[#;]/.test(line) && !/^\s*\[/.test(folded[folded.length - 1]);
    if (continues) folded[folded.length - 1] += `\\n${line.trim()}`;
    else folded.push(line);
  }
  const parsed = ini.parse(folded.join('\n')) as Record<string, unknown>;
  const sections: Record<string, Record<string, string>> = {};
  for (const [name, section] of Object.entries(parsed)) {
    if (typeof section !== 'object' || section === null) continue;
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(section as Record<string, unknown>)) {
      values[key.trim()] = String(value).split('\\n').join('\n').trim();
    }
    sections[name] = values;
  }
  return sections;
}

/**
 * The lines of one section (header included). setup.cfg and tox.ini hold other tools' sections with
 * syntax `ini` trips over (`package_dir =` continued by `= src`); pytest reads only its own section.
 */
function sectionLines(text: string, section: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `[${section}]`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^\[[^\]]+\]\s*$/.test(l));
  return lines.slice(start, end < 0 ? undefined : end);
}
