// The tray as plain data: who is signed in and for how long, loaded keys, live sessions, and the
// favourite and recent hosts to connect to. Built from the core's state by a pure function, then
// rendered twice: as the OS tray menu (main/electron/tray.ts, through trayMenu.ts) and as the
// quick-connect palette in the window (Ctrl/Cmd+K) — so both always offer the same things.
import { z } from 'zod';
import { HostRefSchema, type HostRef, type InstanceShortcuts } from '../api/inventory';
import type { SsoSessionSummary } from '../api/auth';
import type { TerminalSummary } from '../api/sessions';

/** Below this much time left, a sign-in or key counts as expiring (the tray icon turns amber). */
export const TRAY_EXPIRING_MS = 15 * 60_000;

export const TrayIconStateSchema = z.enum(['signed-out', 'ok', 'expiring', 'expired']);
export type TrayIconState = z.infer<typeof TrayIconStateSchema>;

export const QuickConnectTargetSchema = z.object({
  /** The signed-in SSO session that opens it; absent when no session can (sign in first). */
  ssoSessionId: z.string().max(200).optional(),
  host: HostRefSchema,
});
export type QuickConnectTarget = z.infer<typeof QuickConnectTargetSchema>;

export const TrayModelSchema = z.object({
  icon: TrayIconStateSchema,
  sessions: z.array(
    z.object({
      id: z.string().max(200),
      name: z.string().max(200),
      state: z.enum(['signed-out', 'signing-in', 'signed-in', 'expired', 'error']),
      expiresAt: z.number().optional(),
    }),
  ),
  keys: z.array(z.object({ id: z.string().max(400), label: z.string().max(400), expiresAt: z.number() })),
  terminals: z.array(
    z.object({
      terminalId: z.string().max(20),
      host: z.string().max(20_000),
      accountId: z.string().max(20),
      state: z.enum(['connecting', 'live', 'reconnecting', 'ended']),
    }),
  ),
  favorites: z.array(QuickConnectTargetSchema),
  recents: z.array(QuickConnectTargetSchema),
  /** A downloaded update; it can restart now only while no session would be cut. */
  update: z.object({ version: z.string().max(64), canRestart: z.boolean() }).optional(),
});
export type TrayModel = z.infer<typeof TrayModelSchema>;

export interface TrayInput {
  sessions: readonly SsoSessionSummary[];
  /** Keys in the vault (from the expiry clock's credentials of kind ssh-key). */
  keys: ReadonlyArray<{ id: string; label: string; expiresAt: number }>;
  terminals: readonly TerminalSummary[];
  shortcuts: InstanceShortcuts;
  /** Instance id → display name, for terminals (the inventory's names). */
  hostName?: (instanceId: string) => string | undefined;
  /** The update status, when the host can update itself. */
  update?: { state: string; version?: string; liveSessions: number };
  now: number;
}

/** How many recent hosts the tray offers (the palette searches the same list). */
export const TRAY_RECENTS = 8;

export function buildTrayModel(input: TrayInput): TrayModel {
  const { now } = input;
  const signedIn = input.sessions.filter((s) => s.state === 'signed-in' && (s.expiresAt ?? 0) > now);
  // One session that can open a host: the first signed in (most people have one).
  const opener = signedIn[0]?.id;
  const target = (host: HostRef): QuickConnectTarget => ({ ...(opener ? { ssoSessionId: opener } : {}), host });
  const favoriteIds = new Set(input.shortcuts.favorites.map((f) => f.instanceId));
  return {
    icon: iconState(input),
    sessions: input.sessions.map((s) => ({ id: s.id, name: s.name, state: s.state, ...(s.expiresAt !== undefined ? { expiresAt: s.expiresAt } : {}) })),
    keys: input.keys.filter((k) => k.expiresAt > now).map((k) => ({ ...k })),
    terminals: input.terminals
      .filter((t) => t.state !== 'ended')
      .map((t) => ({ terminalId: t.terminalId, host: input.hostName?.(t.instanceId) ?? t.instanceId, accountId: t.accountId, state: t.state })),
    favorites: input.shortcuts.favorites.map(target),
    // A favourite is already one click away; recents show the others.
    recents: input.shortcuts.recents
      .filter((r) => !favoriteIds.has(r.instanceId))
      .slice(0, TRAY_RECENTS)
      .map(({ usedAt: _usedAt, ...host }) => target(host)),
    ...(input.update?.state === 'ready' && input.update.version ? { update: { version: input.update.version, canRestart: input.update.liveSessions === 0 } } : {}),
  };
}

function iconState({ sessions, keys, now }: TrayInput): TrayIconState {
  if (sessions.some((s) => s.state === 'expired' || (s.state === 'signed-in' && (s.expiresAt ?? 0) <= now))) return 'expired';
  const live = sessions.filter((s) => s.state === 'signed-in');
  if (live.length === 0) return 'signed-out';
  const soon = (at: number | undefined) => at !== undefined && at - now <= TRAY_EXPIRING_MS;
  if (live.some((s) => soon(s.expiresAt)) || keys.some((k) => k.expiresAt > now && soon(k.expiresAt))) return 'expiring';
  return 'ok';
}

/** "1:05:09" / "4:09": the countdown the tray, the status bar and notifications all show. */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return '0:00';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
