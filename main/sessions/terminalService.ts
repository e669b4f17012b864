// Terminals: SSM shells started with the user's role credentials, exposed to the renderer as
// flow-controlled byte streams, with their state (connecting → live ⇄ reconnecting → ended) and
// exit code published as they change.
import type { ByteSource, StreamEnd } from '../../common/api/contract';
import type { TerminalSummary } from '../../common/api/sessions';
import { FumidaiError } from '../../common/api/errors';
import { Emitter, type Event } from '../../common/event';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import { DataChannelClient } from '../ssm/client/dataChannelClient';
import { ShellSession } from '../ssm/client/shellSession';
import { createSsmSessionApi, type SsmSessionApi } from '../ssm/ssmApi';
import { PromptUserDetector } from './promptUser';

export interface OpenShellInput {
  ssoSessionId: string;
  accountId: string;
  roleName: string;
  region: string;
  instanceId: string;
  reason?: string;
  cols: number;
  rows: number;
}

/** What a recorder needs to know about a shell that has just been started. */
export interface RecordingRequest {
  input: OpenShellInput;
  awsSessionId: string;
  shell: ShellSession;
}

/** A running recording: its History name, markers for what the user saw, and its end. */
export interface RecordingHandle {
  readonly name: string;
  mark(label: string): void;
  close(end?: { exitCode?: number; reason?: string }): Promise<void>;
}

export interface TerminalServiceDeps {
  credentials: Pick<RoleCredentialsService, 'provider'>;
  /**
   * Starts a recording when policy asks for one (undefined = not recorded). Called before the
   * data channel opens, so the first prompt is in the recording; a recorder that fails to start
   * is logged and the shell goes on unrecorded.
   */
  record?: (request: RecordingRequest) => Promise<RecordingHandle | undefined>;
  ssmApi?: (region: string, credentials: ReturnType<RoleCredentialsService['provider']>) => SsmSessionApi;
  now?: () => number;
  log?: (message: string) => void;
}

interface Terminal {
  summary: TerminalSummary;
  shell: ShellSession;
  api: SsmSessionApi;
  recording?: RecordingHandle;
}

export class TerminalService {
  private readonly terminals = new Map<string, Terminal>();
  private nextId = 1;
  private readonly didChange = new Emitter<TerminalSummary>();
  readonly onDidChange: Event<TerminalSummary> = this.didChange.event;
  private readonly now: () => number;

  constructor(private readonly deps: TerminalServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  list(): TerminalSummary[] {
    return [...this.terminals.values()].map((t) => ({ ...t.summary }));
  }

  async openShell(input: OpenShellInput): Promise<{ meta: TerminalSummary; source: ByteSource; shell: ShellSession }> {
    const provider = this.deps.credentials.provider(input.ssoSessionId, input.accountId, input.roleName);
    const api = (this.deps.ssmApi ?? createSsmSessionApi)(input.region, provider);
    const terminalId = `t${this.nextId++}`;
    const summary: TerminalSummary = {
      terminalId,
      kind: 'ssm-shell',
      instanceId: input.instanceId,
      accountId: input.accountId,
      region: input.region,
      roleName: input.roleName,
      state: 'connecting',
      startedAt: this.now(),
    };
    const started = await api.start({ target: input.instanceId, reason: input.reason });
    summary.awsSessionId = started.sessionId;
    const channel = new DataChannelClient({
      sessionId: started.sessionId,
      streamUrl: started.streamUrl,
      tokenValue: started.tokenValue,
      resume: () => api.resume(started.sessionId),
      log: this.deps.log,
    });
    const shell = new ShellSession(channel);
    const terminal: Terminal = { summary, shell, api };
    if (this.deps.record) {
      terminal.recording = await this.deps.record({ input, awsSessionId: started.sessionId, shell }).catch((e: unknown) => {
        this.deps.log?.(`session ${started.sessionId} is not recorded: ${(e as Error).message}`);
        return undefined;
      });
      if (terminal.recording) summary.recording = terminal.recording.name;
    }
    this.terminals.set(terminalId, terminal);

    // The OS user (SSMSessionRunAs) is whatever the first prompt names.
    const users = new PromptUserDetector();
    const offUser = shell.onDidOutput((chunk) => {
      const osUser = users.push(chunk);
      if (osUser) this.update(terminal, { osUser });
      if (users.finished) offUser();
    });
    channel.onDidChangeState((state) => {
      if (state === 'open') {
        if (terminal.summary.state === 'reconnecting') terminal.recording?.mark('resumed');
        this.update(terminal, { state: 'live' });
      } else if (state === 'reconnecting') {
        terminal.recording?.mark('reconnecting');
        this.update(terminal, { state: 'reconnecting' });
      }
    });
    try {
      await channel.open();
    } catch (e) {
      this.terminals.delete(terminalId);
      const message = `Could not open the session's data channel (${(e as Error).message}).`;
      await terminal.recording?.close({ reason: message });
      await api.terminate(started.sessionId).catch(() => {});
      throw new FumidaiError('Network', message);
    }
    shell.resize(input.cols, input.rows);

    const endListeners: Array<(end: StreamEnd) => void> = [];
    channel.onDidEnd((end) => {
      const message = end.error?.message ?? end.output;
      this.update(terminal, {
        state: 'ended',
        endedAt: this.now(),
        ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}),
        ...(message ? { endReason: message } : {}),
      });
      const streamEnd: StreamEnd =
        end.reason === 'failed'
          ? { reason: 'error', code: end.error?.code, message: end.error?.message }
          : {
              reason: end.reason === 'terminated' ? 'closed' : 'exit',
              ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}),
              ...(end.output ? { message: end.output } : {}),
            };
      for (const l of endListeners) l(streamEnd);
      // Once the recording has its end stamped, say so again: the History view lists it complete.
      void terminal.recording
        ?.close({ exitCode: end.exitCode, reason: message })
        .then(() => this.didChange.fire({ ...terminal.summary }))
        .catch(() => {});
    });

    const source: ByteSource = {
      onData: (listener) => void shell.onDidOutput((chunk) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))),
      onEnd: (listener) => void endListeners.push(listener),
      write: (data) => shell.write(data),
      pause: () => shell.pause(),
      resume: () => shell.resume(),
      close: () => void this.terminate(terminalId),
    };
    return { meta: { ...summary }, source, shell };
  }

  resize(terminalId: string, cols: number, rows: number): void {
    this.get(terminalId).shell.resize(cols, rows);
  }

  /** Ends a terminal: TerminateSession on the service, then the channel. */
  async terminate(terminalId: string): Promise<void> {
    const t = this.terminals.get(terminalId);
    if (!t || t.summary.state === 'ended') return;
    const id = t.summary.awsSessionId;
    if (id) await t.api.terminate(id).catch((e) => this.deps.log?.(`TerminateSession ${id} failed: ${(e as Error).message}`));
    t.shell.close();
  }

  async disposeAll(): Promise<void> {
    await Promise.all([...this.terminals.keys()].map((id) => this.terminate(id)));
    // Every recording is flushed and stamped before the app goes away.
    await Promise.all([...this.terminals.values()].map((t) => t.recording?.close({ reason: 'Fumidai quit' }).catch(() => {})));
  }

  private get(terminalId: string): Terminal {
    const t = this.terminals.get(terminalId);
    if (!t) throw new FumidaiError('NotFound', `No terminal ${terminalId}.`);
    return t;
  }

  private update(t: Terminal, patch: Partial<TerminalSummary>): void {
    Object.assign(t.summary, patch);
    this.didChange.fire({ ...t.summary });
  }
}
