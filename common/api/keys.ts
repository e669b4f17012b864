// The `keys` domain: the SSH keys the vault holds in memory, as metadata only. No member of this
// contract ever carries private key material: the renderer sees where a key came from, its public
// fingerprint, which host and account it is for, and when it dies, and can make the vault forget it.
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';
import { SessionIdSchema } from './auth';
import { ENVIRONMENTS } from '../environments';

export const KEY_SOURCES = ['parameter-store', 'instance-connect', 'file', 'agent'] as const;
export type KeySourceKind = (typeof KEY_SOURCES)[number];

export const HOPS = ['bastion', 'target'] as const;
export type Hop = (typeof HOPS)[number];

export const KeyIdSchema = z.string().regex(/^k[0-9]{1,9}$/);

/** Why a key left the vault (the alerts service words its notification from this). */
export const WIPE_REASONS = ['expired', 'forgotten', 'sign-out', 'lock', 'quit'] as const;
export type WipeReason = (typeof WIPE_REASONS)[number];

export const KeyInfoSchema = z.object({
  id: KeyIdSchema,
  source: z.enum(KEY_SOURCES),
  /** `SHA256:…` of the public half, as `ssh-keygen -lf` prints it. */
  fingerprint: z.string().max(200),
  /** `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`, … */
  algorithm: z.string().max(64),
  /** Where it came from, for people: the parameter name, the key file, "SSH agent", … */
  label: z.string().max(1024),
  ssoSessionId: SessionIdSchema,
  accountId: z.string(),
  accountName: z.string().max(512).optional(),
  roleName: z.string(),
  region: z.string(),
  environment: z.enum(ENVIRONMENTS),
  /** The hosts it was handed to (an Instance Connect key goes to the bastion and the target). */
  hosts: z.array(z.object({ instanceId: z.string(), instanceName: z.string().max(20_000).optional(), hop: z.enum(HOPS), osUser: z.string().max(64) })),
  loadedAt: z.number(),
  /** Epoch ms; the vault wipes the key then. */
  expiresAt: z.number(),
});
export type KeyInfo = z.infer<typeof KeyInfoSchema>;

export const KeysSnapshotSchema = z.object({
  keys: z.array(KeyInfoSchema),
  /** The main side's clock when the list was taken, so a countdown survives clock differences. */
  now: z.number(),
});
export type KeysSnapshot = z.infer<typeof KeysSnapshotSchema>;

export const keysDomain = defineDomain('keys', {
  list: invoke({ request: z.undefined(), response: KeysSnapshotSchema }),
  /** Wipes one key now ("forget"); false when it was already gone. */
  forget: invoke({ request: z.object({ id: KeyIdSchema }), response: z.object({ forgotten: z.boolean() }) }),
  /** Wipes every key now. */
  forgetAll: invoke({ request: z.undefined(), response: z.object({ forgotten: z.number() }) }),
  onDidChange: event(KeysSnapshotSchema),
});
