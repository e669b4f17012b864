import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayloadSealer, SealError, dataKeyContext } from './sessionEncryption';

describe('session encryption', () => {
  const key = randomBytes(64);

  it('each side opens what the other sealed, and not what it sealed itself', () => {
    const client = new PayloadSealer(key, 'client');
    const agent = new PayloadSealer(key, 'agent');
    expect(agent.open(client.seal(Buffer.from('ls -la\r'))).toString()).toBe('ls -la\r');
    expect(client.open(agent.seal(Buffer.from('total 0\r\n'))).toString()).toBe('total 0\r\n');
    expect(() => client.open(client.seal(Buffer.from('x')))).toThrow(SealError);
  });

  it('seals with a fresh nonce each time: nonce, ciphertext and a 16-byte tag', () => {
    const client = new PayloadSealer(key, 'client');
    const a = client.seal(Buffer.from('same'));
    const b = client.seal(Buffer.from('same'));
    expect(a.length).toBe(12 + 4 + 16);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses altered, truncated or foreign data with a reason', () => {
    const client = new PayloadSealer(key, 'client');
    const agent = new PayloadSealer(key, 'agent');
    const sealed = agent.seal(Buffer.from('secret'));
    sealed[14] = sealed[14]! ^ 1;
    expect(() => client.open(sealed)).toThrow(/integrity check/);
    expect(() => client.open(Buffer.alloc(10))).toThrow(/shorter than its nonce and tag/);
    expect(() => new PayloadSealer(randomBytes(64), 'client').open(agent.seal(Buffer.from('x')))).toThrow(SealError);
    expect(() => new PayloadSealer(randomBytes(32), 'client')).toThrow(/64 bytes/);
  });

  it('answers the challenge so the agent opens it to its own random bytes', () => {
    const client = new PayloadSealer(key, 'client');
    const agent = new PayloadSealer(key, 'agent');
    const random = randomBytes(64);
    const answer = client.answerChallenge(agent.seal(random).toString('base64'));
    expect(agent.open(Buffer.from(answer, 'base64')).equals(random)).toBe(true);
  });

  it('binds the data key to the session and target (and the challenge when given)', () => {
    expect(dataKeyContext('alice-1', 'i-1')).toEqual({ 'aws:ssm:SessionId': 'alice-1', 'aws:ssm:TargetId': 'i-1' });
    expect(dataKeyContext('alice-1', 'i-1', 'Yw==')).toMatchObject({ 'aws:ssm:RandomChallenge': 'Yw==' });
  });
});
