// The app frame: navigation rail, top bar, the current view, and a status bar. It owns the
// settings that shape everything else (language, theme) and an error banner for failed calls.
import { useEffect, useState, type ReactElement } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { AppInfo } from '../../../common/api/app';
import type { SettingsPatch } from '../../../common/api/settings';
import { I18nProvider, resolveLocale, useI18n } from '../i18n/i18n';
import { useSettings } from '../hooks/useSettings';
import { useColorScheme } from '../hooks/useColorScheme';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { NoticeArea, NoticesProvider, useReportError } from '../notices/Notices';
import { AccountsIcon, HistoryIcon, InstancesIcon, LogoMark, SessionsIcon, SettingsIcon } from '../components/Icons';
import { AccountsView } from '../views/AccountsView/AccountsView';
import { InstancesView } from '../views/InstancesView/InstancesView';
import { SessionsView } from '../views/SessionsView/SessionsView';
import { SettingsView } from '../views/SettingsView/SettingsView';
import { HistoryView } from '../views/HistoryView/HistoryView';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SessionStatus } from './SessionStatus';
import { TerminalsProvider, useTerminals } from '../terminals/terminalsStore';
import type { NotificationAction, WindowRequest } from '../../../common/api/alerts';
import { useAlerts } from '../alerts/useAlerts';
import { NotificationCentre } from '../alerts/NotificationCentre';
import { CountdownStatus } from '../alerts/CountdownStatus';
import { QuickConnectPalette, type PaletteChoice } from '../alerts/QuickConnectPalette';
import { useQuickConnect } from '../alerts/useQuickConnect';
import { useWindowRequests } from '../alerts/useWindowRequests';
import { useBrowserNotifications } from '../alerts/useBrowserNotifications';
import { isPaletteShortcut, isTerminalTarget } from '../alerts/paletteShortcut';
import { useDemo } from '../hooks/useDemo';
import type { RevealRequest } from '../views/InstancesView/useReveal';
import { NAV_LABELS, VIEWS, VIEW_TITLES, viewFromHash, type ViewId } from './routes';

const ICONS: Record<ViewId, () => ReactElement> = { accounts: AccountsIcon, instances: InstancesIcon, sessions: SessionsIcon, history: HistoryIcon, settings: SettingsIcon };

export function App({ client }: { client: FumidaiClient }) {
  const { settings, error: settingsError, update, clearError } = useSettings(client);
  const [appInfo, setAppInfo] = useState<AppInfo | undefined>(undefined);
  useEffect(() => {
    void client.app.getInfo().then((r) => r.ok && setAppInfo(r.value));
  }, [client]);
  const locale = resolveLocale(settings?.language ?? 'system', appInfo?.osLocale ?? navigator.language);
  const scheme = useColorScheme(settings?.theme);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = scheme;
  }, [locale, scheme]);

  return (
    <I18nProvider locale={locale}>
      <NoticesProvider>
        <TerminalsProvider client={client}>
          <Frame client={client} appInfo={appInfo} settingsState={{ settings, error: settingsError, update, clearError }} />
        </TerminalsProvider>
      </NoticesProvider>
    </I18nProvider>
  );
}

interface FrameProps {
  client: FumidaiClient;
  appInfo: AppInfo | undefined;
  settingsState: ReturnType<typeof useSettings>;
}

