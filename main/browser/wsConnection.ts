// One browser-mode WebSocket = one Peer of the Dispatcher, exactly like one Electron window. This
// file only translates frames: every payload is still validated by the Dispatcher's zod schemas.
import type { WebSocket } from 'ws';
import type { Dispatcher } from '../ipc/dispatcher';
import { decodeClientMessage, encodeWireMessage, WireError, type ServerMessage } from '../../common/browserWire';
import { err } from '../../common/api/errors';

export interface ConnectionLimits {
  /** Invokes one connection may have running at once; more are answered with Throttled. */
  maxInFlightInvokes: number;
  /**
   * Bytes we may have queued for a client that is not reading. Streams are bounded by flow
   * control, so only a stuck or hostile client gets here; it is disconnected rather than allowed
   * to grow the host's memory without bound.
   */
  maxBufferedBytes: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = { maxInFlightInvokes: 256, maxBufferedBytes: 64 * 1024 * 1024 };

export function serveConnection(
  socket: WebSocket,
  peerId: string,
  dispatcher: Dispatcher,
  log: (message: string) => void,
  limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
): void {
  let open = true;
  let inFlight = 0;

  const post = (message: ServerMessage) => {
    if (!open || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      log(`browser host: ${peerId} is not reading; disconnecting`);
      socket.close(1008, 'client too slow');
      return;
    }
    let frame: string | Uint8Array;
    try {
      frame = encodeWireMessage(message);
    } catch (e) {
      // A handler produced something the wire cannot carry: a bug on our side, reported as a value.
      if (message.t !== 'result') return log(`browser host: could not encode an event on ${message.ch}: ${(e as Error).message}`);
      frame = encodeWireMessage({ t: 'result', id: message.id, r: err('Internal', 'The response could not be sent to the browser.') });
    }
    socket.send(frame, { binary: typeof frame !== 'string' });
  };

  dispatcher.addPeer({ id: peerId, send: (channel, payload) => post({ t: 'event', ch: channel, p: payload }) });

  socket.on('message', (data, isBinary) => {
    let message;
    try {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      message = decodeClientMessage(isBinary ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.toString('utf8'));
    } catch (e) {
      // Not our protocol: drop the frame, keep the connection and the host running. An invoke
      // that can still be identified gets an answer so its caller does not wait forever.
      log(`browser host: dropped a malformed frame from ${peerId}: ${e instanceof WireError ? e.message : 'undecodable'}`);
      const id = salvageInvokeId(data, isBinary);
      if (id !== undefined) post({ t: 'result', id, r: err('InvalidRequest', 'The request was not a valid Fumidai message.') });
      return;
    }
    if (message.t === 'send') {
      dispatcher.handleSend(peerId, message.ch, message.p);
      return;
    }
    if (inFlight >= limits.maxInFlightInvokes) {
      post({ t: 'result', id: message.id, r: err('Throttled', 'Too many requests at once; try again.') });
      return;
    }
    inFlight++;
    const { id } = message;
    void dispatcher
      .handleInvoke(peerId, message.ch, message.p)
      .catch((e: unknown) => err('Internal', e instanceof Error ? e.message : String(e)))
      .then((result) => {
        inFlight--;
        post({ t: 'result', id, r: result });
      });
  });

  const finish = () => {
    if (!open) return;
    open = false;
    // Closes this peer's streams so their producers (shells, forwards) stop.
    dispatcher.removePeer(peerId);
  };
  socket.on('close', finish);
  socket.on('error', (e) => {
    log(`browser host: ${peerId} socket error: ${e.message}`);
    finish();
  });
}

function salvageInvokeId(data: unknown, isBinary: boolean): number | undefined {
  if (isBinary) return undefined;
  try {
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : '';
    const value = JSON.parse(text) as { t?: unknown; id?: unknown };
    return value && value.t === 'invoke' && Number.isInteger(value.id) && (value.id as number) >= 0 && (value.id as number) <= 2 ** 31 ? (value.id as number) : undefined;
  } catch {
    return undefined;
  }
}
