// Electron main process: the composition root. It wires the core (main/composition.ts) to
// Electron — single-instance lock, the app:// protocol, hardened windows, guards, IPC, quitting —
// and holds no behaviour of its own: each step is a few lines over a module with its own tests.
import { app, BrowserWindow, ipcMain, Menu, nativeImage, Notification, powerMonitor, protocol, safeStorage, screen, session, shell, Tray } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../composition';
import { createAppProtocolHandler } from './appProtocol';
import { registerIpc } from './ipcRegistrar';
import { findAppLinks, LaunchLinkQueue, LINK_SCHEME } from './launchLinks';
import { MainWindows, mainWindowOptions } from './mainWindow';
import { applyNavigationGuards } from './navigationGuards';
import { disposeBeforeQuit } from './quitHandling';
import { wipeKeysOnLock } from './screenLock';
import { APP_SCHEME, applyPermissionPolicy, urlForLog } from './security';
import { claimSingleInstance } from './singleInstance';
import { installAppMenu } from './menu';
import { textLocaleOf } from '../../common/alerts/notificationText';
import { rememberWindowState } from './windowMemory';
import { restorableWindowState } from '../platform/windowState';
import { loadWindowState, saveWindowState } from '../platform/windowStateFile';
import { ElectronNotifier } from './notifications';
import { quitsWhenAllWindowsClosed, startTrayShell } from './trayShell';
import { electronLoginItems, wasLaunchedAtLogin } from './loginItems';
import { opensWindowAtStart } from '../desktop/startup';
import { loadUpdaterPort } from './updater';
import { safeStorageSealer } from './safeStorageSealer';

const here = fileURLToPath(new URL('.', import.meta.url)); // out/main/
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'index.cjs');
const log = (m: string) => console.log(`[fumidai] ${m}`);

// Links from the command line, second launches and macOS, held until the core's deep-link router
// takes them (launchLinks.consume, once the window exists).
const launchLinks = new LaunchLinkQueue();
const acceptLink = (url: string) => {
  log(`received ${urlForLog(url)}`);
  launchLinks.push(url);
};

let windows: MainWindows | undefined;
/** electron-builder's appId; Windows also names the login item's Run value after it (loginItems.ts). */
const APP_USER_MODEL_ID = 'dev.fumidai.app';

if (
  !claimSingleInstance(app, (argv) => {
    findAppLinks(argv).forEach(acceptLink);
    windows?.bringToFront();
  })
) {
  // Another Fumidai owns the lock and has been handed our argv; do nothing else.
  app.exit(0);
} else {
  // Windows groups windows and toasts by this id; it must match electron-builder's appId.
  app.setAppUserModelId(APP_USER_MODEL_ID);
  // Before `ready`: app:// behaves like https (secure context, fetch, storage) — checklist #18.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
  // An unpackaged app (`electron .`) would register the Electron binary itself as the handler.
  if (!process.defaultApp) app.setAsDefaultProtocolClient(LINK_SCHEME);
  findAppLinks(process.argv).forEach(acceptLink);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    findAppLinks([url]).forEach(acceptLink);
    windows?.bringToFront();
  });
  void start().catch((e: unknown) => {
    log(`could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const core = await createCore({
    configDir: app.getPath('userData'),
    version: app.getVersion(),
    host: { kind: 'electron', openExternal: (url) => shell.openExternal(url), osLocale: () => app.getLocale() },
    // Installed apps update from their feed (Settings → Updates); a checkout says it cannot.
    updater: await loadUpdaterPort(app, log),
    // Team webhook URLs are sealed by the OS keychain (Keychain, DPAPI, libsecret/KWallet).
    secrets: safeStorageSealer(safeStorage, process.platform),
    // Launch at login (Settings): login items on macOS/Windows, an autostart entry on Linux.
    loginItems: electronLoginItems(app, { platform: process.platform, env: process.env, execPath: process.execPath, appUserModelId: APP_USER_MODEL_ID }),
    log,
  });
  let tray: ReturnType<typeof startTrayShell> | undefined;
  disposeBeforeQuit(
    app,
    async () => {
      tray?.dispose();
      await core.dispose();
    },
    log,
  );
  wipeKeysOnLock(powerMonitor, (reason) => core.keys.wipeAll(reason), log);

  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  applyPermissionPolicy(session.defaultSession, log);
  // #13/#14 for every webContents ever created, including ones we did not create ourselves.
  const openLink = (url: string) => void core.app.openExternal(url).catch((e: Error) => log(`link not opened: ${e.message}`));
  app.on('web-contents-created', (_event, contents) => applyNavigationGuards(contents, openLink, log));

  // The window reopens where it was left, if that place is still on a display.
  const windowStatePath = join(app.getPath('userData'), 'window-state.json');
  const lastPlace = restorableWindowState(
    await loadWindowState(windowStatePath),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const createWindow = () => {
    const win = new BrowserWindow(mainWindowOptions(preloadPath, lastPlace?.bounds));
    rememberWindowState(win, lastPlace, (state) => void saveWindowState(windowStatePath, state).catch((e: Error) => log(`window state not saved: ${e.message}`)));
    return win;
  };
  const mainWindows = new MainWindows(createWindow, core.dispatcher, log);
  windows = mainWindows;
  registerIpc(ipcMain, core.dispatcher, (id) => mainWindows.isOurs(id), log);
  // Links held since launch, then each new one: the core validates and routes them.
  launchLinks.consume((url) => void core.deepLinks.handle(url));

  app.on('activate', () => mainWindows.open()); // macOS: Dock click with no window open

  // The native menu in the UI's language, rebuilt when the language setting changes.
  const menuLocale = () => textLocaleOf(core.settings.get().language === 'system' ? app.getLocale() : core.settings.get().language);
  let shownMenuLocale = menuLocale();
  installAppMenu({ Menu }, process.platform, shownMenuLocale, app.isPackaged);
  core.settings.onDidChange(() => {
    if (menuLocale() === shownMenuLocale) return;
    shownMenuLocale = menuLocale();
    installAppMenu({ Menu }, process.platform, shownMenuLocale, app.isPackaged);
  });

  // The tray and OS notifications work with the window closed. A desktop without a tray area
  // (some Linux sessions) still gets notifications; the app then quits with its last window.
  try {
    tray = startTrayShell({
      core,
      electron: { Tray, Menu, nativeImage },
      notifier: new ElectronNotifier(Notification, process.platform, log),
      iconDir: app.isPackaged ? join(process.resourcesPath, 'tray') : join(here, '..', '..', 'assets', 'tray'),
      platform: process.platform,
      osLocale: () => app.getLocale(),
      bringToFront: () => mainWindows.bringToFront(),
      quit: () => app.quit(),
      powerMonitor,
      log,
    });
  } catch (e) {
    log(`no tray icon: ${(e as Error).message}`);
  }
  // Opened by the OS at login: stay in the tray, unless there is no tray to reach Fumidai from.
  if (opensWindowAtStart({ launchedAtLogin: wasLaunchedAtLogin(app, process.argv, process.platform), hasTray: tray !== undefined })) mainWindows.open();
  else log('opened at login: waiting in the tray');
  app.on('window-all-closed', () => {
    if (quitsWhenAllWindowsClosed(core.settings.get().keepRunningInTray, tray !== undefined, process.platform)) app.quit();
  });
}
