// The alerts part of the core, composed in one place: the expiry clock fed by every credential
// source, notifications (local, login activity, team webhooks), the tray model and the window
// requests, and the `alerts` contract handlers. createCore calls createAlerts and wires its
// handlers; Electron's tray and OS notifications subscribe to what it exposes.
import type { DomainHandlers } from '../../common/api/contract';
import type { alertsDomain } from '../../common/api/alerts';
import type { Settings } from '../../common/api/settings';
import type { SessionsSnapshot, SsoSessionSummary } from '../../common/api/auth';
import type { TerminalSummary } from '../../common/api/sessions';
import type { UpdateStatus } from '../../common/api/updates';
import { FumidaiError } from '../../common/api/errors';
import type { InstanceShortcuts } from '../../common/api/inventory';
import type { Environment } from '../../common/environments';
import type { Event } from '../../common/event';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import { isThisDevice } from '../aws/deviceAgent';
import { createActivityApi, type ActivityApiFactory } from './activityApi';
import { AlertsService } from './alertsService';
import { notifyExpiry, watchKeyVault, watchRoleCredentials, watchSsoSessions, type KeyVaultEvents } from './credentialAlerts';
import { ExpiryClock } from './expiryClock';
import { LoginActivityWatcher, type WatchTarget } from './loginActivity';
import { notifySignIns, notifyTerminals } from './sessionAlerts';
import { TrayModelSource } from './trayModelSource';
import { TeamNotifier } from './webhooks/teamNotifier';
import { WebhookSender, type SenderOptions } from './webhooks/webhookSender';
import { WebhookStore } from './webhooks/webhookStore';
import { WindowRequests } from './windowRequests';
import type { SecretSealer } from '../platform/secretSealer';

export interface AlertsDeps {
  configDir: string;
  settings: { get(): Settings; onDidChange: Event<Settings> };
  auth: {
    onDidChange: Event<SessionsSnapshot>;
    snapshot(): SessionsSnapshot;
    summary(sessionId: string): SsoSessionSummary;
    refresh(sessionId: string): Promise<void>;
    signIn(sessionId: string): Promise<unknown>;
  };
  credentials: Pick<RoleCredentialsService, 'onDidIssue' | 'onDidWipe' | 'provider'>;
  terminals: { list(): TerminalSummary[]; onDidChange: Event<TerminalSummary> };
  shortcuts: { get(): Promise<InstanceShortcuts>; onDidChange: Event<InstanceShortcuts> };
  /** Host and account names for a terminal (the inventory's). */
  names: (t: TerminalSummary) => { host?: string; account?: string };
  openExternal: (url: string) => Promise<unknown>;
  /** The update service: its downloaded version shows in the tray and "Restart now" installs it. */
  updates?: { status(): UpdateStatus; onDidChangeStatus: Event<UpdateStatus>; install(): unknown };
  /** The OS keychain, where the host has one: team webhook URLs are sealed with it. */
  secrets?: SecretSealer;
  activityApi?: ActivityApiFactory;
  webhookSender?: SenderOptions;
  /** Login-activity polling interval (default 2 minutes). */
  loginActivityIntervalMs?: number;
  log: (message: string) => void;
}

export interface SessionStartInput {
  ssoSessionId: string;
  accountId: string;
  roleName: string;
  region: string;
  instanceId: string;
  reason?: string;
  awsSessionId?: string;
  at: number;
  known?: { name?: string; accountName?: string; environment?: Environment };
}

export type Alerts = Awaited<ReturnType<typeof createAlerts>>;

