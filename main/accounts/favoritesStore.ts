// Favourite accounts and when each account was last used from Fumidai, persisted in the config
// directory. Shared by the Accounts view, the tray and the quick-connect palette.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Emitter, type Event } from '../../common/event';
import { writeFileAtomic } from '../platform/atomicFile';

interface FavoritesFile {
  favorites: string[];
  lastUsed: Record<string, number>;
}

export class FavoritesStore {
  private data: FavoritesFile = { favorites: [], lastUsed: {} };
  private readonly didChange = new Emitter<void>();
  readonly onDidChange: Event<void> = this.didChange.event;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  static inDirectory(dir: string): FavoritesStore {
    return new FavoritesStore(join(dir, 'favorites.json'));
  }

  async load(): Promise<void> {
    try {
      const raw = JSON.parse(await readFile(this.file, 'utf8')) as Partial<FavoritesFile>;
      this.data = {
        favorites: Array.isArray(raw.favorites) ? raw.favorites.filter((x) => typeof x === 'string') : [],
        lastUsed: raw.lastUsed && typeof raw.lastUsed === 'object' ? raw.lastUsed : {},
      };
    } catch {
      this.data = { favorites: [], lastUsed: {} };
    }
  }

  favorites(): string[] {
    return [...this.data.favorites];
  }

  lastUsed(accountId: string): number | undefined {
    return this.data.lastUsed[accountId];
  }

  async setFavorite(accountId: string, favorite: boolean): Promise<string[]> {
    const set = new Set(this.data.favorites);
    if (favorite) set.add(accountId);
    else set.delete(accountId);
    this.data.favorites = [...set];
    await this.save();
    return this.favorites();
  }

  async markUsed(accountId: string, at: number): Promise<void> {
    this.data.lastUsed[accountId] = at;
    await this.save();
  }

  private async save(): Promise<void> {
    const snapshot = JSON.stringify(this.data, null, 2);
    const write = this.writing.then(() => writeFileAtomic(this.file, snapshot, { mode: 0o600 }));
    this.writing = write.catch(() => {});
    await write;
    this.didChange.fire();
  }
}
