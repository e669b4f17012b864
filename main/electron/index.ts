// Electron main process: the composition root. It wires the core (main/composition.ts) to
// Electron — single-instance lock, the app:// protocol, hardened windows, guards, IPC — and
// holds no behaviour of its own.
import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../composition';
import { createAppProtocolHandler } from './appProtocol';
import { applyNavigationGuards } from './navigationGuards';
import { peerIdOf, registerIpc } from './ipcRegistrar';
import { APP_ORIGIN, APP_SCHEME, isPermissionAllowed, secureWebPreferences } from './security';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'index.cjs');
const log = (m: string) => console.log(`[fumidai] ${m}`);

// Only one Fumidai per user: a second launch (e.g. from a deep link) focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  // Must happen before `ready`: app:// behaves like https (secure context, fetch, storage).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
  app.setAppUserModelId('dev.fumidai.app');
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const core: Core = await createCore({
    configDir: app.getPath('userData'),
    version: app.getVersion(),
    host: { kind: 'electron', openExternal: (url) => shell.openExternal(url), osLocale: () => app.getLocale() },
    log,
  });

  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  // #5: deny every permission except the few the UI needs, and only to our own origin.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, `${requestingOrigin}/`));
  // #13/#14 for every webContents ever created, including ones we did not create ourselves.
  app.on('web-contents-created', (_e, contents) =>
    applyNavigationGuards(contents, (url) => void core.app.openExternal(url).catch((e) => log(`link not opened: ${(e as Error).message}`)), log),
  );

  const windows = new Set<number>();
  registerIpc(ipcMain, core.dispatcher, (id) => windows.has(id), log);

  const createWindow = () => {
    const win = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 800,
      minHeight: 520,
      title: 'Fumidai',
      show: false,
      webPreferences: secureWebPreferences(preloadPath),
    });
    const id = win.webContents.id;
    windows.add(id);
    core.dispatcher.addPeer({ id: peerIdOf(id), send: (channel, payload) => !win.isDestroyed() && win.webContents.send(channel, payload) });
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      windows.delete(id);
      core.dispatcher.removePeer(peerIdOf(id));
    });
    void win.loadURL(`${APP_ORIGIN}/index.html`);
    return win;
  };

  let main = createWindow();
  app.on('second-instance', () => {
    if (main.isDestroyed()) main = createWindow();
    if (main.isMinimized()) main.restore();
    main.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) main = createWindow();
  });
  app.on('window-all-closed', () => {
    // Until the tray exists, closing the last window quits (macOS keeps the app in the Dock).
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    event.preventDefault();
    // Role credentials and keys are wiped by dispose; then quit for real.
    void core.dispose().finally(() => app.exit(0));
  });
}
