// Terminals: SSM shells started with the user's role credentials, and SSH shells (through bastions,
// or over Session Manager), exposed to the renderer as flow-controlled byte streams, with their
// state (connecting → live ⇄ reconnecting → ended) and exit code published as they change. Both
// kinds go through one path once their shell exists (recording, flow control, resize, the end).
import type { ByteSource } from '../../common/api/contract';
import type { TerminalPrompt, TerminalSummary } from '../../common/api/sessions';
import type { RecordingEndCode } from '../../common/api/history';
import { FumidaiError, toErrorValue } from '../../common/api/errors';
import { Emitter, type Event } from '../../common/event';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import { DataChannelClient } from '../ssm/client/dataChannelClient';
import { ShellSession } from '../ssm/client/shellSession';
import { createSsmSessionApi, type SsmSessionApi } from '../ssm/ssmApi';
import type { SshPrompter } from '../ssh/types';
import { PromptUserDetector } from './promptUser';
import { identityOf } from './recordingPolicy';
import type { TerminalShell } from './terminalShell';
import { TerminalSource } from './terminalSource';

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
  /** Who ran it, as the recording names them (the AWS session's principal, or the SSH login). */
  identity: string;
  /** The Session Manager session, when there is one (SSH through a bastion has none). */
  awsSessionId?: string;
  shell: TerminalShell;
}

/** What a recording says when the app quit while it ran (History words code 'quit' in the window's language). */
export const QUIT_REASON = 'Fumidai quit';

/** A running recording: its History name, markers for what the user saw, and its end. */
export interface RecordingHandle {
  readonly name: string;
  mark(label: string): void;
  close(end?: { exitCode?: number; reason?: string; code?: RecordingEndCode }): Promise<void>;
}

/** Opens SSH shells for tabs (main/ssh/); the questions of a login go to the prompter. */
export interface SshShellOpener {
  open(
    input: OpenSshInput,
    prompter: SshPrompter,
    signal: AbortSignal,
  ): Promise<{ shell: TerminalShell; osUser: string; via: string; viaKind: 'bastion' | 'ssm' | 'direct'; awsSessionId?: string; close(): void }>;
}

export type OpenSshInput = OpenShellInput & { via: 'bastion' | 'ssm' | 'direct'; bastionId?: string; osUser?: string };

export interface TerminalServiceDeps {
  credentials: Pick<RoleCredentialsService, 'provider'>;
  /**
   * Starts a recording when policy asks for one (undefined = not recorded). Called before any
   * output is delivered, so the first prompt is in the recording; a recorder that fails to start
   * is logged and the shell goes on unrecorded.
   */
  record?: (request: RecordingRequest) => Promise<RecordingHandle | undefined>;
  ssmApi?: (region: string, credentials: ReturnType<RoleCredentialsService['provider']>) => SsmSessionApi;
  ssh?: SshShellOpener;
  now?: () => number;
  log?: (message: string) => void;
}

interface Terminal {
  summary: TerminalSummary;
  shell?: TerminalShell;
  /** Ends the session on the far side (TerminateSession, or closing the SSH connection). */
  stop: () => Promise<void>;
  recording?: RecordingHandle;
  /** The question waiting for an answer, and how to give it. */
  pending?: { promptId: string; answer: (accept: boolean, responses?: string[]) => void };
  aborter?: AbortController;
}

