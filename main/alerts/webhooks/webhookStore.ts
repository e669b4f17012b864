// Team webhooks, one per environment. The URL is the secret (anyone holding a Slack incoming-
// webhook URL can post to the channel), so it lives in its own owner-only file, never in the
// settings the window reads: the renderer only ever sees the environment, format and host. In the
// desktop app the URL in that file is sealed by the OS (Keychain, DPAPI, libsecret/KWallet), so a
// copied file or backup does not give the channel away; hooks written in clear are sealed on load.
import { join } from 'node:path';
import { z } from 'zod';
import { FumidaiError } from '../../../common/api/errors';
import { checkHttpsUrl, type HttpsUrlProblem } from '../../../common/httpsUrl';
import { WEBHOOK_FORMATS, type WebhookSummary } from '../../../common/api/alerts';
import { ENVIRONMENTS, type Environment } from '../../../common/environments';
import { writeFileAtomic } from '../../platform/atomicFile';
import { readJsonStateFile } from '../../platform/jsonStateFile';
import type { SecretSealer } from '../../platform/secretSealer';

export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export interface Webhook {
  url: string;
  format: WebhookFormat;
}

/** A hook as stored: the URL sealed by the OS's store where there is one, else in clear (0600). */
const StoredHookSchema = z.union([
  z.object({ format: z.enum(WEBHOOK_FORMATS), host: z.string(), sealed: z.string() }),
  z.object({ format: z.enum(WEBHOOK_FORMATS), url: z.string() }),
]);
type StoredHook = z.infer<typeof StoredHookSchema>;

// Version 1 held every URL in clear; it is read as is and sealed at the next load where possible.
const FileSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  hooks: z.partialRecord(z.enum(ENVIRONMENTS), StoredHookSchema),
});
type HooksFile = z.infer<typeof FileSchema>;

const hostOf = (h: StoredHook) => ('sealed' in h ? h.host : new URL(h.url).host);

/** Checks a webhook URL; the message says what to fix. Returns the normalised URL. */
export function checkWebhookUrl(raw: string): string {
  const checked = checkHttpsUrl(raw);
  if (checked.ok) return checked.url.href;
  const message: Record<HttpsUrlProblem, string> = {
    'not-a-url': 'The webhook URL is not a valid URL. Paste the whole address, starting with https://.',
    'plain-http': 'Webhook URLs must use https:// (plain http:// only for a receiver on this computer).',
    scheme: `A webhook cannot be a ${checked.protocol ?? ''} URL; use https://.`,
    credentials: 'Webhook URLs with a user name or password in them are not accepted.',
  };
  throw new FumidaiError('InvalidRequest', message[checked.problem]);
}

export class WebhookStore {
  private data: HooksFile = { version: 2, hooks: {} };
  private loaded: Promise<void> | undefined;

  constructor(
    private readonly file: string | undefined,
    private readonly log: (message: string) => void = () => {},
    private readonly sealer?: SecretSealer,
  ) {}

  static inDirectory(configDir: string, log?: (message: string) => void, sealer?: SecretSealer): WebhookStore {
    return new WebhookStore(join(configDir, 'webhooks.json'), log, sealer);
  }

  /** The hook of an environment, or undefined (none, or sealed by an OS store this run cannot open). */
  async get(environment: Environment): Promise<Webhook | undefined> {
    await this.load();
    const h = this.data.hooks[environment];
    if (!h) return undefined;
    if (!('sealed' in h)) return { url: h.url, format: h.format };
    if (!this.sealer || !(await this.sealer.available())) {
      this.log(`team webhook for ${environment} is sealed by the OS keychain, which this copy of Fumidai cannot use; it is not sent from here`);
      return undefined;
    }
    try {
      return { url: await this.sealer.open(h.sealed), format: h.format };
    } catch (e) {
      this.log(`team webhook for ${environment} could not be unsealed (${(e as Error).message}); set it again in Settings`);
      return undefined;
    }
  }

  async list(): Promise<WebhookSummary[]> {
    await this.load();
    return ENVIRONMENTS.flatMap((environment) => {
      const h = this.data.hooks[environment];
      return h ? [{ environment, format: h.format, host: hostOf(h), storage: 'sealed' in h ? ('keychain' as const) : ('file' as const) }] : [];
    });
  }

  /** Sets (or with no URL, removes) the hook of one environment. */
  async set(environment: Environment, url: string | undefined, format: WebhookFormat): Promise<WebhookSummary[]> {
    await this.load();
    if (url === undefined || url.trim() === '') delete this.data.hooks[environment];
    else this.data.hooks[environment] = await this.stored(checkWebhookUrl(url), format);
    await this.save();
    return this.list();
  }

  private async stored(url: string, format: WebhookFormat): Promise<StoredHook> {
    if (this.sealer && (await this.sealer.available())) {
      try {
        return { format, host: new URL(url).host, sealed: await this.sealer.seal(url) };
      } catch (e) {
        this.log(`the OS keychain did not seal a team webhook (${(e as Error).message}); it is kept in the owner-only file instead`);
      }
    }
    return { format, url };
  }

  private async save(): Promise<void> {
    this.data.version = 2;
    if (this.file) await writeFileAtomic(this.file, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600, forceMode: true });
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.file) return;
      const data = await readJsonStateFile(this.file, FileSchema, this.log, 'team webhooks are off until they are set again in Settings');
      if (!data) return;
      this.data = data;
      // Hooks written in clear (before sealing existed, or where no keychain was) are sealed now.
      const clear = ENVIRONMENTS.filter((env) => {
        const h = data.hooks[env];
        return h && !('sealed' in h);
      });
      if (clear.length === 0 || !this.sealer || !(await this.sealer.available())) return;
      for (const env of clear) {
        const h = data.hooks[env] as { url: string; format: WebhookFormat };
        data.hooks[env] = await this.stored(h.url, h.format);
      }
      await this.save();
      this.log(`team webhooks for ${clear.join(', ')} are now sealed by the OS keychain`);
    })();
    return this.loaded;
  }
}
