// The `settings` domain: user preferences, validated here and persisted atomically by
// main/settings/settingsService.ts. Every field has a default, so an old or partial file still loads.
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';
import { ENVIRONMENTS } from '../environments';
import { SshKeySettingsPatchSchema, SshKeySettingsSchema } from './sshKeySettings';
import { checkFeedUrl, FEED_URL_MAX, FEED_URL_PROBLEM_TEXT } from '../updates/feed';

/** "Accounts whose name, e-mail or id matches this are <environment>" — substring or /regex/. */
export const EnvironmentRuleSchema = z.object({ match: z.string().min(1).max(200), environment: z.enum(ENVIRONMENTS) });

export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 3650;

/** Which environments' shells are recorded, and how long recordings are kept. */
export const RecordingSettingsSchema = z
  .object({
    environments: z
      .object({
        production: z.boolean().default(true),
        staging: z.boolean().default(false),
        development: z.boolean().default(false),
        sandbox: z.boolean().default(false),
        other: z.boolean().default(false),
      } satisfies Record<(typeof ENVIRONMENTS)[number], unknown>)
      .prefault({}),
    /** Recordings older than this are deleted (at start and daily). */
    retentionDays: z.number().int().min(RETENTION_DAYS_MIN).max(RETENTION_DAYS_MAX).default(90),
  })
  .prefault({});

/** Notifications: when expiry warnings come, and whether they reach the OS. */
export const AlertSettingsSchema = z
  .object({
    /** Minutes before an expiry to warn, largest first (default 15 and 5). */
    leadMinutes: z.array(z.number().int().min(1).max(240)).min(1).max(4).default([15, 5]),
    /** Show notifications in the OS (they are always kept in the notification centre). */
    osNotifications: z.boolean().default(true),
    /** Watch CloudTrail for sign-ins and sessions under your identity from other devices. */
    loginActivity: z.boolean().default(true),
  })
  .prefault({});

/** A feed URL as stored: empty for the installer's own feed, else an address checkFeedUrl accepts. */
const FeedUrlSchema = z
  .string()
  .max(FEED_URL_MAX + 100)
  .superRefine((value, ctx) => {
    if (value.trim() === '') return;
    const verdict = checkFeedUrl(value);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: FEED_URL_PROBLEM_TEXT[verdict.problem], params: { problem: verdict.problem } });
  });

/** Updates: checked at start and daily from the installer's feed, or a company mirror. */
export const UpdateSettingsSchema = z
  .object({
    /** Check for and download updates automatically (at start and once a day). */
    automatic: z.boolean().default(true),
    /** A mirror of the release feed (generic provider); empty uses the feed built into the installer. */
    feedUrl: FeedUrlSchema.default(''),
  })
  .prefault({});

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SettingsSchema = z.object({
  /** 'system' follows the OS colour scheme. */
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** 'system' picks from the OS locale; English otherwise. */
  language: z.enum(['system', ...LANGUAGES]).default('system'),
  terminal: z
    .object({
      fontSize: z.number().int().min(8).max(32).default(13),
      scrollback: z.number().int().min(100).max(100_000).default(10_000),
      /** OSC 52: programs on the instance may put text on the clipboard (never read it). Off by default. */
      clipboardWrite: z.boolean().default(false),
    })
    .prefault({}),
  /** Closing the window keeps Fumidai running in the tray. */
  keepRunningInTray: z.boolean().default(true),
  /** Extra hosts `app.openExternal` may open (e.g. a company's SSO start-URL host). */
  externalLinkHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/i).max(253)).max(50).default([]),
  /** Checked before the built-in name patterns when classifying accounts. */
  environmentRules: z.array(EnvironmentRuleSchema).max(200).default([]),
  /** Local session recordings (the History view): on for production by default. */
  recording: RecordingSettingsSchema,
  /** SSH keys: lifetime in memory, Parameter Store path, and per account/environment rules. */
  sshKeys: SshKeySettingsSchema,
  alerts: AlertSettingsSchema,
  updates: UpdateSettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A patch: any subset of the settings, nested objects merged key by key. */
export const SettingsPatchSchema = z
  .object({
    theme: SettingsSchema.shape.theme.unwrap().optional(),
    language: SettingsSchema.shape.language.unwrap().optional(),
    terminal: z
      .object({
        fontSize: z.number().int().min(8).max(32).optional(),
        scrollback: z.number().int().min(100).max(100_000).optional(),
        clipboardWrite: z.boolean().optional(),
      })
      .strict()
      .optional(),
    keepRunningInTray: z.boolean().optional(),
    externalLinkHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/i).max(253)).max(50).optional(),
    environmentRules: z.array(EnvironmentRuleSchema).max(200).optional(),
    recording: z
      .object({
        environments: z.object(Object.fromEntries(ENVIRONMENTS.map((e) => [e, z.boolean().optional()])) as Record<(typeof ENVIRONMENTS)[number], z.ZodOptional<z.ZodBoolean>>).strict().optional(),
        retentionDays: z.number().int().min(RETENTION_DAYS_MIN).max(RETENTION_DAYS_MAX).optional(),
      })
      .strict()
      .optional(),
    sshKeys: SshKeySettingsPatchSchema.optional(),
    alerts: z
      .object({
        leadMinutes: z.array(z.number().int().min(1).max(240)).min(1).max(4).optional(),
        osNotifications: z.boolean().optional(),
        loginActivity: z.boolean().optional(),
      })
      .strict()
      .optional(),
    updates: z.object({ automatic: z.boolean().optional(), feedUrl: FeedUrlSchema.optional() }).strict().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export const settingsDomain = defineDomain('settings', {
  get: invoke({ request: z.undefined(), response: SettingsSchema }),
  update: invoke({ request: SettingsPatchSchema, response: SettingsSchema }),
  onDidChange: event(SettingsSchema),
});
