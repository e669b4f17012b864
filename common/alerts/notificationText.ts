// The words of notifications and of the tray menu, in English and Japanese. They live in common/
// because both sides speak them: main for OS notifications and the tray (which exist with the
// window closed) and the renderer for the notification centre. Parameters are filled as text.
import type { Notification, NotificationAction, NotificationKind } from '../api/alerts';

export type TextLocale = 'en' | 'ja';

type Params = Notification['params'];
type Wording = { title: string; body: string };

/** Parameters that hold an epoch-ms time are shown as a local date and time. */
const TIME_PARAMS = new Set(['until', 'time']);

const fill = (template: string, params: Params, locale: TextLocale = 'en') =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) return '';
    if (TIME_PARAMS.has(k) && typeof v === 'number') return new Date(v).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    return String(v);
  });

const NOTIFICATIONS: Record<TextLocale, Record<NotificationKind, Wording>> = {
  en: {
    'signin-succeeded': { title: 'Signed in to {name}', body: 'The sign-in lasts until {until}.' },
    'signin-failed': { title: 'Sign-in to {name} failed', body: '{message}' },
    'sso-expiring': { title: 'Sign-in to {name} expires in {minutes} min', body: 'Sign in again to keep your sessions and the inventory working.' },
    'sso-expired': { title: 'Sign-in to {name} expired', body: 'Sign in again to open sessions in this organisation.' },
    'role-expiring': { title: 'Credentials for {name} expire in {minutes} min', body: 'Fumidai fetches new ones while the sign-in lasts.' },
    'role-expired': { title: 'Credentials for {name} expired', body: 'They were wiped from memory.' },
    'session-started': { title: 'Session started on {host}', body: '{account} · {role}{osUserSuffix}' },
    'session-ended': { title: 'Session on {host} ended', body: '{account} · {role}{osUserSuffix}{exitSuffix}' },
    'session-reconnecting': { title: 'Reconnecting to {host}', body: 'The connection dropped; Fumidai is resuming the session.' },
    'key-loaded': { title: 'SSH key loaded: {name}', body: 'It is kept in memory until {until}.' },
    'key-expiring': { title: 'SSH key {name} expires in {minutes} min', body: 'Load it again to keep using it.' },
    'key-expired': { title: 'SSH key {name} expired', body: 'It was wiped from memory.' },
    'key-wiped': { title: 'SSH key {name} wiped', body: 'It is no longer in memory.' },
    'login-activity': { title: 'Was this you? {event} in {account}', body: '{user} from {sourceIp} ({userAgent}) at {time}. It did not come from this device.' },
    'webhook-failed': { title: 'Team notification for {environment} was not delivered', body: '{message}' },
    'update-ready': { title: 'Fumidai {version} is ready', body: 'Restart Fumidai to use it, or it installs the next time you quit.' },
  },
  ja: {
    'signin-succeeded': { title: '{name} にサインインしました', body: 'サインインは {until} まで有効です。' },
    'signin-failed': { title: '{name} へのサインインに失敗しました', body: '{message}' },
    'sso-expiring': { title: '{name} のサインインはあと {minutes} 分で期限切れです', body: 'セッションとインベントリを使い続けるには、もう一度サインインしてください。' },
    'sso-expired': { title: '{name} のサインインが期限切れになりました', body: 'この組織でセッションを開くには、もう一度サインインしてください。' },
    'role-expiring': { title: '{name} の認証情報はあと {minutes} 分で期限切れです', body: 'サインインが有効な間は、Fumidai が新しい認証情報を取得します。' },
    'role-expired': { title: '{name} の認証情報が期限切れになりました', body: 'メモリから消去しました。' },
    'session-started': { title: '{host} でセッションを開始しました', body: '{account} · {role}{osUserSuffix}' },
    'session-ended': { title: '{host} のセッションが終了しました', body: '{account} · {role}{osUserSuffix}{exitSuffix}' },
    'session-reconnecting': { title: '{host} に再接続しています', body: '接続が切れたため、Fumidai がセッションを再開しています。' },
    'key-loaded': { title: 'SSH 鍵を読み込みました: {name}', body: '{until} までメモリに保持します。' },
    'key-expiring': { title: 'SSH 鍵 {name} はあと {minutes} 分で期限切れです', body: '使い続けるには、もう一度読み込んでください。' },
    'key-expired': { title: 'SSH 鍵 {name} が期限切れになりました', body: 'メモリから消去しました。' },
    'key-wiped': { title: 'SSH 鍵 {name} を消去しました', body: 'メモリには残っていません。' },
    'login-activity': { title: '心当たりはありますか? {account} で {event}', body: '{user}、送信元 {sourceIp} ({userAgent})、{time}。このデバイスからの操作ではありません。' },
    'webhook-failed': { title: '{environment}へのチーム通知を送信できませんでした', body: '{message}' },
    'update-ready': { title: 'Fumidai {version} の準備ができました', body: '再起動すると新しいバージョンになります。再起動しなくても、次に終了したときにインストールされます。' },
  },
};