export function createAlerts(deps: AlertsDeps) {
  const { settings, auth, log } = deps;
  const minutes = (s: Settings) => s.alerts.leadMinutes.map((m) => m * 60_000);
  const clock = new ExpiryClock({ leadTimesMs: minutes(settings.get()), log });
  const service = new AlertsService({ clock, osNotifications: () => settings.get().alerts.osNotifications });
  const requests = new WindowRequests();
  const tray = new TrayModelSource({ auth, clock, terminals: deps.terminals, shortcuts: deps.shortcuts, ...(deps.updates ? { updates: deps.updates } : {}) });

  // Sign-ins this app completed: their CloudTrail events are this device's.
  const ownSignIns: number[] = [];
  let states = new Map(auth.snapshot().sessions.map((s) => [s.id, s.state]));
  const offOwn = auth.onDidChange((snap) => {
    for (const s of snap.sessions) if (s.state === 'signed-in' && states.get(s.id) === 'signing-in') ownSignIns.push(Date.now());
    states = new Map(snap.sessions.map((s) => [s.id, s.state]));
  });

  // Accounts and roles the user works with this run, where the watcher looks for activity.
  const targets = new Map<string, WatchTarget>();
  const offTargets = deps.credentials.onDidIssue((c) => {
    const region = auth.summary(c.sessionId).region;
    targets.set(`${c.sessionId}/${c.accountId}/${region}`, { ssoSessionId: c.sessionId, accountId: c.accountId, roleName: c.roleName, region });
  });
  const activityApi = deps.activityApi ?? createActivityApi;
  const apiFor = (t: { ssoSessionId: string; accountId: string; roleName: string; region: string }) => activityApi(t.region, deps.credentials.provider(t.ssoSessionId, t.accountId, t.roleName));
  const watcher = new LoginActivityWatcher({
    alerts: service,
    targets: () => {
      const list = [...targets.values()];
      // Sessions run in the instances' regions; StartSession is recorded there.
      for (const t of deps.terminals.list()) {
        const owner = list.find((x) => x.accountId === t.accountId);
        if (owner && !list.some((x) => x.accountId === t.accountId && x.region === t.region)) list.push({ ...owner, roleName: t.roleName, region: t.region });
      }
      return list;
    },
    api: apiFor,
    isThisDevice: (ua) => isThisDevice(ua),
    ownSignIns: () => ownSignIns,
    enabled: () => settings.get().alerts.loginActivity,
    intervalMs: deps.loginActivityIntervalMs,
    log,
  });
  watcher.start();

  const webhooks = WebhookStore.inDirectory(deps.configDir, log, deps.secrets);
  const sender = new WebhookSender({
    log,
    ...deps.webhookSender,
    onFailure: (message, environment) => service.notify({ kind: 'webhook-failed', key: `webhook-failed:${environment}`, severity: 'warning', params: { environment, message } }),
  });
  const team = new TeamNotifier({
    hookFor: (env) => webhooks.get(env),
    sender,
    whoAmI: async (t) => (await apiFor(t).whoAmI()).user,
    log,
  });

  let leads = JSON.stringify(settings.get().alerts.leadMinutes);
  const offSettings = settings.onDidChange((s) => {
    const next = JSON.stringify(s.alerts.leadMinutes);
    if (next === leads) return;
    leads = next;
    clock.setLeadTimes(minutes(s));
  });

  const offs = [
    watchSsoSessions(auth, clock),
    watchRoleCredentials(deps.credentials, clock),
    notifyExpiry(clock, service),
    notifySignIns(auth, service),
    notifyTerminals(deps.terminals, service, deps.names),
    offOwn,
    offTargets,
    offSettings,
  ];

  const runAction: DomainHandlers<typeof alertsDomain>['runAction'] = async (action) => {
    if (action.type === 'sign-in') await auth.signIn(action.sessionId);
    else if (action.type === 'open-url') await deps.openExternal(action.url);
    else if (action.type === 'install-update') {
      if (!deps.updates) throw new FumidaiError('NotSupported', 'This copy of Fumidai does not update itself.');
      deps.updates.install();
    } else requests.push({ type: 'focus-terminal', terminalId: action.terminalId });
    return { ok: true as const };
  };

  const handlers: DomainHandlers<typeof alertsDomain> = {
    history: () => service.history(),
    markAllRead: () => {
      service.markAllRead();
      return { ok: true as const };
    },
    clear: () => {
      service.clear();
      return { ok: true as const };
    },
    status: () => service.status(),
    trayModel: () => tray.get(),
    webhooks: () => webhooks.list(),
    setWebhook: ({ environment, url, format }) => webhooks.set(environment, url, format),
    takeRequests: () => requests.take(),
    runAction,
  };

  return {
    service,
    clock,
    tray,
    requests,
    webhooks,
    sender,
    watcher,
    handlers,
    runAction,
    /** Team notification for a session that has just started (never awaited by the session). */
    sessionStarted(input: SessionStartInput): void {
      const environment = input.known?.environment;
      if (!environment) return; // unknown environment: no hook can apply
      team.sessionStarted({
        ssoSessionId: input.ssoSessionId,
        ssoSessionName: auth.summary(input.ssoSessionId).name,
        at: input.at,
        environment,
        host: { instanceId: input.instanceId, ...(input.known?.name ? { name: input.known.name } : {}) },
        account: { id: input.accountId, ...(input.known?.accountName ? { name: input.known.accountName } : {}) },
        role: input.roleName,
        region: input.region,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.awsSessionId ? { awsSessionId: input.awsSessionId } : {}),
      });
    },
    /** The SSH key vault (main/ssh/keys) plugs in here once it is composed. */
    attachKeyVault(vault: KeyVaultEvents): () => void {
      const off = watchKeyVault(vault, clock, service);
      offs.push(off);
      return off;
    },
    dispose(): void {
      watcher.stop();
      for (const off of offs) off();
      tray.dispose();
      clock.dispose();
      service.dispose();
    },
  };
}
