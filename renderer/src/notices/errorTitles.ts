// The heading shown for each stable error code. A Record over ErrorCode, so adding a code to the
// contract without a translation here fails the typecheck; codes from a newer host fall back.
import { isErrorCode, type ErrorCode } from '../../../common/api/errors';
import type { MessageKey } from '../i18n/i18n';

const TITLES: Record<ErrorCode, MessageKey> = {
  InvalidRequest: 'errors.code.InvalidRequest',
  Forbidden: 'errors.code.Forbidden',
  NotFound: 'errors.code.NotFound',
  Conflict: 'errors.code.Conflict',
  Cancelled: 'errors.code.Cancelled',
  Timeout: 'errors.code.Timeout',
  SsoExpired: 'errors.code.SsoExpired',
  AccessDenied: 'errors.code.AccessDenied',
  TargetNotConnected: 'errors.code.TargetNotConnected',
  Throttled: 'errors.code.Throttled',
  Network: 'errors.code.Network',
  HostKeyMismatch: 'errors.code.HostKeyMismatch',
  KeyExpired: 'errors.code.KeyExpired',
  InvalidConfig: 'errors.code.InvalidConfig',
  NotSupported: 'errors.code.NotSupported',
  Internal: 'errors.code.Internal',
};

export function errorTitleKey(code: string): MessageKey {
  return isErrorCode(code) ? TITLES[code] : 'errors.code.other';
}
