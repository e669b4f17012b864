// Accounts and roles of an SSO session: ListAccounts, then ListAccountRoles for every account
// with bounded concurrency and jittered backoff, progress published as it goes, and the result
// cached on disk (names and roles only — never tokens or credentials) so the next start shows
// the list at once while it refreshes.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountsSnapshot, AccountSummary } from '../../common/api/accounts';
import { FumidaiError, toErrorValue } from '../../common/api/errors';
import { classifyAccount, type EnvironmentRule } from '../../common/environments';
import { Emitter, type Event } from '../../common/event';
import { writeFileAtomic } from '../platform/atomicFile';
import type { PortalAccount, PortalApi } from '../auth/ports';
import { mapWithConcurrency, withBackoff } from './concurrency';
import type { FavoritesStore } from './favoritesStore';

export const ROLE_LISTING_CONCURRENCY = 8;
/** A cached list older than this is refreshed in the background when shown. */
export const ACCOUNTS_STALE_MS = 60 * 60_000;

export interface AccountsServiceDeps {
  cacheDir: string;
  accessToken(sessionId: string): Promise<string>;
  portalFor(sessionId: string): PortalApi;
  favorites: FavoritesStore;
  rules?: () => readonly EnvironmentRule[];
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

interface CachedAccount extends PortalAccount {
  roles: string[];
  error?: string;
}

interface SessionAccounts {
  accounts: CachedAccount[];
  fetchedAt?: number;
  loading?: Promise<void>;
  progress?: { done: number; total: number };
  error?: { code: string; message: string };
}

export class AccountsService {
  private readonly bySession = new Map<string, SessionAccounts>();
  private readonly didChange = new Emitter<AccountsSnapshot>();
  readonly onDidChange: Event<AccountsSnapshot> = this.didChange.event;
  private readonly now: () => number;

  constructor(private readonly deps: AccountsServiceDeps) {
    this.now = deps.now ?? Date.now;
    deps.favorites.onDidChange(() => {
      for (const id of this.bySession.keys()) this.publish(id);
    });
  }

  /** What is known now; starts a refresh when asked, when nothing is known, or when stale. */
  async list(sessionId: string, refresh = false): Promise<AccountsSnapshot> {
    const state = await this.state(sessionId);
    const stale = !state.fetchedAt || this.now() - state.fetchedAt > ACCOUNTS_STALE_MS;
    if ((refresh || stale) && !state.loading) void this.load(sessionId);
    return this.snapshot(sessionId);
  }

  /** Loads everything and resolves when done (used by the CLI and tests). */
  async loadAll(sessionId: string): Promise<AccountsSnapshot> {
    const state = await this.state(sessionId);
    await (state.loading ?? this.load(sessionId));
    const snap = this.snapshot(sessionId);
    if (snap.error) throw new FumidaiError(snap.error.code as never, snap.error.message);
    return snap;
  }

  /** Forget a session's accounts in memory (sign-out); the on-disk list of names stays for next time. */
  forget(sessionId: string): void {
    this.bySession.delete(sessionId);
  }

