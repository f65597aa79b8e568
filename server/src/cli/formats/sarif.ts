import { RULES } from '../../engine/rules/registry';
import type { CliProblem } from './report';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0, as GitHub code scanning and other CI viewers read it. */
export function formatSarif(problems: CliProblem[], version: string): string {
  const used = new Set(problems.map((p) => p.code));
  const rules = RULES.filter((r) => used.has(r.meta.code)).map((r) => ({
    id: r.meta.code,
    name: r.meta.name,
    shortDescription: { text: r.meta.summary.replace(/`/g, '') },
    defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
  }));
  // Pseudo-rules for files that could not be checked.
  for (const code of used) {
    if (!rules.some((r) => r.id === code)) rules.push({ id: code, name: problems.find((p) => p.code === code)!.rule, shortDescription: { text: code }, defaultConfiguration: { level: 'error' } });
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'pytest-patterns', version, rules } },
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: rules.findIndex((r) => r.id === p.code),
          level: LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: p.file.split('\\').join('/') },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
