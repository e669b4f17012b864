// User preferences, persisted as JSON in the config directory. Loading never loses data: a file
// that is not valid JSON is kept aside (settings.json.corrupt-<time>) and reported; a file with
// some invalid fields keeps every valid one. Writes are serialised and atomic (mode 0600).
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings, type SettingsPatch } from '../../common/api/settings';
import { writeFileAtomic } from '../platform/atomicFile';
import { Emitter, type Event } from '../../common/event';
import { checkFeedUrl } from '../../common/updates/feed';

/** The feed as stored: '' (the installer's) or the checked URL without a trailing slash. */
const normalisedFeed = (url: string) => {
  const verdict = checkFeedUrl(url);
  return verdict.ok ? verdict.url : url.trim();
};

export interface SettingsLoadProblem {
  kind: 'unreadable-json' | 'invalid-fields';
  message: string;
  /** Where the unreadable original was kept. */
  backupPath?: string;
}

export class SettingsService {
  private current: Settings = DEFAULT_SETTINGS;
  private writing: Promise<void> = Promise.resolve();
  private readonly didChange = new Emitter<Settings>();
  readonly onDidChange: Event<Settings> = this.didChange.event;
  /** Set when the file on disk could not be used as is; the UI shows it once. */
  loadProblem: SettingsLoadProblem | undefined;

  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  static inDirectory(configDir: string): SettingsService {
    return new SettingsService(join(configDir, 'settings.json'));
  }

  get(): Settings {
    return this.current;
  }

  async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return (this.current = DEFAULT_SETTINGS);
      throw e;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      const backupPath = `${this.file}.corrupt-${this.now()}`;
      await rename(this.file, backupPath);
      this.loadProblem = {
        kind: 'unreadable-json',
        message: `${this.file} is not valid JSON (${(e as Error).message}); it was kept as ${backupPath} and defaults are in use.`,
        backupPath,
      };
      return (this.current = DEFAULT_SETTINGS);
    }
    const parsed = SettingsSchema.safeParse(raw);
    if (parsed.success) return (this.current = parsed.data);
    // Keep every field that is valid on its own; report the rest.
    const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const kept: Record<string, unknown> = {};
    const bad: string[] = [];
    for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
      if (!(key in input)) continue;
      if (schema.safeParse(input[key]).success) kept[key] = input[key];
      else bad.push(key);
    }
    this.current = SettingsSchema.parse(kept);
    this.loadProblem = { kind: 'invalid-fields', message: `Ignored invalid settings in ${this.file}: ${bad.join(', ')}` };
    return this.current;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const next = SettingsSchema.parse({
      ...this.current,
      ...patch,
      terminal: { ...this.current.terminal, ...patch.terminal },
      recording: {
        ...this.current.recording,
        ...patch.recording,
        environments: { ...this.current.recording.environments, ...patch.recording?.environments },
      },
      sshKeys: { ...this.current.sshKeys, ...patch.sshKeys },
      alerts: { ...this.current.alerts, ...patch.alerts },
      updates: { ...this.current.updates, ...patch.updates, ...(patch.updates?.feedUrl !== undefined ? { feedUrl: normalisedFeed(patch.updates.feedUrl) } : {}) },
    });
    this.current = next;
    const write = this.writing.then(() => writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 }));
    this.writing = write.catch(() => {});
    await write;
    this.didChange.fire(next);
    return next;
  }
}
