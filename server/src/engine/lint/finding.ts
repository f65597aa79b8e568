import type { Severity } from '../config/settings';
import type { Range } from '../text/positions';
import type { Fix } from '../rules/types';

/** One diagnostic as the engine reports it, before any face (LSP, CLI) formats it. */
export interface Finding {
  code: string;
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  tags: ('unnecessary' | 'deprecated')[];
}
