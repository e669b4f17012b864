// The SSM documents the emulated agent runs, and what each means on the data channel.
import { SessionType, type SessionTypeName } from '../../main/ssm/protocol';

export type DocumentKind = 'shell' | 'interactive-command' | 'command' | 'port' | 'remote-port' | 'ssh';

export interface DocumentInfo {
  kind: DocumentKind;
  sessionType: SessionTypeName;
  /** Whether the agent opens with a handshake (Port and NonInteractiveCommands do). */
  handshake: boolean;
  /** Parameter defaults (as StartSession would fill them from the document). */
  defaults: Record<string, string>;
}

export const SUPPORTED_DOCUMENTS: Readonly<Record<string, DocumentInfo>> = {
  'SSM-SessionManagerRunShell': { kind: 'shell', sessionType: SessionType.StandardStream, handshake: false, defaults: {} },
  'AWS-StartInteractiveCommand': { kind: 'interactive-command', sessionType: SessionType.InteractiveCommands, handshake: false, defaults: {} },
  'AWS-StartNonInteractiveCommand': { kind: 'command', sessionType: SessionType.NonInteractiveCommands, handshake: true, defaults: {} },
  'AWS-StartPortForwardingSession': { kind: 'port', sessionType: SessionType.Port, handshake: true, defaults: { portNumber: '80', localPortNumber: '0' } },
  'AWS-StartPortForwardingSessionToRemoteHost': {
    kind: 'remote-port',
    sessionType: SessionType.Port,
    handshake: true,
    defaults: { portNumber: '80', localPortNumber: '0' },
  },
  'AWS-StartSSHSession': { kind: 'ssh', sessionType: SessionType.Port, handshake: true, defaults: { portNumber: '22' } },
};

export const DEFAULT_DOCUMENT = 'SSM-SessionManagerRunShell';

export function documentInfo(name: string | undefined): DocumentInfo | undefined {
  return Object.hasOwn(SUPPORTED_DOCUMENTS, name ?? DEFAULT_DOCUMENT) ? SUPPORTED_DOCUMENTS[name ?? DEFAULT_DOCUMENT] : undefined;
}

/** First value of each parameter, over the document's defaults. */
export function resolveParameters(info: DocumentInfo, parameters: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = { ...info.defaults };
  for (const [key, values] of Object.entries(parameters)) if (values[0] !== undefined) out[key] = values[0];
  return out;
}

/** Properties the agent puts in the HandshakeRequest's SessionType action. */
export function handshakeProperties(info: DocumentInfo, params: Record<string, string>): Record<string, unknown> | null {
  switch (info.kind) {
    case 'port':
      return { portNumber: params.portNumber, type: 'LocalPortForwarding', localPortNumber: params.localPortNumber };
    case 'remote-port':
      return { host: params.host, portNumber: params.portNumber, type: 'LocalPortForwarding', localPortNumber: params.localPortNumber };
    case 'ssh':
      return { portNumber: params.portNumber };
    default:
      return null;
  }
}
