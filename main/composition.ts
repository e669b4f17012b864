// The core of the app, independent of how it is hosted. Electron's main process and the
// browser-mode host both call createCore() and then only connect transports to its dispatcher.
// New domains (auth, inventory, sessions, keys, alerts) are wired here and nowhere else.
import { join } from 'node:path';
import { appDomain } from '../common/api/app';
import { settingsDomain } from '../common/api/settings';
import { authDomain } from '../common/api/auth';
import { accountsDomain } from '../common/api/accounts';
import { Dispatcher } from './ipc/dispatcher';
import { AppService, type HostPlatform } from './app/appService';
import { SettingsService } from './settings/settingsService';
import type { SessionSource, TokenStore } from './auth/ports';
import type { AuthService } from './auth/authService';
import { createAccessServices } from './accessServices';
import { createAwsFiles } from './aws/defaults';
import type { AccountsService } from './accounts/accountsService';
import type { RoleCredentialsService } from './accounts/roleCredentials';
import { buildConsoleLoginUrl } from './accounts/consoleFederation';
import { FumidaiError, toErrorValue } from '../common/api/errors';
import { sessionsDomain } from '../common/api/sessions';
import { TerminalService } from './sessions/terminalService';
import { inventoryDomain } from '../common/api/inventory';
import { InventoryService } from './inventory/inventoryService';
import { InventoryPreferencesStore } from './inventory/inventoryPreferences';
import { forwardInventoryEvents, inventoryHandlers } from './inventory/inventoryHandlers';
import { InstanceShortcutsStore } from './inventory/instanceShortcuts';
import { readConfiguredRegions } from './aws/ssoConfig';
import { forwardsDomain } from '../common/api/forwards';
import { historyDomain } from '../common/api/history';
import { PortForwardService } from './ssm/ports/portForwardService';
import { RecordingHistory } from './sessions/recording/recordingHistory';
import { OpenTabsStore } from './sessions/openTabsStore';
import { recordingPolicy } from './sessions/recordingPolicy';
import { createSshServices, type SshKeyProvider } from './ssh';
import { sshTerminalOpener } from './ssh/terminalOpener';
import type { HostKeyStore } from './ssh/hostKeyStore';
import { keysDomain } from '../common/api/keys';
import { bastionFromRules, createKeyVault, keysHandlers, type KeyVaultService } from './ssh/keys';
import { alertsDomain } from '../common/api/alerts';
import { createAlerts, type Alerts, type AlertsDeps } from './alerts';
import { configureDeviceAgent } from './aws/deviceAgent';
import { setupDomain } from '../common/api/setup';
import { DEMO_SESSION_NAME, DemoOverlay } from './demo/demoOverlay';
import { DemoService, type DemoSandbox } from './demo/demoService';
import { checkStartUrl } from './setup/startUrlProbe';
import { DeepLinkRouter } from './app/deepLinkRouter';
import { createOidcApi } from './auth/oidc';
import { updatesDomain } from '../common/api/updates';
import { UpdateService, type UpdaterPort } from './updates/updateService';
import type { SecretSealer } from './platform/secretSealer';
import { desktopDomain } from '../common/api/desktop';
import { LaunchAtLoginService } from './desktop/launchAtLoginService';
import { unsupportedLoginItems, type LoginItemPort } from './desktop/loginItemPort';

export interface AwsFiles {
  sessions: SessionSource;
  tokens: TokenStore;
  exportProfiles?: (sessionId: string, accounts: AccountsService) => Promise<{ path: string; profiles: number; backupPath?: string }>;
}

