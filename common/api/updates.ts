// The `updates` domain: where the installed app stands against its release feed. The core checks
// at start and daily (main/updates/updateService.ts), downloads in the background, and restarts
// into a downloaded version only when asked and only while no session is live.
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';

export const UPDATE_UNAVAILABLE_REASONS = [
  /** Run from a source checkout (`npm start`): there is no installer to update. */
  'development',
  /** The browser-mode host (development and tests) cannot replace itself. */
  'browser-mode',
  /** Installed in a way the updater cannot replace (an unpacked folder, a snap, a system package manager). */
  'not-installable',
] as const;
export type UpdateUnavailableReason = (typeof UPDATE_UNAVAILABLE_REASONS)[number];

export const UpdateStatusSchema = z.object({
  currentVersion: z.string().max(64),
  state: z.enum(['unavailable', 'idle', 'checking', 'downloading', 'up-to-date', 'ready', 'failed']),
  unavailableReason: z.enum(UPDATE_UNAVAILABLE_REASONS).optional(),
  /** The feed in use: the installer's own, or the mirror set in Settings. */
  feedUrl: z.string().max(4096),
  feedSource: z.enum(['installer', 'settings']),
  /** The newer version being downloaded, or downloaded and waiting for a restart. */
  version: z.string().max(64).optional(),
  /** Download progress, 0–100. */
  percent: z.number().min(0).max(100).optional(),
  /** Why the last check failed, in English (network, feed, signature); the next check retries. */
  error: z.string().max(2000).optional(),
  lastCheckedAt: z.number().optional(),
  nextCheckAt: z.number().optional(),
  /** Terminals and port forwards that a restart would cut; a restart waits until this is 0. */
  liveSessions: z.number().int().min(0),
});
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

export const updatesDomain = defineDomain('updates', {
  status: invoke({ request: z.undefined(), response: UpdateStatusSchema }),
  /** Checks the feed now (and downloads a newer version); answers at once, progress follows as events. */
  checkNow: invoke({ request: z.undefined(), response: UpdateStatusSchema }),
  /** Restarts into the downloaded version: Conflict while sessions are live or nothing is downloaded. */
  install: invoke({ request: z.undefined(), response: z.object({ restarting: z.literal(true) }) }),
  onDidChangeStatus: event(UpdateStatusSchema),
});
