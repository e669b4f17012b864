// The terminal tabs that were open when Fumidai last ran, kept in the config directory so the next
// start can offer them again. Only what reopening needs is kept (never a reason: a production tab
// asks for one again). A file that does not parse is set aside and the list starts empty.
import { join } from 'node:path';
import { z } from 'zod';
import { MAX_SAVED_TABS, SavedTabSchema, type SavedTab } from '../../common/api/sessions';
import { writeFileAtomic } from '../platform/atomicFile';
import { readJsonStateFile } from '../platform/jsonStateFile';

const FileSchema = z.object({ version: z.literal(1), tabs: z.array(SavedTabSchema).max(MAX_SAVED_TABS) });

export class OpenTabsStore {
  private tabs: SavedTab[] = [];
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string | undefined,
    private readonly log: (message: string) => void = () => {},
  ) {}

  static inDirectory(configDir: string, log?: (message: string) => void): OpenTabsStore {
    return new OpenTabsStore(join(configDir, 'open-tabs.json'), log);
  }

  async get(): Promise<SavedTab[]> {
    await this.load();
    return this.tabs.map((t) => ({ ...t }));
  }

  async set(tabs: readonly SavedTab[]): Promise<void> {
    await this.load();
    this.tabs = tabs.slice(0, MAX_SAVED_TABS).map((t) => SavedTabSchema.parse(t));
    const file = this.file;
    if (!file) return;
    const text = `${JSON.stringify({ version: 1, tabs: this.tabs }, null, 2)}\n`;
    // In order, each write with the list as it was asked for.
    const write = this.writing.catch(() => {}).then(() => writeFileAtomic(file, text, { mode: 0o600 }));
    this.writing = write.catch(() => {});
    await write;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.file) return;
      const data = await readJsonStateFile(this.file, FileSchema, this.log, 'no tabs are restored');
      if (data) this.tabs = data.tabs;
    })();
    return this.loaded;
  }
}
