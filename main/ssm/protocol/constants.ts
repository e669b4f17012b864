// Enumerations and fixed sizes of the Session Manager data-channel protocol (client ⇄ agent).
// Shared by the product's client and the emulator's agent side; no runtime dependencies.

/** MessageType strings (header offset 4, 32 bytes, space padded). */
export const MessageType = {
  InputStreamData: 'input_stream_data',
  OutputStreamData: 'output_stream_data',
  Acknowledge: 'acknowledge',
  ChannelClosed: 'channel_closed',
  StartPublication: 'start_publication',
  PausePublication: 'pause_publication',
  AgentSessionState: 'agent_session_state',
} as const;
export type MessageTypeName = (typeof MessageType)[keyof typeof MessageType];

export const KNOWN_MESSAGE_TYPES: ReadonlySet<string> = new Set(Object.values(MessageType));

/** PayloadType numbers (header offset 112). */
export const PayloadType = {
  None: 0,
  Output: 1,
  Error: 2,
  Size: 3,
  Parameter: 4,
  HandshakeRequest: 5,
  HandshakeResponse: 6,
  HandshakeComplete: 7,
  EncChallengeRequest: 8,
  EncChallengeResponse: 9,
  Flag: 10,
  StdErr: 11,
  ExitCode: 12,
} as const;
export type PayloadTypeValue = (typeof PayloadType)[keyof typeof PayloadType];

/** Header Flags field: SYN on the agent's seq 0, 3 on non-sequenced messages. */
export const HeaderFlag = { None: 0, Syn: 1, Fin: 2, NonSequenced: 3 } as const;

/** 4-byte big-endian payloads of PayloadType Flag. */
export const PayloadFlag = { DisconnectToPort: 1, TerminateSession: 2, ConnectToPortError: 3 } as const;
export type PayloadFlagValue = (typeof PayloadFlag)[keyof typeof PayloadFlag];

/** HeaderLength as written: header bytes before the PayloadLength field. */
export const HEADER_LENGTH = 116;
/** Payload starts here (HeaderLength + the 4-byte PayloadLength). */
export const PAYLOAD_OFFSET = 120;
export const MESSAGE_TYPE_LENGTH = 32;
export const SCHEMA_VERSION = 1;
/** Largest payload the plugin and agent put in one stream message. */
export const STREAM_DATA_PAYLOAD_SIZE = 1024;

/** Session types the agent announces in the handshake (from the SSM document's sessionType). */
export const SessionType = {
  StandardStream: 'Standard_Stream',
  InteractiveCommands: 'InteractiveCommands',
  NonInteractiveCommands: 'NonInteractiveCommands',
  Port: 'Port',
} as const;
export type SessionTypeName = (typeof SessionType)[keyof typeof SessionType];

/** ProcessedClientAction.ActionStatus */
export const ActionStatus = { Success: 1, Failed: 2, Unsupported: 3 } as const;
