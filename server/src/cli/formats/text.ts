import type { CliProblem } from './report';

export function formatText(problems: CliProblem[], fileCount: number): string {
  const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.code} ${p.message} [${p.rule}]`);
  const files = new Set(problems.map((p) => p.file)).size;
  lines.push(
    problems.length === 0
      ? `All checks passed (${fileCount} file${fileCount === 1 ? '' : 's'} checked).`
      : `Found ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${fileCount} checked).`,
  );
  return lines.join('\n') + '\n';
}
