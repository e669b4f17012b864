// The AWS CLI v2's SSO token cache (~/.aws/sso/cache), read and written exactly as the CLI does,
// so one sign-in serves Fumidai, the AWS CLI and the SDKs:
// - <sha1(session name, or the start URL for legacy profiles)>.json holds the access token;
// - <sha1(json.dumps({region, scopes, session_name, startUrl, tool}, sort_keys=True))>.json holds
//   the client registration (Python's default separators, byte for byte).
// Files are mode 0600 and replaced atomically.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FumidaiError } from '../../common/api/errors';
import type { ClientRegistration } from '../auth/oidc';
import type { SsoSessionConfig, StoredToken, TokenStore } from '../auth/ports';
import { writeFileAtomic } from '../platform/atomicFile';

export function defaultSsoCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.HOME || env.USERPROFILE || homedir(), '.aws', 'sso', 'cache');
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** The token file's cache key, as botocore and the JS SDK compute it. */
export function tokenCacheKey(session: SsoSessionConfig): string {
  return session.source === 'legacy-profile' ? session.startUrl : session.name;
}

/** The CLI's expiresAt format: UTC, seconds, no fraction. */
export function formatCliTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Python's json.dumps(obj, sort_keys=True) with default separators, for the registration key. */
export function pythonJsonDumpsSorted(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumpsSorted).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}: ${pythonJsonDumpsSorted((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(', ')}}`;
  }
  // Python escapes non-ASCII as \uXXXX by default (ensure_ascii=True).
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function registrationCacheKey(session: SsoSessionConfig): string {
  const legacy = session.source === 'legacy-profile';
  return pythonJsonDumpsSorted({
    region: session.region,
    scopes: legacy ? null : session.scopes.length ? session.scopes : ['sso:account:access'],
    session_name: legacy ? null : session.name,
    startUrl: session.startUrl,
    tool: 'botocore',
  });
}

function parseTime(value: unknown, file: string, field: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new FumidaiError('InvalidConfig', `${file}: ${field} is not a valid time.`);
  return ms;
}

export class SsoTokenCache implements TokenStore {
  constructor(readonly dir: string = defaultSsoCacheDir()) {}

  tokenFile(session: SsoSessionConfig): string {
    return join(this.dir, `${sha1(tokenCacheKey(session))}.json`);
  }

  registrationFile(session: SsoSessionConfig): string {
    return join(this.dir, `${sha1(registrationCacheKey(session))}.json`);
  }

  async read(session: SsoSessionConfig): Promise<StoredToken | undefined> {
    const file = this.tokenFile(session);
    const raw = await readJson(file);
    if (!raw) return undefined;
    if (typeof raw.accessToken !== 'string' || !raw.expiresAt) {
      throw new FumidaiError('InvalidConfig', `${file} is not an SSO token file (no accessToken/expiresAt). Sign in again to replace it.`);
    }
    return {
      startUrl: typeof raw.startUrl === 'string' ? raw.startUrl : session.startUrl,
      region: typeof raw.region === 'string' ? raw.region : session.region,
      accessToken: raw.accessToken,
      expiresAt: parseTime(raw.expiresAt, file, 'expiresAt'),
      ...(typeof raw.refreshToken === 'string' ? { refreshToken: raw.refreshToken } : {}),
      ...(typeof raw.clientId === 'string' ? { clientId: raw.clientId } : {}),
      ...(typeof raw.clientSecret === 'string' ? { clientSecret: raw.clientSecret } : {}),
      ...(raw.registrationExpiresAt ? { registrationExpiresAt: parseTime(raw.registrationExpiresAt, file, 'registrationExpiresAt') } : {}),
    };
  }

  async write(session: SsoSessionConfig, token: StoredToken): Promise<void> {
    // Key order and formats as the CLI writes them.
    const body: Record<string, unknown> = {
      startUrl: token.startUrl,
      region: token.region,
      accessToken: token.accessToken,
      expiresAt: formatCliTime(token.expiresAt),
    };
    if (token.clientId) body.clientId = token.clientId;
    if (token.clientSecret) body.clientSecret = token.clientSecret;
    if (token.registrationExpiresAt) body.registrationExpiresAt = formatCliTime(token.registrationExpiresAt);
    if (token.refreshToken) body.refreshToken = token.refreshToken;
    await writeFileAtomic(this.tokenFile(session), JSON.stringify(body), { mode: 0o600 });
  }

  async remove(session: SsoSessionConfig): Promise<void> {
    await rm(this.tokenFile(session), { force: true });
  }

  async readRegistration(session: SsoSessionConfig, kind: 'device' | 'pkce'): Promise<ClientRegistration | undefined> {
    const raw = await readJson(this.registrationFile(session)).catch(() => undefined);
    if (!raw || typeof raw.clientId !== 'string' || typeof raw.clientSecret !== 'string' || !raw.expiresAt) return undefined;
    const grantTypes = Array.isArray(raw.grantTypes) ? (raw.grantTypes as string[]) : undefined;
    // A device registration is not reused for PKCE and vice versa (the CLI behaves the same).
    const isPkce = grantTypes?.includes('authorization_code') ?? false;
    if (isPkce !== (kind === 'pkce')) return undefined;
    const expiresAt = Date.parse(String(raw.expiresAt));
    if (Number.isNaN(expiresAt)) return undefined;
    return { clientId: raw.clientId, clientSecret: raw.clientSecret, expiresAt, scopes: Array.isArray(raw.scopes) ? (raw.scopes as string[]) : [], ...(grantTypes ? { grantTypes } : {}) };
  }

  async writeRegistration(session: SsoSessionConfig, _kind: 'device' | 'pkce', reg: ClientRegistration): Promise<void> {
    const body: Record<string, unknown> = { clientId: reg.clientId, clientSecret: reg.clientSecret, expiresAt: formatCliTime(reg.expiresAt) };
    if (session.source !== 'legacy-profile') body.scopes = reg.scopes;
    if (reg.grantTypes) body.grantTypes = reg.grantTypes;
    await writeFileAtomic(this.registrationFile(session), JSON.stringify(body), { mode: 0o600 });
  }
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new FumidaiError('InvalidConfig', `${file} is not valid JSON. It was left untouched; sign in again to replace it.`);
}