function Frame({ client, appInfo, settingsState }: FrameProps) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<ViewId>(() => viewFromHash(window.location.hash));
  const report = useReportError();
  const demo = useDemo(client);
  // fumidai:// links: connect brings the host up in Instances, login shows the sign-in.
  const [reveal, setReveal] = useState<RevealRequest | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const take = () =>
      void client.app.takeDeepLink().then((r) => {
        if (!alive || !r.ok || !r.value) return;
        const link = r.value;
        if (link.action === 'login') return go('accounts');
        setReveal((prev) => ({ accountId: link.accountId, instanceId: link.instanceId, ...(link.region ? { region: link.region } : {}), seq: (prev?.seq ?? 0) + 1 }));
        go('instances');
      });
    take();
    const off = client.app.onDidReceiveDeepLink(take);
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  useEffect(() => {
    const onHash = () => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${t(VIEW_TITLES[view])} — ${t('app.name')}`;
  }, [view, t]);
  // Settings that failed to load (or to save) surface as a notice once, not as a sticky banner.
  const { error: settingsError, clearError } = settingsState;
  useEffect(() => {
    if (!settingsError) return;
    report(settingsError);
    clearError();
  }, [settingsError, clearError, report]);

  const go = (id: ViewId) => {
    if (window.location.hash !== `#/${id}`) window.location.hash = `#/${id}`;
    setView(id);
  };
  const updateSettings = (patch: SettingsPatch) => settingsState.update(patch);
  // "Show me the forward I just started": the Sessions view opens on its overview.
  const [overviewRequest, setOverviewRequest] = useState(0);
  const fontSize = settingsState.settings?.terminal.fontSize ?? 13;

  // Alerts: the notification centre, the countdowns, and the quick-connect palette (Ctrl/Cmd+K),
  // which also carries out what the tray and OS notifications ask of the window.
  const alerts = useAlerts(client);
  const terminals = useTerminals();
  const [centreOpen, setCentreOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [updatesFocus, setUpdatesFocus] = useState(0);
  const mac = appInfo?.platform === 'darwin';
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e, mac, isTerminalTarget(e.target))) return;
      // Capture phase: the palette opens even while a terminal has the keyboard (with Ctrl+Shift+K there).
      e.preventDefault();
      e.stopPropagation();
      setPaletteOpen((open) => !open);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [mac]);
  const quick = useQuickConnect(client, () => go('sessions'));
  const focusTerminal = (terminalId: string) => {
    const tab = terminals.tabs.find((x) => x.summary?.terminalId === terminalId);
    if (tab) terminals.activate(tab.key);
    go('sessions');
  };
  const runAction = (a: NotificationAction | undefined) => {
    if (!a) return setCentreOpen(true);
    if (a.type === 'focus-terminal') return focusTerminal(a.terminalId);
    void client.alerts.runAction(a).then((r) => !r.ok && report(r));
    // A new sign-in shows its progress (code or browser page) in the Accounts view.
    if (a.type === 'sign-in') go('accounts');
  };
  const choose = (c: PaletteChoice) => {
    setPaletteOpen(false);
    if (c.kind === 'focus') return focusTerminal(c.terminalId);
    if (c.kind === 'sign-in') return runAction({ type: 'sign-in', sessionId: c.sessionId });
    const outcome = quick.connect(c.target);
    if (outcome === 'needs-sign-in') go('accounts');
    else if (outcome === 'needs-role') go('instances');
  };
  useWindowRequests(client, terminals.restored, (r: WindowRequest) => {
    if (r.type === 'connect') choose({ kind: 'connect', target: r.target });
    else if (r.type === 'focus-terminal') focusTerminal(r.terminalId);
    else if (r.type === 'show-updates') {
      go('settings');
      setUpdatesFocus((n) => n + 1);
    } else setCentreOpen(true);
  });
  const browserNotifications = useBrowserNotifications(client, appInfo?.host === 'browser', locale, runAction);

  return (
    <div className="app" data-testid="app-frame">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <nav className="rail" aria-label={t('nav.label')}>
        <div className="rail__brand" title={t('app.tagline')}>
          <LogoMark />
          <span className="rail__name">{t('app.name')}</span>
        </div>
        <ul className="rail__items">
          {VIEWS.map((id) => {
            const Icon = ICONS[id];
            return (
              <li key={id}>
                <button
                  type="button"
                  data-testid={`nav-${id}`}
                  className={`rail__item${view === id ? ' rail__item--active' : ''}`}
                  aria-current={view === id ? 'page' : undefined}
                  onClick={() => go(id)}
                >
                  <Icon />
                  <span>{t(NAV_LABELS[id])}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="workspace">
        <header className="topbar">
          <h1 className="topbar__title" data-testid="view-title">
            {t(VIEW_TITLES[view])}
          </h1>
          <div className="topbar__status" aria-live="polite">
            {demo?.state === 'on' && (
              <span className="demo-badge" title={t('demo.badge.detail')} data-testid="demo-badge">
                {t('demo.badge')}
              </span>
            )}
            <SessionStatus client={client} />
          </div>
          <button type="button" className="button button--small button--ghost topbar__palette" data-testid="quick-connect-button" onClick={() => setPaletteOpen(true)} title={mac ? t('alerts.palette.title') : t('alerts.palette.inTerminal')}>
            {t('alerts.palette.button', { keys: mac ? '⌘K' : 'Ctrl+K' })}
          </button>
          <NotificationCentre
            history={alerts.history}
            unread={alerts.status.unread}
            open={centreOpen}
            onOpenChange={setCentreOpen}
            onAction={runAction}
            onMarkAllRead={alerts.markAllRead}
            onClear={alerts.clear}
            {...(browserNotifications.available ? { browserNotifications } : {})}
          />
        </header>
        <main id="main" className="view" tabIndex={-1}>
          <ErrorBoundary t={t} key={view} retry>
            {view === 'accounts' && <AccountsView client={client} demo={demo} onError={report} />}
            {view === 'instances' && (
              <InstancesView
                client={client}
                onError={report}
                onOpened={() => go('sessions')}
                onForwardStarted={() => {
                  setOverviewRequest((n) => n + 1);
                  go('sessions');
                }}
                onSignIn={() => go('accounts')}
                reveal={reveal}
              />
            )}
            {view === 'history' && <HistoryView client={client} fontSize={fontSize} onError={report} onOpenSettings={() => go('settings')} />}
            {view === 'settings' &&
              (settingsState.settings ? <SettingsView settings={settingsState.settings} appInfo={appInfo} onChange={updateSettings} client={client} onError={report} updatesFocus={updatesFocus} /> : <p className="muted">{t('app.loading')}</p>)}
          </ErrorBoundary>
          <div hidden={view !== 'sessions'} className="sessions-host">
            <SessionsView
              client={client}
              fontSize={fontSize}
              scrollback={settingsState.settings?.terminal.scrollback ?? 10_000}
              clipboardWrite={settingsState.settings?.terminal.clipboardWrite ?? false}
              mac={appInfo?.platform === 'darwin'}
              overviewRequest={overviewRequest}
              onError={report}
              onFontSize={(size) => void updateSettings({ terminal: { fontSize: size } })}
              onBrowseInstances={() => go('instances')}
            />
          </div>
        </main>
        <footer className="statusbar">
          <ConnectionIndicator />
          {appInfo?.host === 'browser' && <span className="statusbar__item">{t('status.browserMode')}</span>}
          {demo?.state === 'on' && <span className="statusbar__item">{t('demo.badge.detail')}</span>}
          <span className="statusbar__spacer" />
          <CountdownStatus credentials={alerts.status.credentials} />
          {appInfo && <span className="statusbar__item muted">v{appInfo.version}</span>}
        </footer>
        <NoticeArea />
      </div>
      {paletteOpen && <QuickConnectPalette model={alerts.tray} onChoose={choose} onClose={() => setPaletteOpen(false)} />}
      {quick.dialog}
    </div>
  );
}
