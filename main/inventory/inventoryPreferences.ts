// What the user chose for the inventory, per SSO session: the role per account, their own region
// list, and the bastion tag. Kept in Fumidai's config directory as JSON, written atomically. A
// file that does not parse is set aside (never silently overwritten) and the defaults are used.
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BastionTagSchema } from '../../common/api/inventory';
import { writeFileAtomic } from '../platform/atomicFile';
import { DEFAULT_BASTION_TAG, type BastionTag } from './route';

const SessionPrefsSchema = z.object({
  roles: z.record(z.string(), z.string()).default({}),
  regions: z.array(z.string()).optional(),
  bastionTag: BastionTagSchema.optional(),
});
export type SessionInventoryPrefs = z.infer<typeof SessionPrefsSchema>;

const FileSchema = z.object({ version: z.literal(1), sessions: z.record(z.string(), SessionPrefsSchema) });

export interface PreferencesPatch {
  /** accountId → role; null drops the choice (back to the most privileged role). */
  roles?: Record<string, string | null>;
  /** null: back to the default regions. */
  regions?: string[] | null;
  bastionTag?: BastionTag;
}

export interface ResolvedPrefs {
  roles: Record<string, string>;
  regions?: string[];
  bastionTag: BastionTag;
}

export class InventoryPreferencesStore {
  private data: z.infer<typeof FileSchema> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string | undefined,
    private readonly log: (message: string) => void = () => {},
  ) {}

  static inDirectory(configDir: string, log?: (message: string) => void): InventoryPreferencesStore {
    return new InventoryPreferencesStore(join(configDir, 'inventory.json'), log);
  }

  /** In memory only (tests, the CLI when no config directory is wanted). */
  static inMemory(): InventoryPreferencesStore {
    return new InventoryPreferencesStore(undefined);
  }

  async get(sessionId: string): Promise<ResolvedPrefs> {
    const s = (await this.load()).sessions[sessionId];
    return { roles: { ...(s?.roles ?? {}) }, ...(s?.regions ? { regions: [...s.regions] } : {}), bastionTag: s?.bastionTag ?? DEFAULT_BASTION_TAG };
  }

  async update(sessionId: string, patch: PreferencesPatch): Promise<ResolvedPrefs> {
    const data = await this.load();
    const s: SessionInventoryPrefs = data.sessions[sessionId] ?? { roles: {} };
    const roles = { ...s.roles };
    for (const [accountId, role] of Object.entries(patch.roles ?? {})) {
      if (role === null) delete roles[accountId];
      else roles[accountId] = role;
    }
    const next: SessionInventoryPrefs = { roles };
    const regions = patch.regions === undefined ? s.regions : patch.regions === null ? undefined : [...new Set(patch.regions)];
    if (regions) next.regions = regions;
    const tag = patch.bastionTag ?? s.bastionTag;
    if (tag) next.bastionTag = tag;
    data.sessions[sessionId] = next;
    await this.save();
    return this.get(sessionId);
  }

  private async load(): Promise<z.infer<typeof FileSchema>> {
    if (this.data) return this.data;
    const empty = { version: 1 as const, sessions: {} };
    if (!this.file) return (this.data = empty);
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return (this.data = empty);
    }
    let problem: string;
    try {
      const parsed = FileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return (this.data = parsed.data);
      problem = parsed.error.issues[0]?.message ?? 'unexpected content';
    } catch (e) {
      problem = (e as Error).message;
    }
    const aside = `${this.file}.invalid-${Date.now()}`;
    await rename(this.file, aside).catch(() => {});
    this.log(`${this.file} could not be read (${problem}); it was moved to ${aside} and the defaults are used.`);
    return (this.data = empty);
  }

  private save(): Promise<void> {
    const file = this.file;
    if (!file || !this.data) return Promise.resolve();
    const text = `${JSON.stringify(this.data, null, 2)}\n`;
    // Writes happen in order, each with the state at the time it was asked for.
    this.writing = this.writing.catch(() => {}).then(() => writeFileAtomic(file, text, { mode: 0o600 }));
    return this.writing;
  }
}