/** Environment ids (a webhook's) as each language names them; English keeps the id itself. */
const ENVIRONMENT_NAMES: Record<TextLocale, Partial<Record<string, string>>> = {
  en: {},
  ja: { production: '本番環境', staging: 'ステージング環境', development: '開発環境', sandbox: 'サンドボックス環境', other: 'その他の環境' },
};

const EXTRAS: Record<TextLocale, { osUser: string; exit: string }> = {
  en: { osUser: ' · as {osUser}', exit: ' · exit code {exitCode}' },
  ja: { osUser: ' · ユーザー {osUser}', exit: ' · 終了コード {exitCode}' },
};

/** Title and body of a notification in a locale. */
export function notificationText(n: Pick<Notification, 'kind' | 'params'>, locale: TextLocale): Wording {
  const w = NOTIFICATIONS[locale][n.kind];
  const extras = EXTRAS[locale];
  const environment = typeof n.params.environment === 'string' ? ENVIRONMENT_NAMES[locale][n.params.environment] : undefined;
  const params: Params = {
    ...n.params,
    ...(environment ? { environment } : {}),
    osUserSuffix: n.params.osUser !== undefined ? fill(extras.osUser, n.params) : '',
    exitSuffix: n.params.exitCode !== undefined ? fill(extras.exit, n.params) : '',
  };
  return { title: fill(w.title, params, locale), body: fill(w.body, params, locale) };
}

export const NOTIFICATION_ACTION_TEXT: Record<TextLocale, Record<NotificationAction['type'], string>> = {
  en: { 'sign-in': 'Sign in again', 'open-url': 'Open the event', 'focus-terminal': 'Show the session', 'install-update': 'Restart now' },
  ja: { 'sign-in': '再サインイン', 'open-url': 'イベントを開く', 'focus-terminal': 'セッションを表示', 'install-update': '今すぐ再起動' },
};

/** The button label of a notification action. */
export function notificationActionText(action: Pick<NotificationAction, 'type'>, locale: TextLocale): string {
  return NOTIFICATION_ACTION_TEXT[locale][action.type];
}

export const TRAY_TEXT = {
  en: {
    tooltip: 'Fumidai',
    signedIn: '{name} — {remaining} left',
    signedOut: '{name} — signed out',
    expired: '{name} — sign-in expired',
    signingIn: '{name} — signing in…',
    error: '{name} — sign-in failed',
    signIn: 'Sign in to {name}',
    signOut: 'Sign out of {name}',
    keys: 'SSH keys',
    key: '{name} — {remaining} left',
    sessions: 'Active sessions',
    session: '{host} ({account})',
    reconnecting: '{host} ({account}) — reconnecting',
    favorites: 'Favourites',
    recents: 'Recent hosts',
    noSessionToConnect: 'Sign in to connect',
    none: 'None',
    open: 'Open Fumidai',
    restartToUpdate: 'Restart to update to {version}',
    updateWaits: 'Update {version} installs when you quit',
    quit: 'Quit Fumidai',
  },
  ja: {
    tooltip: 'Fumidai',
    signedIn: '{name} — 残り {remaining}',
    signedOut: '{name} — サインアウト中',
    expired: '{name} — サインイン期限切れ',
    signingIn: '{name} — サインイン中…',
    error: '{name} — サインイン失敗',
    signIn: '{name} にサインイン',
    signOut: '{name} からサインアウト',
    keys: 'SSH 鍵',
    key: '{name} — 残り {remaining}',
    sessions: '接続中のセッション',
    session: '{host} ({account})',
    reconnecting: '{host} ({account}) — 再接続中',
    favorites: 'お気に入り',
    recents: '最近のホスト',
    noSessionToConnect: '接続するにはサインインしてください',
    none: 'なし',
    open: 'Fumidai を開く',
    restartToUpdate: '再起動してバージョン {version} に更新',
    updateWaits: 'バージョン {version} は終了時にインストールされます',
    quit: 'Fumidai を終了',
  },
} as const satisfies Record<TextLocale, Record<string, string>>;

export type TrayTextKey = keyof (typeof TRAY_TEXT)['en'];

export function trayText(locale: TextLocale, key: TrayTextKey, params: Params = {}): string {
  return fill(TRAY_TEXT[locale][key], params);
}

/** 'ja' for Japanese locales (ja, ja-JP), English for everything else. */
export function textLocaleOf(language: string): TextLocale {
  return language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
