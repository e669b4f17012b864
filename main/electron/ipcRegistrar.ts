// The one place IPC channels are registered (#17: validate the sender of every IPC message). A
// message is handled only if it comes from the main frame of one of our windows showing app://;
// the Dispatcher then validates its payload against the contract before any handler runs.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { err } from '../../common/api/errors';
import type { Dispatcher } from '../ipc/dispatcher';
import { isAppUrl } from './security';

type SenderEvent = Pick<IpcMainInvokeEvent | IpcMainEvent, 'senderFrame' | 'sender'>;

export function isTrustedSender(event: SenderEvent, isOurWindow: (webContentsId: number) => boolean): boolean {
  const frame = event.senderFrame as (Pick<WebFrameMain, 'url' | 'parent'> | null) | undefined;
  if (!frame) return false; // the frame navigated away or was destroyed
  if (frame.parent !== null) return false; // sub-frames never talk to main
  if (!isAppUrl(frame.url)) return false;
  return isOurWindow(event.sender.id);
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'on'>,
  dispatcher: Dispatcher,
  isOurWindow: (webContentsId: number) => boolean,
  log: (m: string) => void = () => {},
): void {
  for (const channel of dispatcher.invokeChannels) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event, isOurWindow)) {
        log(`refused ${channel} from an untrusted sender`);
        return err('Forbidden', 'This window may not call Fumidai.');
      }
      return dispatcher.handleInvoke(peerIdOf(event.sender.id), channel, payload);
    });
  }
  for (const channel of dispatcher.sendChannels) {
    ipcMain.on(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event, isOurWindow)) {
        log(`dropped ${channel} from an untrusted sender`);
        return;
      }
      dispatcher.handleSend(peerIdOf(event.sender.id), channel, payload);
    });
  }
}

export function peerIdOf(webContentsId: number): string {
  return `wc-${webContentsId}`;
}
