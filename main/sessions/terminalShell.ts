// What a terminal tab needs from whatever carries its shell: a Session Manager shell
// (ssm/client/shellSession.ts) or an SSH shell channel (ssh/sshShell.ts). Flow control, resize,
// recording and the end of the session are written once against this shape.
import type { Event } from '../../common/event';
import type { FumidaiError } from '../../common/api/errors';

export interface ShellEnd {
  /** 'closed' by the far side (the shell exited), 'terminated' by us, 'failed' when the connection was lost. */
  reason: 'closed' | 'terminated' | 'failed';
  /** The far side's last words (Session Manager's reason, or SSH's exit signal). */
  output?: string;
  /** An end Fumidai words itself (then `output` is its English). */
  code?: 'ended-while-disconnected';
  exitCode?: number;
  error?: FumidaiError;
}

export interface TerminalShell {
  readonly onDidOutput: Event<Buffer>;
  /** Input as it is sent (for recorders that keep keystrokes; most must not). */
  readonly onDidWrite: Event<Buffer>;
  readonly onDidResize: Event<{ cols: number; rows: number }>;
  readonly onDidEnd: Event<ShellEnd>;
  /** The last size sent to the far side. */
  readonly terminalSize: { cols: number; rows: number } | undefined;
  write(data: Uint8Array | string): void;
  resize(cols: number, rows: number): void;
  /** Stop delivering output (the terminal is busy); the far side is slowed down, nothing is lost. */
  pause(): void;
  resume(): void;
  close(): void;
}
