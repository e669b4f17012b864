// JSON and binary payloads carried inside data-channel messages, plus the open-data-channel text
// frame. Builders write keys in the order the official tools do; parsers validate with zod and
// return values (never throw) so a bad payload is a logged, dropped message rather than a crash.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ActionStatus, PayloadFlag, type PayloadFlagValue, type SessionTypeName } from './constants';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseJson<T>(schema: z.ZodType<T>, data: Uint8Array | string, what: string): Parsed<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
  } catch {
    return { ok: false, error: `${what} is not valid JSON` };
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, error: `${what} is malformed: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}` };
  return { ok: true, value: result.data };
}

// ---- open data channel (first WebSocket frame, TEXT) ----

export interface OpenDataChannelInput {
  MessageSchemaVersion: string;
  RequestId: string;
  TokenValue: string;
  ClientId?: string;
  ClientVersion?: string;
}

const OpenDataChannelSchema = z.object({
  MessageSchemaVersion: z.string(),
  RequestId: z.string(),
  TokenValue: z.string().min(1),
  ClientId: z.string().optional(),
  ClientVersion: z.string().optional(),
});

export function buildOpenDataChannel(opts: { tokenValue: string; clientId?: string; clientVersion?: string; requestId?: string }): string {
  const frame: OpenDataChannelInput = {
    MessageSchemaVersion: '1.0',
    RequestId: opts.requestId ?? randomUUID(),
    TokenValue: opts.tokenValue,
  };
  if (opts.clientId !== undefined) frame.ClientId = opts.clientId;
  if (opts.clientVersion !== undefined) frame.ClientVersion = opts.clientVersion;
  return JSON.stringify(frame);
}

export function parseOpenDataChannel(text: string): Parsed<OpenDataChannelInput> {
  return parseJson(OpenDataChannelSchema, text, 'open-data-channel frame');
}

// ---- acknowledge ----

export interface AcknowledgeContent {
  AcknowledgedMessageType: string;
  AcknowledgedMessageId: string;
  AcknowledgedMessageSequenceNumber: number;
  IsSequentialMessage: boolean;
}

const AcknowledgeSchema = z.object({
  AcknowledgedMessageType: z.string(),
  AcknowledgedMessageId: z.string(),
  AcknowledgedMessageSequenceNumber: z.number().int().nonnegative(),
  IsSequentialMessage: z.boolean(),
});

export function encodeAcknowledge(acked: { messageType: string; messageId: string; sequenceNumber: number }): Buffer {
  const content: AcknowledgeContent = {
    AcknowledgedMessageType: acked.messageType,
    AcknowledgedMessageId: acked.messageId,
    AcknowledgedMessageSequenceNumber: acked.sequenceNumber,
    IsSequentialMessage: true,
  };
  return Buffer.from(JSON.stringify(content));
}

export function parseAcknowledge(payload: Uint8Array): Parsed<AcknowledgeContent> {
  return parseJson(AcknowledgeSchema, payload, 'acknowledge payload');
}

// ---- terminal size ----

export interface TerminalSize {
  cols: number;
  rows: number;
}

const SizeSchema = z.object({ cols: z.number().int().min(0).max(65535), rows: z.number().int().min(0).max(65535) });

export function encodeSize(size: TerminalSize): Buffer {
  return Buffer.from(JSON.stringify({ cols: size.cols, rows: size.rows }));
}

export function parseSize(payload: Uint8Array): Parsed<TerminalSize> {
  return parseJson(SizeSchema, payload, 'size payload');
}

// ---- flags ----

export function encodeFlag(flag: PayloadFlagValue): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(flag, 0);
  return b;
}

export function parseFlag(payload: Uint8Array): Parsed<PayloadFlagValue> {
  if (payload.length !== 4) return { ok: false, error: `flag payload must be 4 bytes, got ${payload.length}` };
  const value = Buffer.from(payload).readUInt32BE(0);
  if (!(Object.values(PayloadFlag) as number[]).includes(value)) return { ok: false, error: `unknown flag ${value}` };
  return { ok: true, value: value as PayloadFlagValue };
}

// ---- handshake ----

export interface RequestedClientAction {
  ActionType: string;
  ActionParameters: unknown;
}

export interface HandshakeRequest {
  AgentVersion: string;
  RequestedClientActions: RequestedClientAction[];
}

export interface SessionTypeActionParameters {
  SessionType: SessionTypeName | string;
  Properties: Record<string, unknown> | null;
}

export interface ProcessedClientAction {
  ActionType: string;
  ActionStatus: number;
  ActionResult: unknown;
  Error: string;
}

export interface HandshakeResponse {
  ClientVersion: string;
  ProcessedClientActions: ProcessedClientAction[];
  Errors: string[] | null;
}

export interface HandshakeComplete {
  /** Nanoseconds. */
  HandshakeTimeToComplete: number;
  CustomerMessage: string;
}

