import type { Severity } from '../../engine/config/settings';

/** One problem as the CLI prints it: 1-based positions, the file as given. */
export interface CliProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  rule: string;
  severity: Severity;
  message: string;
}
