import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '../api/alerts';
import { notificationText, TRAY_TEXT, textLocaleOf, trayText } from './notificationText';

describe('notification wording', () => {
  it('every kind has a title in both languages with no placeholder left unfilled', () => {
    const params = { name: 'acme', minutes: 5, until: 0, message: 'm', host: 'web-1', account: 'acme-prod', role: 'Dev', event: 'StartSession', user: 'alice', sourceIp: '1.2.3.4', userAgent: 'aws-cli', time: 0, environment: 'production' };
    for (const locale of ['en', 'ja'] as const) {
      for (const kind of NOTIFICATION_KINDS) {
        const { title, body } = notificationText({ kind, params }, locale);
        expect(title.length).toBeGreaterThan(0);
        expect(`${title} ${body}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('optional parts appear only when known', () => {
    const base = { host: 'web-1', account: 'acme', role: 'Dev' };
    expect(notificationText({ kind: 'session-ended', params: base }, 'en').body).toBe('acme · Dev');
    expect(notificationText({ kind: 'session-ended', params: { ...base, osUser: 'ec2-user', exitCode: 0 } }, 'en').body).toBe('acme · Dev · as ec2-user · exit code 0');
    expect(notificationText({ kind: 'sso-expiring', params: { name: 'acme', minutes: 5 } }, 'ja').title).toBe('acme のサインインはあと 5 分で期限切れです');
  });

  it('names a webhook\'s environment in the reader\'s language', () => {
    const failed = { kind: 'webhook-failed' as const, params: { environment: 'production', message: 'HTTP 500' } };
    expect(notificationText(failed, 'en').title).toBe('Team notification for production was not delivered');
    expect(notificationText(failed, 'ja').title).toBe('本番環境へのチーム通知を送信できませんでした');
  });

  it('the tray speaks both languages with the same keys', () => {
    expect(Object.keys(TRAY_TEXT.ja).sort()).toEqual(Object.keys(TRAY_TEXT.en).sort());
    expect(trayText('en', 'signedIn', { name: 'acme', remaining: '1:00:00' })).toBe('acme — 1:00:00 left');
    expect(textLocaleOf('ja-JP')).toBe('ja');
    expect(textLocaleOf('en-US')).toBe('en');
  });
});