export interface CoreOptions {
  configDir: string;
  version: string;
  host: HostPlatform;
  /** ~/.aws/config sessions and the AWS CLI token cache (see main/aws/). */
  aws?: AwsFiles;
  env?: NodeJS.ProcessEnv;
  /** Where SSH logins get their keys (the key vault); without one only keyboard-interactive is tried. */
  sshKeys?: SshKeyProvider;
  log?: (message: string) => void;
  /** Test seams for the alerts (CloudTrail and STS clients, webhook retry timing, poll interval). */
  alerts?: Pick<AlertsDeps, 'activityApi' | 'webhookSender' | 'loginActivityIntervalMs'>;
  /** The demo sandbox, when this build has one (source checkouts; never installed apps). */
  demo?: DemoSandbox;
  /** The host's self-updater (electron-updater in the app); without one, updates are unavailable. */
  updater?: UpdaterPort;
  /** The OS keychain (Electron's safeStorage); without one, secrets at rest stay in owner-only files. */
  secrets?: SecretSealer;
  /** The OS's login items (Electron in the app); without one, launch at login is unsupported here. */
  loginItems?: LoginItemPort;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  readonly settings: SettingsService;
  readonly app: AppService;
  readonly auth: AuthService;
  readonly accounts: AccountsService;
  readonly credentials: RoleCredentialsService;
  readonly terminals: TerminalService;
  /** Host keys accepted in Fumidai (its own known_hosts). */
  readonly hostKeys: HostKeyStore;
  /** Port forwards started from the window (the Sessions view). */
  readonly forwards: PortForwardService;
  /** Local recordings of shell sessions (the History view). */
  readonly recordings: RecordingHistory;
  /** The terminal tabs restored at the next start. */
  readonly openTabs: OpenTabsStore;
  readonly inventory: InventoryService;
  /** Favourite and recent hosts: what the tray and the quick-connect palette offer. */
  readonly shortcuts: InstanceShortcutsStore;
  /** SSH keys held in memory for the connect path (wiped on expiry, sign-out, lock and quit). */
  readonly keys: KeyVaultService;
  /** Expiry clock, notifications, login activity, team webhooks and the tray model. */
  readonly alerts: Alerts;
  /** "Try the demo" on the first run. */
  readonly demo: DemoService;
  /** fumidai:// links handed over by the host (Electron's launch-link queue). */
  readonly deepLinks: DeepLinkRouter;
  /** Whether the OS opens Fumidai at login (asked of the OS each time, never stored). */
  readonly launchAtLogin: LaunchAtLoginService;
  /** Checks, downloads and (only with no live session) restarts into new versions. */
  readonly updates: UpdateService;
  dispose(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? (() => {});
  // Before any AWS client exists: this installation's id goes into every SDK user agent, which is
  // how the login-activity watcher tells this device's CloudTrail events from others'.
  await configureDeviceAgent(options.configDir, options.version).catch((e: unknown) => log(`device id not available: ${(e as Error).message}`));
  const settings = SettingsService.inDirectory(options.configDir);
  await settings.load();
  if (settings.loadProblem) log(settings.loadProblem.message);

  const app = new AppService(options.host, options.version, () => settings.get().externalLinkHosts);
  const dispatcher = new Dispatcher({ log });

  dispatcher.implement(settingsDomain, {
    get: () => settings.get(),
    update: (patch) => settings.update(patch),
  });
  const offSettings = settings.onDidChange((value) => dispatcher.emit(settingsDomain, 'onDidChange', value));
  let lastRules = JSON.stringify(settings.get().environmentRules);

  const env = options.env ?? process.env;
  const awsFiles: AwsFiles = options.aws ?? createAwsFiles(env, options.configDir);
  // The demo's session and tokens stay in memory, over the real files.
  const demoOverlay = new DemoOverlay(awsFiles);
  // Sign-in needs to know the demo's sandbox, and the demo needs sign-in: bound once both exist.
  const demoRef: { current?: DemoService } = {};
  const { auth, accounts, credentials, favorites } = await createAccessServices({
    env,
    configDir: options.configDir,
    files: demoOverlay,
    environmentRules: () => settings.get().environmentRules,
    // Sign-in pages go through the same allow-list as every other external link; the demo
    // approves its sandbox's sign-in page itself, so that one is not opened.
    openBrowser: async (url) => {
      if (demoRef.current?.ownsUrl(url)) return;
      await app.openExternal(url);
    },
    log,
  });
  const demoService = new DemoService({ sandbox: options.demo, overlay: demoOverlay, env, auth, log });
  const deepLinks = new DeepLinkRouter({
    sessions: () => auth.snapshot().sessions,
    signIn: (id) => auth.signIn(id),
    notify: (action) => dispatcher.emit(appDomain, 'onDidReceiveDeepLink', { action }),
    log,
  });
  dispatcher.implement(appDomain, {
    getInfo: () => app.getInfo(),
    openExternal: ({ url }) => app.openExternal(url),
    takeDeepLink: () => deepLinks.take(),
  });
  demoRef.current = demoService;
  dispatcher.implement(setupDomain, {
    checkStartUrl: (req) => checkStartUrl((region) => createOidcApi(region), req),
    demoStatus: () => demoService.status(),
    startDemo: () => demoService.start(),
  });
  const offDemo = demoService.onDidChange((status) => dispatcher.emit(setupDomain, 'onDidChangeDemo', status));
  // Without a port from the host: browser mode says why (it is for development and tests).
  const launchAtLogin = new LaunchAtLoginService(options.loginItems ?? unsupportedLoginItems(options.host.kind === 'browser' ? 'browser-mode' : 'platform'), log);
  dispatcher.implement(desktopDomain, {
    getLaunchAtLogin: () => launchAtLogin.get(),
    setLaunchAtLogin: ({ enabled }) => launchAtLogin.set(enabled),
  });
  const regionOf = (sessionId: string) => auth.summary(sessionId).region;
  // New classification rules re-group the accounts everywhere at once.
  const offRules = settings.onDidChange((value) => {
    const rules = JSON.stringify(value.environmentRules);
    if (rules === lastRules) return;
    lastRules = rules;
    for (const s of auth.snapshot().sessions) if (s.state === 'signed-in') dispatcher.emit(accountsDomain, 'onDidChange', accounts.snapshot(s.id));
  });

  dispatcher.implement(authDomain, {
    listSessions: () => auth.snapshot(),
    addSession: (req) => auth.addSession(req),
    signIn: ({ sessionId, flow }) => auth.signIn(sessionId, flow),
    cancelSignIn: ({ sessionId }) => auth.cancelSignIn(sessionId),
    signOut: ({ sessionId }) => auth.signOut(sessionId),
  });
  dispatcher.implement(accountsDomain, {
    list: ({ sessionId, refresh }) => accounts.list(sessionId, refresh),
    setFavorite: async ({ accountId, favorite }) => ({ favorites: await favorites.setFavorite(accountId, favorite) }),
    openConsole: async ({ sessionId, accountId, roleName }) => {
      const creds = await credentials.get(sessionId, accountId, roleName);
      const url = await buildConsoleLoginUrl(creds, regionOf(sessionId), env);
      return app.openExternal(url);
    },
    exportProfiles: async ({ sessionId }) => {
      if (sessionId === DEMO_SESSION_NAME && demoService.status().state === 'on') {
        throw new FumidaiError('NotSupported', 'The demo sandbox\'s profiles cannot be exported: they would point at a sandbox that stops when Fumidai quits.');
      }
      if (!awsFiles.exportProfiles) throw new FumidaiError('NotSupported', 'Profile export is not available.');
      return awsFiles.exportProfiles(sessionId, accounts);
    },
  });
  let configRegions = await readConfiguredRegions(env);
  const inventory = new InventoryService({
    cacheDir: join(options.configDir, 'cache'),
    preferences: InventoryPreferencesStore.inDirectory(options.configDir, log),
    accounts: async (id) => (await accounts.loadAll(id)).accounts,
    credentials,
    regions: (id) => [...new Set([regionOf(id), ...configRegions])],
    log,
  });
  // Favourite and recent hosts: one store for the Instances view, the tray and the palette.
  const shortcuts = InstanceShortcutsStore.inDirectory(options.configDir, log);
  dispatcher.implement(
    inventoryDomain,
    inventoryHandlers(inventory, shortcuts, {
      beforeRefresh: async () => void (configRegions = await readConfiguredRegions(env)),
    }),
  );
  const offInventory = forwardInventoryEvents(inventory, shortcuts, {
    onDidChange: (snap) => dispatcher.emit(inventoryDomain, 'onDidChange', snap),
    onDidLoadTarget: (loaded) => dispatcher.emit(inventoryDomain, 'onDidLoadTarget', loaded),
    onDidChangeShortcuts: (value) => dispatcher.emit(inventoryDomain, 'onDidChangeShortcuts', value),
  });
  auth.onDidSignOut((id) => inventory.forget(id));

  // Shells are recorded as the settings ask per environment (production by default); old
  // recordings go at start, daily, and whenever the retention setting changes.
  const recordings = new RecordingHistory({ dir: join(options.configDir, 'recordings'), log });
  const retain = () => void recordings.applyRetention(settings.get().recording.retentionDays).catch((e: unknown) => log(`recordings: retention failed: ${(e as Error).message}`));
  retain();
  const retentionTimer = setInterval(retain, 24 * 3600_000);
  retentionTimer.unref?.();
  let lastRetention = settings.get().recording.retentionDays;
  const offRetention = settings.onDidChange((value) => {
    if (value.recording.retentionDays === lastRetention) return;
    lastRetention = value.recording.retentionDays;
    retain();
  });
  // SSH keys: in memory only, for at most the configured lifetime or the SSO sign-in's end.
  const { vault: keys, provider: vaultKeys } = createKeyVault({
    credentials,
    settings: () => settings.get().sshKeys,
    ssoSessionEnd: (id) => auth.snapshot().sessions.find((s) => s.id === id)?.expiresAt,
    env,
    log,
  });
  dispatcher.implement(keysDomain, keysHandlers(keys));
  const offKeys = keys.onDidChange((snap) => dispatcher.emit(keysDomain, 'onDidChange', snap));
  auth.onDidSignOut((id) => keys.wipeAll('sign-out', { ssoSessionId: id }));
  let lastLifetime = settings.get().sshKeys.lifetimeMinutes;
  const offLifetime = settings.onDidChange((value) => {
    if (value.sshKeys.lifetimeMinutes === lastLifetime) return;
    lastLifetime = value.sshKeys.lifetimeMinutes;
    keys.applyLifetime();
  });
  const ssh = createSshServices({ configDir: options.configDir, env, credentials, keys: options.sshKeys ?? vaultKeys, log });
  const terminals = new TerminalService({
    credentials,
    log,
    ssh: sshTerminalOpener({
      ssh: ssh.sessions,
      lookup: (sessionId, instanceId) => inventory.find(sessionId, instanceId),
      configuredBastion: (sessionId, target) => bastionFromRules(settings.get().sshKeys, target, (name) => inventory.findByName(sessionId, target.accountId, target.region, name)),
    }),
    record: recordingPolicy({
      settings: () => settings.get().recording,
      lookup: (input) => {
        const known = inventory.find(input.ssoSessionId, input.instanceId);
        return known ? { environment: known.environment, instanceName: known.name, accountName: known.accountName } : undefined;
      },
      history: recordings,
    }),
  });
  const forwards = new PortForwardService({ credentials, log });
  const openTabs = OpenTabsStore.inDirectory(options.configDir, log);
  /** A session has started: the team webhook (production etc.) and the recent hosts hear of it. */
  const noteStarted = (req: { ssoSessionId: string; accountId: string; roleName: string; region: string; instanceId: string; reason?: string }, meta: { startedAt: number; awsSessionId?: string }) => {
    const known = inventory.find(req.ssoSessionId, req.instanceId);
    // Team webhook (production etc.): in the background; the shell never waits for it.
    alerts.sessionStarted({
      ...req,
      at: meta.startedAt,
      ...(meta.awsSessionId ? { awsSessionId: meta.awsSessionId } : {}),
      known: known ? { name: known.name, accountName: known.accountName, environment: known.environment } : accountEnvironment(req.ssoSessionId, req.accountId),
    });
    // The host becomes a recent one wherever the session was started from (view, tray, palette).
    void shortcuts
      .noteUsed(
        {
          instanceId: req.instanceId,
          accountId: req.accountId,
          region: req.region,
          roleName: req.roleName,
          name: known?.name ?? req.instanceId,
          ...(known ? { accountName: known.accountName, environment: known.environment } : {}),
        },
        Date.now(),
      )
      .catch((e: unknown) => log(`Could not record the recent host: ${(e as Error).message}`));
  };
  dispatcher.implement(sessionsDomain, {
    openShell: async (req) => {
      let opened;
      try {
        opened = await terminals.openShell(req);
      } catch (e) {
        // AWS's refusal (e.g. a policy's condition on the instance's tags) is kept for the host's
        // detail panel, with the role it was refused to, in AWS's own words.
        const v = toErrorValue(e);
        if (v.code === 'AccessDenied') inventory.noteDenial(req.ssoSessionId, req.instanceId, { action: 'ssm:StartSession', roleName: req.roleName, message: v.message });
        throw e;
      }
      const { meta, source } = opened;
      noteStarted(req, meta);
      return { meta, source };
    },
    openSsh: async (req) => {
      const opened = terminals.openSsh(req);
      // An SSH tab has started once its login is through (it may still be asking a question now).
      const off = terminals.onDidChange((t) => {
        if (t.terminalId !== opened.meta.terminalId || t.state === 'connecting') return;
        off();
        if (t.state === 'live') noteStarted(req, t);
      });
      return opened;
    },
    answerPrompt: ({ terminalId, promptId, accept, responses }) => {
      terminals.answerPrompt(terminalId, promptId, accept, responses);
      return { ok: true as const };
    },
    trustedHostKeys: () => ssh.hostKeys.list(),
    forgetHostKey: async ({ name }) => ({ removed: await ssh.hostKeys.forget(name) }),
    resize: ({ terminalId, cols, rows }) => {
      terminals.resize(terminalId, cols, rows);
      return { ok: true as const };
    },
    list: () => terminals.list(),
    terminate: async ({ terminalId }) => {
      await terminals.terminate(terminalId);
      return { ok: true as const };
    },
    savedTabs: () => openTabs.get(),
    saveTabs: async ({ tabs }) => {
      await openTabs.set(tabs);
      return { ok: true as const };
    },
  });
  const offTerminals = terminals.onDidChange((t) => dispatcher.emit(sessionsDomain, 'onDidChange', t));
  // Before the inventory has loaded, a session's environment is its account's (for team webhooks).
  const accountEnvironment = (sessionId: string, accountId: string) => {
    try {
      const a = accounts.snapshot(sessionId).accounts.find((x) => x.accountId === accountId);
      return a ? { accountName: a.accountName, environment: a.environment } : undefined;
    } catch {
      return undefined;
    }
  };
  // Updates: a restart would cut terminals and forwards, so both count as live sessions.
  const liveSessions = () => terminals.list().filter((t) => t.state !== 'ended').length + forwards.list().filter((f) => f.state !== 'ended').length;
  const updates = new UpdateService({ updater: options.updater, currentVersion: options.version, settings: () => settings.get().updates, liveSessions, log });
  let lastUpdateSettings = JSON.stringify(settings.get().updates);
  const offUpdates = [
    settings.onDidChange((value) => {
      const next = JSON.stringify(value.updates);
      if (next === lastUpdateSettings) return;
      lastUpdateSettings = next;
      updates.settingsChanged();
    }),
    terminals.onDidChange(() => updates.sessionsChanged()),
    forwards.onDidChange(() => updates.sessionsChanged()),
    updates.onDidChangeStatus((s) => dispatcher.emit(updatesDomain, 'onDidChangeStatus', s)),
  ];
  dispatcher.implement(updatesDomain, {
    status: () => updates.status(),
    checkNow: () => updates.checkNow(),
    install: () => updates.install(),
  });
  const alerts = createAlerts({
    configDir: options.configDir,
    updates,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    settings,
    auth,
    credentials,
    terminals,
    shortcuts,
    names: (t) => {
      const recent = [...(lastShortcuts?.recents ?? []), ...(lastShortcuts?.favorites ?? [])].find((h) => h.instanceId === t.instanceId);
      return { ...(recent?.name ? { host: recent.name } : {}), ...(recent?.accountName ? { account: recent.accountName } : {}) };
    },
    openExternal: (url) => app.openExternal(url),
    ...options.alerts,
    log,
  });
  let lastShortcuts: Awaited<ReturnType<InstanceShortcutsStore['get']>> | undefined;
  void shortcuts.get().then((s) => (lastShortcuts = s), () => {});
  const offShortcutNames = shortcuts.onDidChange((s) => (lastShortcuts = s));
  dispatcher.implement(alertsDomain, alerts.handlers);
  // Loaded SSH keys count down with everything else; loads and wipes become notifications.
  alerts.attachKeyVault(keys);
  const offAlerts = [
    alerts.service.onDidNotify((n) => dispatcher.emit(alertsDomain, 'onDidNotify', n)),
    alerts.service.onDidChangeStatus((s) => dispatcher.emit(alertsDomain, 'onDidChangeStatus', s)),
    alerts.tray.onDidChange((m) => dispatcher.emit(alertsDomain, 'onDidChangeTray', m)),
    alerts.requests.onDidRequest((r) => dispatcher.emit(alertsDomain, 'onDidRequest', r)),
    offShortcutNames,
    // A downloaded version is announced once; "Restart now" installs it (if no session is live).
    updates.onDidBecomeReady((version) => {
      alerts.service.notify({ kind: 'update-ready', key: `update-ready:${version}`, params: { version }, actions: [{ type: 'install-update' }] });
    }),
  ];
  updates.start();
  dispatcher.implement(forwardsDomain, {
    start: (req) => forwards.start(req),
    list: () => forwards.list(),
    stop: async ({ forwardId }) => {
      await forwards.stop(forwardId);
      return { ok: true as const };
    },
  });
  const offForwards = forwards.onDidChange((f) => dispatcher.emit(forwardsDomain, 'onDidChange', f));
  dispatcher.implement(historyDomain, {
    list: () => recordings.list(),
    read: ({ name, fromEvent, maxEvents }) => recordings.read(name, fromEvent, maxEvents),
  });
  const offAuth = auth.onDidChange((snap) => dispatcher.emit(authDomain, 'onDidChangeSessions', snap));
  const offAccounts = accounts.onDidChange((snap) => dispatcher.emit(accountsDomain, 'onDidChange', snap));
  // Housekeeping: silent refresh before expiry, and state changes at expiry.
  const ticker = setInterval(() => void auth.tick(), 30_000);
  ticker.unref?.();

  return {
    dispatcher,
    settings,
    app,
    auth,
    accounts,
    credentials,
    terminals,
    hostKeys: ssh.hostKeys,
    forwards,
    recordings,
    openTabs,
    inventory,
    shortcuts,
    keys,
    alerts,
    demo: demoService,
    deepLinks,
    launchAtLogin,
    updates,
    async dispose() {
      clearInterval(ticker);
      for (const off of offUpdates) off();
      updates.dispose();
      for (const off of offAlerts) off();
      alerts.dispose();
      clearInterval(retentionTimer);
      offRetention();
      offTerminals();
      offForwards();
      offInventory();
      await Promise.all([terminals.disposeAll(), forwards.disposeAll()]);
      offSettings();
      offRules();
      offAuth();
      offAccounts();
      auth.dispose();
      credentials.wipe();
      offKeys();
      offLifetime();
      keys.dispose();
      offDemo();
      await demoService.dispose();
    },
  };
}
