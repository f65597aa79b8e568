import { RULES } from '../../engine/rules/registry';
import { parseArgs } from '../args';
import type { CliIO } from '../io';
import { EXIT, UsageError } from '../io';

/** `pytest-patterns rules [--format text|json]`: the rule catalog. */
export async function rulesCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['format']);
  const format = args.options.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (use text, json)`);
  const catalog = RULES.map((r) => ({
    code: r.meta.code,
    name: r.meta.name,
    severity: r.meta.defaultSeverity,
    enabled: r.meta.defaultEnabled,
    fixable: r.meta.fixable,
    summary: r.meta.summary,
    options: Object.fromEntries(Object.entries(r.meta.options).map(([k, o]) => [k, o.default])),
  }));
  if (format === 'json') {
    io.stdout.write(JSON.stringify(catalog, null, 2) + '\n');
    return EXIT.clean;
  }
  for (const r of catalog) {
    const flags = [r.severity, r.enabled ? 'on' : 'off by default', r.fixable ? 'fix' : ''].filter(Boolean).join(', ');
    io.stdout.write(`${r.code}  ${r.name.padEnd(34)} ${r.summary.replace(/`/g, '')} (${flags})\n`);
  }
  return EXIT.clean;
}
