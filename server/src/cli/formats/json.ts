import type { CliProblem } from './report';

export function formatJson(problems: CliProblem[]): string {
  return JSON.stringify(problems, null, 2) + '\n';
}
