import { describe, expect, it } from 'vitest';
import { SmuxCmd, SmuxFrameParser, SmuxProtocolError, encodeSmuxData, encodeSmuxFrame } from './smux';
import { Utf8Chunker, incompleteUtf8Tail } from './utf8Chunker';
import { answerHandshake, buildSessionTypeRequest, encodeFlag, parseFlag, parseOpenDataChannel, buildOpenDataChannel } from './payloads';
import { agentUsesMux, clientUsesMux, compareVersions } from './versions';

describe('Utf8Chunker', () => {
  it('never splits a character and keeps every byte', () => {
    const text = 'é€😀a'.repeat(500);
    const chunker = new Utf8Chunker(1024);
    const chunks = [...chunker.push(Buffer.from(text).subarray(0, 777)), ...chunker.push(Buffer.from(text).subarray(777)), ...chunker.flush()];
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(1024);
      expect(incompleteUtf8Tail(c)).toBe(0);
      expect(c.toString('utf8')).not.toContain('\ufffd');
    }
    expect(Buffer.concat(chunks).toString()).toBe(text);
  });

  it('passes invalid bytes through', () => {
    const chunker = new Utf8Chunker(8);
    const data = Buffer.from([0xff, 0xfe, 0x80, 0x80, 0x41, 0xc3]);
    expect(Buffer.concat([...chunker.push(data), ...chunker.flush()]).equals(data)).toBe(true);
  });
});

describe('smux v1 framing', () => {
  it('parses frames split across arbitrary chunk boundaries', () => {
    const stream = Buffer.concat([encodeSmuxFrame(SmuxCmd.Syn, 3), ...encodeSmuxData(3, Buffer.alloc(70000, 7)), encodeSmuxFrame(SmuxCmd.Fin, 3)]);
    const parser = new SmuxFrameParser();
    const frames = [];
    for (let i = 0; i < stream.length; i += 1000) frames.push(...parser.push(stream.subarray(i, i + 1000)));
    expect(frames.map((f) => f.cmd)).toEqual([0, 2, 2, 2, 1]);
    expect(frames.reduce((n, f) => n + f.data.length, 0)).toBe(70000);
    expect(frames.every((f) => f.streamId === 3)).toBe(true);
  });

  it('rejects a foreign version', () => {
    expect(() => new SmuxFrameParser().push(Buffer.from([2, 0, 0, 0, 3, 0, 0, 0]))).toThrow(SmuxProtocolError);
  });
});

describe('payloads and versions', () => {
  it('answers a handshake and reports unknown session types and actions', () => {
    const ok = answerHandshake(buildSessionTypeRequest('3.3.40.0', 'Port', { portNumber: '80' }), '1.2.677.0');
    expect(ok.response).toEqual({ ClientVersion: '1.2.677.0', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1, ActionResult: null, Error: '' }], Errors: null });
    const bad = answerHandshake({ AgentVersion: '1', RequestedClientActions: [{ ActionType: 'SessionType', ActionParameters: { SessionType: 'X' } }, { ActionType: 'KMSEncryption', ActionParameters: {} }] }, '1');
    expect(bad.response.Errors).toEqual(['Failed to process action SessionType: Unknown session type X', 'Unsupported action KMSEncryption']);
  });

  it('encodes flags and open frames', () => {
    expect(encodeFlag(2).toString('hex')).toBe('00000002');
    expect(parseFlag(Buffer.from([0, 0, 0, 9])).ok).toBe(false);
    const open = parseOpenDataChannel(buildOpenDataChannel({ tokenValue: 't', clientId: 'c', clientVersion: '1.2.677.0' }));
    expect(open.ok && Object.keys(open.value)).toEqual(['MessageSchemaVersion', 'RequestId', 'TokenValue', 'ClientId', 'ClientVersion']);
    expect(parseOpenDataChannel('{"TokenValue":1}').ok).toBe(false);
  });

  it('selects smux like the agent and the plugin', () => {
    expect(compareVersions('1.2.10', '1.2.9')).toBe(1);
    expect(agentUsesMux('1.1.70', 'LocalPortForwarding')).toBe(true);
    expect(agentUsesMux('1.1.61.0', 'LocalPortForwarding')).toBe(false);
    expect(agentUsesMux('1.2.677.0', undefined)).toBe(false);
    expect(clientUsesMux('3.3.40.0', 'LocalPortForwarding')).toBe(true);
    expect(clientUsesMux('3.0.100.0', 'LocalPortForwarding')).toBe(false);
  });
});
