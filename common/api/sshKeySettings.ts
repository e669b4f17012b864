// Settings for SSH keys: how long the vault keeps a key, where Parameter Store keys live, and rules
// per account and environment for which bastion and which key source to use. The first rule that
// matches a hop wins; with no match, the key comes from Parameter Store at the default path.
import { z } from 'zod';
import { ENVIRONMENTS } from '../environments';
import { HOPS, KEY_SOURCES } from './keys';

export const KEY_LIFETIME_MINUTES_MIN = 1;
export const KEY_LIFETIME_MINUTES_MAX = 24 * 60;

/** Placeholders a parameter name may use; `{name}` is "bastion" for a bastion hop, else the host's name. */
export const PARAMETER_PLACEHOLDERS = ['environment', 'name', 'instanceName', 'instanceId', 'osUser', 'accountId', 'hop'] as const;

export const DEFAULT_PARAMETER_PATH = '/fumidai/keys/{environment}/{name}';

const placeholderPattern = new RegExp(`^\\{(${PARAMETER_PLACEHOLDERS.join('|')})\\}$`);

/** A Parameter Store name (AWS allows letters, digits and .-_/ ) that may contain placeholders. */
export const ParameterNameTemplateSchema = z
  .string()
  .max(1011)
  .regex(/^\/[A-Za-z0-9_.\-/{}]+$/, 'a parameter name starting with /, e.g. /fumidai/keys/{environment}/{name}')
  .refine((s) => (s.match(/\{[^}]*\}/g) ?? []).every((p) => placeholderPattern.test(p)) && !/\{[^}]*$|^[^{]*\}/.test(s.replace(/\{[^}]*\}/g, '')), {
    message: `placeholders are ${PARAMETER_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
  });

export const SSH_FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;

export const SshKeyRuleSchema = z
  .object({
    /** The account this rule is for; omitted: any account. */
    accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id').optional(),
    /** The environment this rule is for; omitted: any environment. */
    environment: z.enum(ENVIRONMENTS).optional(),
    /** Only the bastion hop or only the target hop; omitted: both. */
    hop: z.enum(HOPS).optional(),
    source: z.enum(KEY_SOURCES),
    /** parameter-store: the parameter's name (placeholders allowed); omitted: the default path. */
    parameter: ParameterNameTemplateSchema.optional(),
    /** file: the private key file (a leading ~ is the home directory). */
    keyFile: z.string().min(1).max(4096).optional(),
    /** agent: the agent's socket; omitted: SSH_AUTH_SOCK. */
    agentSocket: z.string().min(1).max(4096).optional(),
    /** agent: offer only the agent's key with this fingerprint. */
    agentFingerprint: z.string().regex(SSH_FINGERPRINT_PATTERN, 'a key fingerprint such as SHA256:…').optional(),
    /** The bastion to hop through: an instance id or Name tag; omitted: found by the bastion tag. */
    bastion: z.string().min(1).max(256).optional(),
  })
  .strict()
  .refine((r) => r.source !== 'file' || r.keyFile !== undefined, { message: 'a key-file rule needs the key file', path: ['keyFile'] });
export type SshKeyRule = z.infer<typeof SshKeyRuleSchema>;

export const SshKeySettingsSchema = z
  .object({
    /** How long a loaded key lives in memory. */
    lifetimeMinutes: z.number().int().min(KEY_LIFETIME_MINUTES_MIN).max(KEY_LIFETIME_MINUTES_MAX).default(60),
    /** Also wipe keys when the SSO sign-in they were fetched with ends, if that comes first. */
    endWithSsoSession: z.boolean().default(true),
    /** Where Parameter Store keys are looked for when a rule names no parameter. */
    parameterPath: ParameterNameTemplateSchema.default(DEFAULT_PARAMETER_PATH),
    rules: z.array(SshKeyRuleSchema).max(100).default([]),
  })
  .prefault({});
export type SshKeySettings = z.infer<typeof SshKeySettingsSchema>;

export const SshKeySettingsPatchSchema = z
  .object({
    lifetimeMinutes: z.number().int().min(KEY_LIFETIME_MINUTES_MIN).max(KEY_LIFETIME_MINUTES_MAX).optional(),
    endWithSsoSession: z.boolean().optional(),
    parameterPath: ParameterNameTemplateSchema.optional(),
    rules: z.array(SshKeyRuleSchema).max(100).optional(),
  })
  .strict();
