// The app's window: created with the hardened preferences, registered as a contract peer for as
// long as its webContents lives, and the only webContents whose IPC is trusted (ipcRegistrar asks
// `isOurs`). Electron is reached only through the `create` function index.ts passes in.
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import type { Peer } from '../../common/api/transport';
import { peerIdOf } from './ipcRegistrar';
import { APP_ORIGIN, secureWebPreferences } from './security';
import type { Rect } from '../platform/windowState';

export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** `bounds`: where the window was last (already checked to be on a display); else centred. */
export function mainWindowOptions(preloadPath: string, bounds?: Rect): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height } : {}),
    minWidth: 800,
    minHeight: 520,
    title: 'Fumidai',
    show: false, // shown on ready-to-show, so no white flash
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export type AppWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus' | 'once' | 'loadURL'> & {
  readonly webContents: Pick<WebContents, 'id' | 'send' | 'once' | 'isDestroyed'>;
};

export interface PeerRegistry {
  addPeer(peer: Peer): void;
  removePeer(peerId: string): void;
}

export class MainWindows {
  private readonly ours = new Set<number>();
  private current: AppWindow | undefined;

  constructor(
    private readonly create: () => AppWindow,
    private readonly peers: PeerRegistry,
    private readonly log: (m: string) => void = () => {},
  ) {}

  /** True for the webContents of a window this class created and that still lives. */
  isOurs(webContentsId: number): boolean {
    return this.ours.has(webContentsId);
  }

  /** The live window, creating (and loading) one if there is none. */
  open(): AppWindow {
    if (this.current && !this.current.isDestroyed()) return this.current;
    const win = this.create();
    const contents = win.webContents;
    const id = contents.id;
    const peerId = peerIdOf(id);
    this.ours.add(id);
    this.peers.addPeer({ id: peerId, send: (channel, payload) => void (!contents.isDestroyed() && contents.send(channel, payload)) });
    // One peer per webContents: gone with it, so its streams close and producers stop.
    contents.once('destroyed', () => {
      this.ours.delete(id);
      this.peers.removePeer(peerId);
    });
    win.once('ready-to-show', () => win.show());
    win.loadURL(APP_ENTRY_URL).catch((e: Error) => this.log(`the window could not load the app (${e.message}); was the renderer built? Run: npm run build`));
    this.current = win;
    return win;
  }

  /** A second launch or a deep link: show the window, restored and focused. */
  bringToFront(): void {
    const win = this.open();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }
}
