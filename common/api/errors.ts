// Errors cross every process boundary as values, never as thrown exceptions: the renderer gets
// `{ ok: false, code, message }` with a stable code it can translate and act on.

export const ERROR_CODES = [
  /** The payload did not match the channel's schema; no handler ran. */
  'InvalidRequest',
  /** The caller is not allowed to use this channel (foreign frame, missing secret). */
  'Forbidden',
  'NotFound',
  'Conflict',
  'Cancelled',
  'Timeout',
  /** The SSO access token is missing or expired: the user must sign in again. */
  'SsoExpired',
  /** AWS denied the action; the message carries AWS's own reason. */
  'AccessDenied',
  'TargetNotConnected',
  'Throttled',
  'Network',
  'HostKeyMismatch',
  /** The SSH key for this hop expired or was wiped; connecting again loads a fresh one. */
  'KeyExpired',
  'InvalidConfig',
  'NotSupported',
  'Internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorValue {
  ok: false;
  code: ErrorCode;
  message: string;
  /** Extra facts for the UI (e.g. the config file line); never secrets. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | ErrorValue;

/** Thrown inside main-side handlers; the dispatcher turns it into an ErrorValue. */
export class FumidaiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'FumidaiError';
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorValue {
  return details ? { ok: false, code, message, details } : { ok: false, code, message };
}

/** Converts anything thrown into an ErrorValue without leaking stack traces across the boundary. */
export function toErrorValue(e: unknown): ErrorValue {
  if (e instanceof FumidaiError) return err(e.code, e.message, e.details);
  const message = e instanceof Error ? e.message : String(e);
  return err('Internal', message || 'Unexpected error');
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
