// A non-interactive command (AWS-StartNonInteractiveCommand) over the data channel: the agent runs
// it without a terminal and sends stdout as Output, stderr as StdErr (when the document separates
// them; otherwise everything is Output) and finally `EXIT_CODE: n`. Interrupts travel as the
// control bytes the agent turns into signals.
import { PayloadType } from '../protocol';
import { Emitter, type Event } from '../../../common/event';
import type { ChannelEnd, DataChannelClient } from './dataChannelClient';

export interface CommandEnd extends ChannelEnd {
  /** The command's exit status when the agent reported it. */
  exitCode?: number;
}

const SIGNAL_BYTES = { SIGINT: 0x03, SIGQUIT: 0x1c, SIGTSTP: 0x1a } as const;

export class CommandSession {
  private readonly didStdout = new Emitter<Buffer>();
  readonly onDidStdout: Event<Buffer> = this.didStdout.event;
  private readonly didStderr = new Emitter<Buffer>();
  readonly onDidStderr: Event<Buffer> = this.didStderr.event;
  readonly onDidEnd: Event<CommandEnd>;

  constructor(readonly channel: DataChannelClient) {
    this.onDidEnd = channel.onDidEnd;
    channel.onDidReceive(({ payloadType, payload }) => {
      if (payloadType === PayloadType.Output) this.didStdout.fire(payload);
      else if (payloadType === PayloadType.StdErr) this.didStderr.fire(payload);
      // ExitCode is kept by the channel and reported with the end.
    });
  }

  /** Delivers a signal to the remote command (SIGINT, SIGQUIT or SIGTSTP). */
  signal(name: keyof typeof SIGNAL_BYTES): void {
    this.channel.send(PayloadType.Output, Buffer.from([SIGNAL_BYTES[name]]));
  }

  close(): void {
    this.channel.close();
  }
}
