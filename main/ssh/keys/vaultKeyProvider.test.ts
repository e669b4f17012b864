import { describe, expect, it } from 'vitest';
import { SshKeySettingsSchema } from '../../../common/api/sshKeySettings';
import type { SshHop, SshPrompter } from '../types';
import type { KeyInteraction, KeyRequest, KeyVault, LoadedKey } from './keyVault';
import { vaultKeyProvider } from './vaultKeyProvider';

/** A vault that records what it was asked for and answers with a key whose agent is a marker. */
function recordingVault() {
  const requests: KeyRequest[] = [];
  const interactions: Array<KeyInteraction | undefined> = [];
  const agent = { marker: 'vault-agent' };
  const vault = {
    async acquire(request: KeyRequest, interaction?: KeyInteraction): Promise<LoadedKey> {
      requests.push(request);
      interactions.push(interaction);
      return {
        info: { id: 'k1', source: 'parameter-store', label: '/fumidai/keys/production/bastion', expiresAt: 1234 } as LoadedKey['info'],
        agent: agent as unknown as LoadedKey['agent'],
        usable: true,
        authMethod: (username: string) => ({ type: 'agent', username, agent: agent as unknown as LoadedKey['agent'] }),
      };
    },
  } as unknown as KeyVault;
  return { vault, requests, interactions, agent };
}

const access = { ssoSessionId: 'acme', accountId: '111111111111', roleName: 'ProductionOperator', region: 'ap-northeast-1' };
const bastion: SshHop = {
  label: 'prod-bastion (i-0a11111111111111c)',
  role: 'bastion',
  host: '127.0.0.1',
  port: 22,
  username: 'ec2-user',
  hostKeyName: 'i-0a11111111111111c',
  identityFiles: [],
  instance: { instanceId: 'i-0a11111111111111c', name: 'prod-bastion', accountId: '111111111111', region: 'ap-northeast-1', environment: 'production' },
};

describe('vaultKeyProvider', () => {
  it('asks the vault for an EC2 hop with its instance, environment, OS user and connection, and gives ssh2 the vault agent', async () => {
    const v = recordingVault();
    const provider = vaultKeyProvider({ vault: v.vault, settings: () => SshKeySettingsSchema.parse({}), env: {} });
    const key = await provider.keyFor(bastion, access, { connectionId: 'c-1' });
    expect(v.requests[0]).toEqual({ ...access, instanceId: 'i-0a11111111111111c', instanceName: 'prod-bastion', environment: 'production', hop: 'bastion', osUser: 'ec2-user', connectionId: 'c-1' });
    expect(key).toEqual({ agent: v.agent, expiresAt: 1234, source: 'Parameter Store /fumidai/keys/production/bastion' });
    expect(key?.privateKey).toBeUndefined();
  });

  it('prefers a settings rule, then the IdentityFile of ~/.ssh/config; other hosts use their file or the agent, or nothing', async () => {
    const v = recordingVault();
    const settings = SshKeySettingsSchema.parse({ rules: [{ environment: 'production', hop: 'target', source: 'instance-connect' }] });
    const provider = vaultKeyProvider({ vault: v.vault, settings: () => settings, env: { SSH_AUTH_SOCK: '/agent' } });
    await provider.keyFor({ ...bastion, role: 'target' }, access, { connectionId: 'c' });
    await provider.keyFor({ ...bastion, identityFiles: ['/home/u/.ssh/id_ed25519'] }, access, { connectionId: 'c' });
    await provider.keyFor({ ...bastion, instance: undefined, label: 'jump.example.com' }, access, { connectionId: 'c' });
    expect(v.requests.map((r) => r.source)).toEqual([{ kind: 'instance-connect' }, { kind: 'file', path: '/home/u/.ssh/id_ed25519' }, { kind: 'agent' }]);
    expect(v.requests[2]).toMatchObject({ instanceId: 'jump.example.com', environment: 'other' });
    const none = vaultKeyProvider({ vault: v.vault, settings: () => settings, env: {} });
    expect(await none.keyFor({ ...bastion, instance: undefined }, access)).toBeUndefined();
  });

  it('asks for a key file passphrase through the tab prompter, masked, saying when the last one was wrong', async () => {
    const v = recordingVault();
    const asked: Parameters<SshPrompter['keyboardInteractive']>[0][] = [];
    const prompter: SshPrompter = { confirmHostKey: async () => true, keyboardInteractive: async (q) => (asked.push(q), ['secret words']) };
    await vaultKeyProvider({ vault: v.vault, settings: () => SshKeySettingsSchema.parse({}), env: {} }).keyFor(bastion, access, { connectionId: 'c', prompter });
    const ask = v.interactions[0]!.askPassphrase!;
    expect(await ask({ label: '~/.ssh/id_ed25519', attempt: 1 })).toBe('secret words');
    await ask({ label: '~/.ssh/id_ed25519', attempt: 2 });
    expect(asked[0]).toMatchObject({ host: bastion.label, prompts: [{ prompt: 'Passphrase for ~/.ssh/id_ed25519: ', echo: false }], instructions: expect.stringMatching(/protected by a passphrase/) });
    expect(asked[1]!.instructions).toMatch(/not right \(attempt 2\)/);
  });
});
