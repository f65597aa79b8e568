export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export type RuleOptions = Record<string, unknown>;

/**
 * Lint settings, from the editor (`pytestPatterns.*`) and from `[tool.pytest-patterns]` in
 * pyproject.toml. Defaults are declared here once; a test keeps package.json in step with them.
 */
export interface LintSettings {
  enable: boolean;
  /** Codes or prefixes (`PP2`) or rule names to enable. Off-by-default rules need their exact code or name. */
  select: string[];
  /** Codes, prefixes or rule names to disable. */
  ignore: string[];
  /** Glob (relative to the project root) → codes to ignore in matching files. */
  perFileIgnores: Record<string, string[]>;
  /** Code or rule name → severity, or `off`. */
  severity: Record<string, SeveritySetting>;
  /** Rule name → that rule's options. */
  rules: Record<string, RuleOptions>;
}

export const DEFAULT_SETTINGS: LintSettings = {
  enable: true,
  select: ['PP'],
  ignore: [],
  perFileIgnores: {},
  severity: {},
  rules: {},
};

/** Partial settings as read from one source; undefined keys fall through to the next source. */
export type PartialSettings = Partial<LintSettings>;

/** Project file wins over editor settings, which win over defaults; maps and rule options merge per key. */
export function mergeSettings(editor: PartialSettings | undefined, project: PartialSettings | undefined): LintSettings {
  const layers = [DEFAULT_SETTINGS, editor ?? {}, project ?? {}];
  const merged: LintSettings = { ...DEFAULT_SETTINGS, perFileIgnores: {}, severity: {}, rules: {} };
  for (const layer of layers) {
    if (layer.enable !== undefined) merged.enable = layer.enable;
    if (layer.select !== undefined) merged.select = [...layer.select];
    if (layer.ignore !== undefined) merged.ignore = [...layer.ignore];
    Object.assign(merged.perFileIgnores, layer.perFileIgnores ?? {});
    Object.assign(merged.severity, layer.severity ?? {});
    for (const [rule, options] of Object.entries(layer.rules ?? {})) {
      merged.rules[rule] = { ...(merged.rules[rule] ?? {}), ...(options ?? {}) };
    }
  }
  return merged;
}

/** Settings as they arrive from an LSP client, checked field by field so bad values lose nothing else. */
export function settingsFromUnknown(value: unknown): PartialSettings {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const out: PartialSettings = {};
  if (typeof v.enable === 'boolean') out.enable = v.enable;
  if (isStringArray(v.select)) out.select = v.select;
  if (isStringArray(v.ignore)) out.ignore = v.ignore;
  const perFile = v.perFileIgnores ?? v['per-file-ignores'];
  if (isRecord(perFile)) {
    out.perFileIgnores = Object.fromEntries(Object.entries(perFile).filter(([, codes]) => isStringArray(codes))) as Record<string, string[]>;
  }
  if (isRecord(v.severity)) {
    out.severity = Object.fromEntries(
      Object.entries(v.severity).filter(([, s]) => typeof s === 'string' && ['error', 'warning', 'information', 'hint', 'off'].includes(s)),
    ) as Record<string, SeveritySetting>;
  }
  if (isRecord(v.rules)) {
    out.rules = Object.fromEntries(Object.entries(v.rules).filter(([, o]) => isRecord(o))) as Record<string, RuleOptions>;
  }
  return out;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
