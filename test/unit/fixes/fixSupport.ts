import type { Finding } from '../../../server/src/engine/lint/finding';
import { lintSource } from '../../../server/src/engine/lint/linter';
import type { Fix } from '../../../server/src/engine/rules/types';
import { applyEdits } from '../../../server/src/engine/text/positions';
import { repoPath } from '../../support/paths';

/** A path inside the repository (no pytest config on the way up), named like a test module. */
export const TEST_FILE = repoPath('test', 'fixtures', 'fix-input', 'test_fix_input.py');

export async function findingsOf(code: string, text: string, filePath = TEST_FILE): Promise<Finding[]> {
  const findings = await lintSource(text, filePath, { editorSettings: { select: ['PP', code] } });
  return findings.filter((f) => f.code === code);
}

/** Lints `text`, takes the first fix of the `index`-th finding of `code`, and applies it. */
export async function applyFirstFix(code: string, text: string, index = 0): Promise<{ fix: Fix; output: string }> {
  const findings = await findingsOf(code, text);
  const finding = findings[index];
  if (!finding) throw new Error(`no ${code} finding #${index} in:\n${text}`);
  const fix = finding.fixes[0];
  if (!fix) throw new Error(`${code} finding #${index} has no fix: ${finding.message}`);
  return { fix, output: applyEdits(text, fix.edits) };
}
