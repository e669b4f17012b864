// The client half of smux v1 over a TestClient's Output stream (odd stream ids from 3).
import { PayloadType, SmuxCmd, SmuxFrameParser, encodeSmuxData, encodeSmuxFrame } from '../../../../main/ssm/protocol';
import type { TestClient } from './protocolClient';

export class SmuxTestClient {
  private readonly parser = new SmuxFrameParser();
  private readonly received = new Map<number, Buffer[]>();
  private readonly receivedBytes = new Map<number, number>();
  readonly finished = new Set<number>();

  constructor(private readonly client: TestClient) {
    client.onPayload = (payloadType, payload) => {
      if (payloadType !== PayloadType.Output) return;
      for (const frame of this.parser.push(payload)) {
        if (frame.cmd === SmuxCmd.Psh) {
          const list = this.received.get(frame.streamId) ?? [];
          list.push(frame.data);
          this.received.set(frame.streamId, list);
          this.receivedBytes.set(frame.streamId, (this.receivedBytes.get(frame.streamId) ?? 0) + frame.data.length);
        } else if (frame.cmd === SmuxCmd.Fin) {
          this.finished.add(frame.streamId);
        }
      }
    };
  }

  open(streamId: number): void {
    this.client.sendBytes(encodeSmuxFrame(SmuxCmd.Syn, streamId));
  }

  write(streamId: number, data: Buffer): void {
    this.client.sendBytes(Buffer.concat(encodeSmuxData(streamId, data)));
  }

  fin(streamId: number): void {
    this.client.sendBytes(encodeSmuxFrame(SmuxCmd.Fin, streamId));
  }

  bytesOf(streamId: number): number {
    return this.receivedBytes.get(streamId) ?? 0;
  }

  dataOf(streamId: number): Buffer {
    return Buffer.concat(this.received.get(streamId) ?? []);
  }
}
