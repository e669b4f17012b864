// Team webhooks, one per environment. The URL is the secret (anyone holding a Slack incoming-
// webhook URL can post to the channel), so it lives in its own owner-only file, never in the
// settings the window reads: the renderer only ever sees the environment, format and host.
import { join } from 'node:path';
import { z } from 'zod';
import { FumidaiError } from '../../../common/api/errors';
import { WEBHOOK_FORMATS, type WebhookSummary } from '../../../common/api/alerts';
import { ENVIRONMENTS, type Environment } from '../../../common/environments';
import { writeFileAtomic } from '../../platform/atomicFile';
import { readJsonStateFile } from '../../platform/jsonStateFile';

export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export interface Webhook {
  url: string;
  format: WebhookFormat;
}

const FileSchema = z.object({
  version: z.literal(1),
  hooks: z.partialRecord(z.enum(ENVIRONMENTS), z.object({ url: z.string(), format: z.enum(WEBHOOK_FORMATS) })),
});
type HooksFile = z.infer<typeof FileSchema>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Checks a webhook URL; the message says what to fix. Returns the normalised URL. */
export function checkWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FumidaiError('InvalidRequest', 'The webhook URL is not a valid URL. Paste the whole address, starting with https://.');
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) throw new FumidaiError('InvalidRequest', 'Webhook URLs must use https:// (plain http:// only for a receiver on this computer).');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FumidaiError('InvalidRequest', `A webhook cannot be a ${url.protocol} URL; use https://.`);
  if (url.username || url.password) throw new FumidaiError('InvalidRequest', 'Webhook URLs with a user name or password in them are not accepted.');
  return url.href;
}

export class WebhookStore {
  private data: HooksFile = { version: 1, hooks: {} };
  private loaded: Promise<void> | undefined;

  constructor(
    private readonly file: string | undefined,
    private readonly log: (message: string) => void = () => {},
  ) {}

  static inDirectory(configDir: string, log?: (message: string) => void): WebhookStore {
    return new WebhookStore(join(configDir, 'webhooks.json'), log);
  }

  async get(environment: Environment): Promise<Webhook | undefined> {
    await this.load();
    const h = this.data.hooks[environment];
    return h ? { ...h } : undefined;
  }

  async list(): Promise<WebhookSummary[]> {
    await this.load();
    return ENVIRONMENTS.flatMap((environment) => {
      const h = this.data.hooks[environment];
      return h ? [{ environment, format: h.format, host: new URL(h.url).host }] : [];
    });
  }

  /** Sets (or with no URL, removes) the hook of one environment. */
  async set(environment: Environment, url: string | undefined, format: WebhookFormat): Promise<WebhookSummary[]> {
    await this.load();
    if (url === undefined || url.trim() === '') delete this.data.hooks[environment];
    else this.data.hooks[environment] = { url: checkWebhookUrl(url), format };
    if (this.file) await writeFileAtomic(this.file, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600, forceMode: true });
    return this.list();
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.file) return;
      const data = await readJsonStateFile(this.file, FileSchema, this.log, 'team webhooks are off until they are set again in Settings');
      if (data) this.data = data;
    })();
    return this.loaded;
  }
}
