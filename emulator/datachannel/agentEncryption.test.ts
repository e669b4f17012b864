import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayloadSealer, PayloadType } from '../../main/ssm/protocol';
import { AgentEncryption } from './agentEncryption';

/** A stand-in for kms:Decrypt that opens only under the context it was given. */
function kmsWith(key: Buffer, expectedContext: Record<string, string>) {
  return (ciphertext: Buffer, context: Record<string, string>) => {
    if (ciphertext.toString() !== 'blob' || JSON.stringify(context) !== JSON.stringify(expectedContext)) throw new Error('InvalidCiphertextException');
    return Buffer.from(key);
  };
}

describe('AgentEncryption', () => {
  const key = randomBytes(64);

  it('opens the data key, challenges the client and seals/opens the right payload types', () => {
    const agent = new AgentEncryption('alias/k', 's-1', 'i-1', kmsWith(key, { 'aws:ssm:SessionId': 's-1', 'aws:ssm:TargetId': 'i-1' }));
    expect(agent.action()).toMatchObject({ ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: 'alias/k', Challenge: expect.any(String) } });
    const accepted = agent.accept({ KMSCipherTextKey: Buffer.from('blob').toString('base64'), KMSCipherTextHash: null });
    if (!accepted.ok) throw new Error(accepted.error);
    const client = new PayloadSealer(key, 'client');
    const { Challenge } = JSON.parse(accepted.challenge.toString()) as { Challenge: string };
    expect(agent.verify(Buffer.from(JSON.stringify({ Challenge: client.answerChallenge(Challenge) })))).toBe(true);
    expect(agent.verify(Buffer.from(JSON.stringify({ Challenge })))).toBe(false); // echoed back unopened
    expect(agent.verify(Buffer.from('not json'))).toBe(false);
    expect(client.open(agent.sealOutgoing(PayloadType.Output, Buffer.from('out'))).toString()).toBe('out');
    expect(agent.sealOutgoing(PayloadType.Flag, Buffer.from('flag')).toString()).toBe('flag');
    expect(agent.openIncoming(PayloadType.Output, client.seal(Buffer.from('in'))).toString()).toBe('in');
    expect(agent.openIncoming(PayloadType.Size, Buffer.from('{"cols":80}')).toString()).toBe('{"cols":80}');
  });

  it('binds the challenge into the context only when the client acknowledged it', () => {
    let seen: Record<string, string> = {};
    const agent = new AgentEncryption('k', 's', 'i', (_c, context) => {
      seen = context;
      return Buffer.from(key);
    });
    agent.accept({ KMSCipherTextKey: 'YmxvYg==', ChallengeAcknowledgement: true });
    expect(seen['aws:ssm:RandomChallenge']).toBe((agent.action().ActionParameters as { Challenge: string }).Challenge);
  });

  it('ends the session with a reason when the key is missing or does not open', () => {
    const agent = new AgentEncryption('k', 's', 'i', kmsWith(key, { other: 'context' }));
    expect(agent.accept(null)).toEqual({ ok: false, error: expect.stringContaining('no KMSCipherTextKey') });
    expect(agent.accept({ KMSCipherTextKey: 'YmxvYg==' })).toEqual({ ok: false, error: expect.stringContaining('Failed to decrypt the session data key') });
    expect(new AgentEncryption('k', 's', 'i', undefined).accept({ KMSCipherTextKey: 'YmxvYg==' })).toEqual({ ok: false, error: expect.stringContaining('cannot reach KMS') });
  });
});
