// SSH over Session Manager against the whole emulator: the product's AWS-StartSSHSession stream
// (StartSession with role credentials, the data channel, the handshake) carries an ssh2 client to
// the emulated SSH host of the target instance, which logs the user in with the key pair from
// Parameter Store and runs a command. The login is recorded as coming through the agent.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator';
import { SshSessionStream } from '../../../main/ssm/ports/sshSessionStream';
import { createSsmSessionApi, type SsmSessionApi } from '../../../main/ssm/ssmApi';
import { exec, login } from './sshTestClient';
import { DEV as DEV_ACCOUNT, DEV_BASTION, REGION, useSshWorld } from './sshWorld';

const DEV_APP = 'i-0c33333333333333a'; // SSM agent, no SSH server

const world = useSshWorld('embedded');
let emu: Emulator;
let api: SsmSessionApi;
let privateKey: string;

beforeAll(async () => {
  ({ emu } = world.started());
  const provider = world.started().credentials.provider('acme', DEV_ACCOUNT, 'AdministratorAccess');
  api = createSsmSessionApi(REGION, provider);
  const parameter = await new SSMClient({ region: REGION, credentials: provider }).send(new GetParameterCommand({ Name: '/fumidai/keys/development/bastion', WithDecryption: true }));
  privateKey = parameter.Parameter!.Value!;
}, 60_000);

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('AWS-StartSSHSession through the product client', () => {
  it('logs in to the instance’s SSH host with the Parameter Store key and runs a command', async () => {
    const host = emu.ssh!.hostFor(DEV_BASTION)!;
    const stream = await SshSessionStream.open({ api, target: DEV_BASTION, reason: 'ssh over ssm test' });
    expect(stream.handshake.sessionType).toBe('Port');
    const { client, seenHostKeys } = await login({ sock: stream, username: 'ec2-user', privateKey, expectedHostKey: host.hostKeyFingerprint });
    try {
      expect(seenHostKeys).toEqual([host.hostKeyFingerprint]);
      expect(await exec(client, 'echo "over ssm as $USER"; exit 4')).toMatchObject({ stdout: 'over ssm as ec2-user\n', code: 4 });
    } finally {
      client.end();
    }
    // The SSH host saw the login (from the agent's loopback connection), and the session ends with it.
    expect(emu.ssh!.logins()).toContainEqual(expect.objectContaining({ hostInstanceId: DEV_BASTION, osUser: 'ec2-user', success: true, methods: ['publickey:authorized-key'] }));
    await until(() => !emu.broker.activeSessionIds().includes(stream.sessionId), 'the session to end');
    const started = emu.events().find((e) => e.eventName === 'StartSession' && JSON.stringify(e).includes(stream.sessionId));
    expect(JSON.stringify(started)).toContain('AWS-StartSSHSession');
  });

  it('says why when the instance has no SSH server, or the port is not its SSH port', async () => {
    const noSshd = await SshSessionStream.open({ api, target: DEV_APP });
    const failure = await new Promise<Error>((resolve) => noSshd.once('error', resolve).resume());
    expect(failure.message).toMatch(/Unable to connect to the destination port: connection refused: i-0c33333333333333a has no SSH server on port 22/);

    const wrongPort = await SshSessionStream.open({ api, target: DEV_BASTION, port: 2222 });
    const refused = await new Promise<Error>((resolve) => wrongPort.once('error', resolve).resume());
    expect(refused.message).toMatch(/no SSH server on port 2222/);
    await expect(SshSessionStream.open({ api, target: DEV_BASTION, port: 70_000 })).rejects.toThrow(/SSH port must be a whole number from 1 to 65535/);
  });
});
