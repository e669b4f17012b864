// Favourite hosts and the hosts used most recently, kept in the config directory so the Instances
// view, the tray and the quick-connect palette all show the same lists. Each entry carries what a
// connection needs (account, region, role) and a display name, so a favourite can be opened before
// the inventory has loaded. A file that does not parse is set aside, never silently overwritten.
import { join } from 'node:path';
import { z } from 'zod';
import { HostRefSchema, hostRefOf, type HostRef, type InstanceShortcuts } from '../../common/api/inventory';
import { Emitter, type Event } from '../../common/event';
import { writeFileAtomic } from '../platform/atomicFile';
import { readJsonStateFile } from '../platform/jsonStateFile';

/** How many recent hosts are kept (most recent first). */
export const MAX_RECENTS = 20;
/** Favourites are a deliberate list; this bound only protects the file and the tray menu. */
export const MAX_FAVORITES = 500;

const FileSchema = z.object({
  version: z.literal(1),
  favorites: z.array(HostRefSchema),
  recents: z.array(HostRefSchema.extend({ usedAt: z.number() })),
});
type ShortcutsFile = z.infer<typeof FileSchema>;

export class InstanceShortcutsStore {
  private data: ShortcutsFile = { version: 1, favorites: [], recents: [] };
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly didChange = new Emitter<InstanceShortcuts>();
  readonly onDidChange: Event<InstanceShortcuts> = this.didChange.event;

  constructor(
    private readonly file: string | undefined,
    private readonly log: (message: string) => void = () => {},
  ) {}

  static inDirectory(configDir: string, log?: (message: string) => void): InstanceShortcutsStore {
    return new InstanceShortcutsStore(join(configDir, 'instance-shortcuts.json'), log);
  }

  static inMemory(): InstanceShortcutsStore {
    return new InstanceShortcutsStore(undefined);
  }

  async get(): Promise<InstanceShortcuts> {
    await this.load();
    return this.value();
  }

  async setFavorite(host: HostRef, favorite: boolean): Promise<InstanceShortcuts> {
    await this.load();
    const others = this.data.favorites.filter((f) => f.instanceId !== host.instanceId);
    if (favorite && others.length >= MAX_FAVORITES) {
      throw new Error(`At most ${MAX_FAVORITES} favourite hosts are kept; remove one first.`);
    }
    this.data.favorites = favorite ? [...others, hostRefOf(host)] : others;
    return this.save();
  }

  /** A session was started on this host: it goes to the top of the recents. */
  async noteUsed(host: HostRef, at: number): Promise<InstanceShortcuts> {
    await this.load();
    const entry = { ...hostRefOf(host), usedAt: at };
    this.data.recents = [entry, ...this.data.recents.filter((r) => r.instanceId !== host.instanceId)].slice(0, MAX_RECENTS);
    // A favourite's name and role follow what was last used, so the tray shows the current ones.
    this.data.favorites = this.data.favorites.map((f) => (f.instanceId === host.instanceId ? hostRefOf(host) : f));
    return this.save();
  }

  private value(): InstanceShortcuts {
    return { favorites: this.data.favorites.map((f) => ({ ...f })), recents: this.data.recents.map((r) => ({ ...r })) };
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.file) return;
      const data = await readJsonStateFile(this.file, FileSchema, this.log, 'starts empty');
      if (data) this.data = data;
    })();
    return this.loaded;
  }

  private async save(): Promise<InstanceShortcuts> {
    const value = this.value();
    const file = this.file;
    if (file) {
      const text = `${JSON.stringify(this.data, null, 2)}\n`;
      // Writes happen in order, each with the state at the time it was asked for.
      const write = this.writing.catch(() => {}).then(() => writeFileAtomic(file, text, { mode: 0o600 }));
      this.writing = write.catch(() => {});
      await write;
    }
    this.didChange.fire(value);
    return value;
  }
}