const HandshakeRequestSchema = z.object({
  AgentVersion: z.string(),
  RequestedClientActions: z.array(z.object({ ActionType: z.string(), ActionParameters: z.unknown() })),
});
const HandshakeResponseSchema = z.object({
  ClientVersion: z.string(),
  ProcessedClientActions: z.array(
    z.object({ ActionType: z.string(), ActionStatus: z.number(), ActionResult: z.unknown(), Error: z.string().nullish().transform((e) => e ?? '') }),
  ),
  Errors: z.array(z.string()).nullable().optional().transform((e) => e ?? null),
});
const HandshakeCompleteSchema = z.object({
  HandshakeTimeToComplete: z.number(),
  CustomerMessage: z.string().nullish().transform((m) => m ?? ''),
});

export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export function buildSessionTypeRequest(agentVersion: string, sessionType: string, properties: Record<string, unknown> | null): HandshakeRequest {
  const parameters: SessionTypeActionParameters = { SessionType: sessionType, Properties: properties };
  return { AgentVersion: agentVersion, RequestedClientActions: [{ ActionType: 'SessionType', ActionParameters: parameters }] };
}

export function parseHandshakeRequest(payload: Uint8Array): Parsed<HandshakeRequest> {
  return parseJson(HandshakeRequestSchema, payload, 'handshake request');
}

export function parseHandshakeResponse(payload: Uint8Array): Parsed<HandshakeResponse> {
  return parseJson(HandshakeResponseSchema, payload, 'handshake response') as Parsed<HandshakeResponse>;
}

export function parseHandshakeComplete(payload: Uint8Array): Parsed<HandshakeComplete> {
  return parseJson(HandshakeCompleteSchema, payload, 'handshake complete') as Parsed<HandshakeComplete>;
}

/**
 * Answers a HandshakeRequest the way a client that understands only SessionType does: success for
 * a known session type, Failed for an unknown one, Unsupported for other actions (e.g. KMS).
 */
export function answerHandshake(request: HandshakeRequest, clientVersion: string): { response: HandshakeResponse; sessionType?: string; properties?: Record<string, unknown> | null } {
  const known = new Set(['Standard_Stream', 'Port', 'InteractiveCommands', 'NonInteractiveCommands']);
  const processed: ProcessedClientAction[] = [];
  const errors: string[] = [];
  let sessionType: string | undefined;
  let properties: Record<string, unknown> | null | undefined;
  for (const action of request.RequestedClientActions) {
    if (action.ActionType === 'SessionType') {
      const params = (action.ActionParameters ?? {}) as Partial<SessionTypeActionParameters>;
      if (typeof params.SessionType === 'string' && known.has(params.SessionType)) {
        sessionType = params.SessionType;
        properties = params.Properties ?? null;
        processed.push({ ActionType: action.ActionType, ActionStatus: ActionStatus.Success, ActionResult: null, Error: '' });
      } else {
        const error = `Failed to process action SessionType: Unknown session type ${String(params.SessionType)}`;
        errors.push(error);
        processed.push({ ActionType: action.ActionType, ActionStatus: ActionStatus.Failed, ActionResult: null, Error: error });
      }
    } else {
      const error = `Unsupported action ${action.ActionType}`;
      errors.push(error);
      processed.push({ ActionType: action.ActionType, ActionStatus: ActionStatus.Unsupported, ActionResult: null, Error: error });
    }
  }
  return { response: { ClientVersion: clientVersion, ProcessedClientActions: processed, Errors: errors.length ? errors : null }, sessionType, properties };
}

// ---- channel_closed, exit code, agent session state ----

export interface ChannelClosedContent {
  MessageId: string;
  CreatedDate: string;
  DestinationId: string;
  SessionId: string;
  MessageType: 'channel_closed';
  SchemaVersion: number;
  Output: string;
  /**
   * Extension written by this project's emulator for interactive shells (the real service sends no
   * exit code for them): the shell's exit status. Clients must treat it as optional.
   */
  ExitCode?: number;
}

const ChannelClosedSchema = z.object({
  MessageId: z.string().optional(),
  CreatedDate: z.string().optional(),
  DestinationId: z.string().optional(),
  SessionId: z.string().optional(),
  MessageType: z.string().optional(),
  SchemaVersion: z.number().optional(),
  Output: z.string().optional(),
  ExitCode: z.number().int().optional(),
});

export function parseChannelClosed(payload: Uint8Array): Parsed<z.infer<typeof ChannelClosedSchema>> {
  if (payload.length === 0) return { ok: true, value: {} };
  return parseJson(ChannelClosedSchema, payload, 'channel_closed payload');
}

export function encodeExitCode(code: number): Buffer {
  return Buffer.from(`EXIT_CODE: ${code}`);
}

export function parseExitCode(payload: Uint8Array): Parsed<number> {
  const m = /^EXIT_CODE: (-?\d+)\s*$/.exec(Buffer.from(payload).toString('utf8'));
  if (!m) return { ok: false, error: 'exit code payload is not "EXIT_CODE: <n>"' };
  return { ok: true, value: Number(m[1]) };
}