export class TerminalService {
  private readonly terminals = new Map<string, Terminal>();
  private nextId = 1;
  private nextPromptId = 1;
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
      dataKeys: api.dataKeys,
      targetId: input.instanceId,
      log: this.deps.log,
    });
    const shell = new ShellSession(channel);
    const terminal: Terminal = {
      summary,
      shell,
      stop: async () => {
        await api.terminate(started.sessionId).catch((e) => this.deps.log?.(`TerminateSession ${started.sessionId} failed: ${(e as Error).message}`));
        shell.close();
      },
    };
    await this.startRecording(terminal, shell, input, identityOf(started.sessionId), started.sessionId);
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
    const source = new TerminalSource(() => void this.terminate(terminalId));
    this.attach(terminal, shell, source);
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
    return { meta: { ...summary }, source, shell };
  }

  /**
   * Opens an SSH tab: it exists at once (connecting), its login's questions are published as the
   * summary's prompt, and it goes live with the shell or ends with the reason it could not log in.
   */
  openSsh(input: OpenSshInput): { meta: TerminalSummary; source: ByteSource } {
    const opener = this.deps.ssh;
    if (!opener) throw new FumidaiError('NotSupported', 'SSH sessions are not available in this build.');
    const terminalId = `t${this.nextId++}`;
    const aborter = new AbortController();
    const terminal: Terminal = {
      summary: {
        terminalId,
        kind: 'ssh',
        instanceId: input.instanceId,
        accountId: input.accountId,
        region: input.region,
        roleName: input.roleName,
        state: 'connecting',
        startedAt: this.now(),
      },
      aborter,
      stop: async () => aborter.abort(),
    };
    this.terminals.set(terminalId, terminal);
    const source = new TerminalSource(() => void this.terminate(terminalId));
    const prompter: SshPrompter = {
      confirmHostKey: async (q) => (await this.ask(terminal, { kind: 'host-key', ...q })).accept,
      keyboardInteractive: async (q) => {
        const answer = await this.ask(terminal, { kind: 'keyboard-interactive', ...q });
        return answer.accept ? q.prompts.map((_, i) => answer.responses?.[i] ?? '') : undefined;
      },
    };
    void (async () => {
      let opened: Awaited<ReturnType<SshShellOpener['open']>>;
      try {
        opened = await opener.open(input, prompter, aborter.signal);
      } catch (e) {
        const v = toErrorValue(e);
        this.update(terminal, { state: 'ended', endedAt: this.now(), endReason: v.message, endCode: v.code, prompt: undefined });
        source.end({ reason: v.code === 'Cancelled' ? 'closed' : 'error', code: v.code, message: v.message });
        return;
      }
      const { shell } = opened;
      terminal.stop = async () => opened.close();
      this.update(terminal, { osUser: opened.osUser, via: opened.via, viaKind: opened.viaKind, ...(opened.awsSessionId ? { awsSessionId: opened.awsSessionId } : {}) });
      await this.startRecording(terminal, shell, input, `${opened.osUser}@${opened.via}`, opened.awsSessionId);
      shell.resize(input.cols, input.rows);
      this.update(terminal, { state: 'live' });
      // Output was held until now so the recording starts with the first byte.
      this.attach(terminal, shell, source, true);
    })();
    return { meta: { ...terminal.summary }, source };
  }

  /** The person's answer to a tab's question (the answer itself is never stored or logged). */
  answerPrompt(terminalId: string, promptId: string, accept: boolean, responses?: string[]): void {
    const t = this.get(terminalId);
    if (!t.pending || t.pending.promptId !== promptId) throw new FumidaiError('NotFound', `The question ${promptId} in ${terminalId} is no longer open.`);
    t.pending.answer(accept, responses);
  }

  resize(terminalId: string, cols: number, rows: number): void {
    this.get(terminalId).shell?.resize(cols, rows);
  }

  /** Ends a terminal: TerminateSession on the service (or the SSH connection), then the shell. */
  async terminate(terminalId: string): Promise<void> {
    const t = this.terminals.get(terminalId);
    if (!t || t.summary.state === 'ended') return;
    t.pending?.answer(false);
    await t.stop();
  }

  async disposeAll(): Promise<void> {
    // Every live recording is flushed and stamped "Fumidai quit" first: a recording's end is
    // written once, and terminating the shell would otherwise write its own, plainer end.
    const live = [...this.terminals.values()].filter((t) => t.summary.state !== 'ended');
    await Promise.all(live.map((t) => t.recording?.close({ reason: QUIT_REASON, code: 'quit' }).catch(() => {})));
    await Promise.all([...this.terminals.keys()].map((id) => this.terminate(id)));
  }

  private ask(terminal: Terminal, question: Omit<TerminalPrompt, 'promptId'>): Promise<{ accept: boolean; responses?: string[] }> {
    if (terminal.summary.state === 'ended') return Promise.resolve({ accept: false });
    const promptId = `p${this.nextPromptId++}`;
    return new Promise((resolve) => {
      terminal.pending = {
        promptId,
        answer: (accept, responses) => {
          terminal.pending = undefined;
          this.update(terminal, { prompt: undefined });
          resolve({ accept, ...(responses ? { responses } : {}) });
        },
      };
      this.update(terminal, { prompt: { ...question, promptId } as TerminalPrompt });
    });
  }

  private async startRecording(terminal: Terminal, shell: TerminalShell, input: OpenShellInput, identity: string, awsSessionId: string | undefined): Promise<void> {
    if (!this.deps.record) return;
    terminal.recording = await this.deps.record({ input, identity, shell, ...(awsSessionId ? { awsSessionId } : {}) }).catch((e: unknown) => {
      this.deps.log?.(`${terminal.summary.terminalId} (${input.instanceId}) is not recorded: ${(e as Error).message}`);
      return undefined;
    });
    if (terminal.recording) terminal.summary.recording = terminal.recording.name;
  }

  private attach(terminal: Terminal, shell: TerminalShell, source: TerminalSource, release = false): void {
    terminal.shell = shell;
    source.connect(shell, release);
    shell.onDidEnd((end) => {
      const message = end.error?.message ?? end.output;
      this.update(terminal, {
        state: 'ended',
        endedAt: this.now(),
        ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}),
        ...(message ? { endReason: message } : {}),
        ...(end.error ? { endCode: end.error.code } : {}),
      });
      source.end(
        end.reason === 'failed'
          ? { reason: 'error', code: end.error?.code, message: end.error?.message }
          : {
              reason: end.reason === 'terminated' ? 'closed' : 'exit',
              ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}),
              ...(end.output ? { message: end.output } : {}),
            },
      );
      // Once the recording has its end stamped, say so again: the History view lists it complete.
      void terminal.recording
        ?.close({ exitCode: end.exitCode, reason: message, ...(end.code ? { code: end.code } : {}) })
        .then(() => this.didChange.fire({ ...terminal.summary }))
        .catch(() => {});
    });
  }

  private get(terminalId: string): Terminal {
    const t = this.terminals.get(terminalId);
    if (!t) throw new FumidaiError('NotFound', `No terminal ${terminalId}.`);
    return t;
  }

  private update(t: Terminal, patch: Partial<TerminalSummary>): void {
    Object.assign(t.summary, patch);
    for (const key of Object.keys(patch) as Array<keyof TerminalSummary>) if (patch[key] === undefined) delete t.summary[key];
    this.didChange.fire({ ...t.summary });
  }
}
