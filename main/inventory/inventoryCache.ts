// The last inventory of each SSO session on disk, so the next start shows every row at once
// (with its age) while a refresh runs. It holds what the list shows — names, IPs, tags, routes —
// and never credentials. A missing, unreadable or foreign file is simply no cache.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InstanceSummarySchema, InventoryErrorSchema, InventoryTargetSchema } from '../../common/api/inventory';
import { writeFileAtomic } from '../platform/atomicFile';

const CACHE_VERSION = 1;

export const CachedInventorySchema = z.object({
  version: z.literal(CACHE_VERSION),
  sessionId: z.string(),
  fetchedAt: z.number(),
  regions: z.array(z.string()),
  targets: z.array(InventoryTargetSchema),
  errors: z.array(InventoryErrorSchema),
  instances: z.array(InstanceSummarySchema),
});
export type CachedInventory = z.infer<typeof CachedInventorySchema>;

export class InventoryCache {
  constructor(
    private readonly dir: string,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** The file of one session: its id hashed, so no name or URL lands in a file name. */
  fileOf(sessionId: string): string {
    return join(this.dir, `inventory-${createHash('sha256').update(sessionId).digest('hex').slice(0, 32)}.json`);
  }

  async read(sessionId: string): Promise<CachedInventory | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileOf(sessionId), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = CachedInventorySchema.safeParse(JSON.parse(text));
      if (parsed.success && parsed.data.sessionId === sessionId) return parsed.data;
      this.log(`Ignoring the cached inventory of ${sessionId}: it is from another version or session.`);
    } catch (e) {
      this.log(`Ignoring the cached inventory of ${sessionId}: ${(e as Error).message}`);
    }
    return undefined;
  }

  async write(entry: Omit<CachedInventory, 'version'>): Promise<void> {
    await writeFileAtomic(this.fileOf(entry.sessionId), JSON.stringify({ version: CACHE_VERSION, ...entry }), { mode: 0o600, forceMode: true });
  }

  async remove(sessionId: string): Promise<void> {
    await rm(this.fileOf(sessionId), { force: true });
  }
}