  snapshot(sessionId: string): AccountsSnapshot {
    const s = this.bySession.get(sessionId) ?? { accounts: [] };
    const favorites = new Set(this.deps.favorites.favorites());
    const rules = this.deps.rules?.() ?? [];
    const accounts: AccountSummary[] = s.accounts.map((a) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      emailAddress: a.emailAddress,
      environment: classifyAccount(a, rules),
      roles: a.roles,
      favorite: favorites.has(a.accountId),
      ...(this.deps.favorites.lastUsed(a.accountId) ? { lastUsedAt: this.deps.favorites.lastUsed(a.accountId) } : {}),
      ...(a.error ? { error: a.error } : {}),
    }));
    return {
      sessionId,
      accounts,
      ...(s.fetchedAt ? { fetchedAt: s.fetchedAt } : {}),
      loading: !!s.loading,
      ...(s.progress ? { progress: s.progress } : {}),
      ...(s.error ? { error: s.error } : {}),
    };
  }

  private async state(sessionId: string): Promise<SessionAccounts> {
    let s = this.bySession.get(sessionId);
    if (!s) {
      s = (await this.readCache(sessionId)) ?? { accounts: [] };
      this.bySession.set(sessionId, s);
    }
    return s;
  }

  private load(sessionId: string): Promise<void> {
    const state = this.bySession.get(sessionId)!;
    state.loading = this.fetch(sessionId, state)
      .catch((e) => {
        const v = toErrorValue(e);
        state.error = { code: v.code, message: v.message };
        this.deps.log?.(`listing accounts for ${sessionId} failed: ${v.message}`);
      })
      .finally(() => {
        state.loading = undefined;
        state.progress = undefined;
        this.publish(sessionId);
      });
    this.publish(sessionId);
    return state.loading;
  }

  private async fetch(sessionId: string, state: SessionAccounts): Promise<void> {
    const portal = this.deps.portalFor(sessionId);
    const retry = <T>(fn: () => Promise<T>) => withBackoff(fn, { sleep: this.deps.sleep });
    state.error = undefined;
    const token = await this.deps.accessToken(sessionId);
    const listed: PortalAccount[] = [];
    const pages = portal.listAccounts(token)[Symbol.asyncIterator]();
    for (;;) {
      const page = await retry(() => pages.next());
      if (page.done) break;
      listed.push(...page.value);
    }
    listed.sort((a, b) => a.accountName.localeCompare(b.accountName) || a.accountId.localeCompare(b.accountId));
    const previous = new Map(state.accounts.map((a) => [a.accountId, a]));
    // Show the account names right away, with the roles we knew before, while roles load.
    const next: CachedAccount[] = listed.map((a) => ({ ...a, roles: previous.get(a.accountId)?.roles ?? [] }));
    state.accounts = next;
    state.progress = { done: 0, total: next.length };
    this.publish(sessionId);

    let lastPublish = 0;
    await mapWithConcurrency(next, ROLE_LISTING_CONCURRENCY, async (account) => {
      try {
        account.roles = (await retry(async () => portal.listAccountRoles(await this.deps.accessToken(sessionId), account.accountId))).sort();
        account.error = undefined;
      } catch (e) {
        const v = toErrorValue(e);
        if (v.code === 'SsoExpired') throw e; // no point continuing without a session
        account.error = v.message; // one denied account does not fail the rest
      }
      state.progress = { done: state.progress!.done + 1, total: next.length };
      if (this.now() - lastPublish > 100 || state.progress.done === next.length) {
        lastPublish = this.now();
        this.publish(sessionId);
      }
    });
    state.fetchedAt = this.now();
    await this.writeCache(sessionId, state).catch((e) => this.deps.log?.(`could not cache accounts: ${(e as Error).message}`));
  }

  private cacheFile(sessionId: string): string {
    return join(this.deps.cacheDir, `accounts-${createHash('sha1').update(sessionId).digest('hex')}.json`);
  }

  private async readCache(sessionId: string): Promise<SessionAccounts | undefined> {
    try {
      const data = JSON.parse(await readFile(this.cacheFile(sessionId), 'utf8')) as { sessionId: string; fetchedAt: number; accounts: CachedAccount[] };
      if (data.sessionId !== sessionId || !Array.isArray(data.accounts)) return undefined;
      return { accounts: data.accounts, fetchedAt: data.fetchedAt };
    } catch {
      return undefined; // no cache, or an unreadable one: it is only a cache
    }
  }

  private async writeCache(sessionId: string, state: SessionAccounts): Promise<void> {
    const accounts = state.accounts.map(({ accountId, accountName, emailAddress, roles }) => ({ accountId, accountName, emailAddress, roles }));
    await writeFileAtomic(this.cacheFile(sessionId), JSON.stringify({ sessionId, fetchedAt: state.fetchedAt, accounts }), { mode: 0o600 });
  }

  private publish(sessionId: string): void {
    this.didChange.fire(this.snapshot(sessionId));
  }
}
