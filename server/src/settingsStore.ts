import type { Connection } from 'vscode-languageserver';
import type { PartialSettings } from './engine/config/settings';
import { settingsFromUnknown } from './engine/config/settings';

export const SETTINGS_SECTION = 'pytestPatterns';

/**
 * Editor settings pulled per resource with `workspace/configuration`, cached until the client says
 * they changed. Clients without the configuration capability get the settings pushed with
 * `didChangeConfiguration` (or none).
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<PartialSettings>>();
  private pushed: PartialSettings = {};
  private canPull = false;

  constructor(private readonly connection: Connection) {}

  setCanPull(value: boolean): void {
    this.canPull = value;
  }

  /** Called on `workspace/didChangeConfiguration`. */
  changed(pushedSettings: unknown): void {
    this.cache.clear();
    const section = (pushedSettings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    if (section !== undefined) this.pushed = settingsFromUnknown(section);
  }

  get(uri: string): Promise<PartialSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const settings = this.connection.workspace
      .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
      .then(settingsFromUnknown, () => ({}));
    this.cache.set(uri, settings);
    return settings;
  }
}
