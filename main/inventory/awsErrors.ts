// What an EC2 or SSM failure means for the inventory: AWS's many spellings of "denied" become
// AccessDenied with AWS's own message kept (it names the action and the role), expired
// credentials become SsoExpired, and throttling or a passing server error is worth a retry.
import { FumidaiError } from '../../common/api/errors';
import { networkOrInternal } from '../auth/oidc';

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = /Throttl|RequestLimitExceeded|TooManyRequests|SlowDown|RequestThrottled|PriorRequestNotComplete/;
const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedAccess|Forbidden|ForbiddenException|AuthFailure)$/;
const EXPIRED = /ExpiredToken|RequestExpired|InvalidClientTokenId|UnrecognizedClient|UnauthorizedException/;
const SERVER = /^(InternalError|InternalFailure|InternalServerError|ServiceUnavailable|Unavailable)$/;

function nameOf(e: unknown): string {
  const err = e as AwsLikeError;
  return String(err?.name ?? err?.code ?? '');
}

export function isThrottling(e: unknown): boolean {
  if (e instanceof FumidaiError) return e.code === 'Throttled';
  return THROTTLING.test(nameOf(e)) || (e as AwsLikeError)?.$metadata?.httpStatusCode === 429;
}

/** Throttling, a 5xx, or a dropped connection: the same call may well work in a moment. */
export function isTransient(e: unknown): boolean {
  if (e instanceof FumidaiError) return e.code === 'Throttled' || e.code === 'Network';
  if (isThrottling(e)) return true;
  const status = (e as AwsLikeError)?.$metadata?.httpStatusCode;
  if (SERVER.test(nameOf(e)) || (status !== undefined && status >= 500)) return true;
  return networkOrInternal(e) instanceof FumidaiError && (networkOrInternal(e) as FumidaiError).code === 'Network';
}

/** A failure of one account/region as a Fumidai error; `action` says which call failed. */
export function translateInventoryError(e: unknown, action: string): FumidaiError {
  if (e instanceof FumidaiError) return e;
  const name = nameOf(e);
  const message = (e as AwsLikeError)?.message ?? '';
  if (DENIED.test(name) || (e as AwsLikeError)?.$metadata?.httpStatusCode === 403) {
    return new FumidaiError('AccessDenied', message && message !== name ? message : `${action} was denied (${name || 'AccessDenied'}).`, { action });
  }
  if (EXPIRED.test(name)) return new FumidaiError('SsoExpired', 'The role credentials expired or were revoked. Sign in again.', { action });
  if (isThrottling(e)) return new FumidaiError('Throttled', `AWS kept throttling ${action} (${name}); try this account again in a minute.`, { action });
  const translated = networkOrInternal(e);
  return translated instanceof FumidaiError ? translated : new FumidaiError('Internal', `${action} failed: ${message || name}`);
}
