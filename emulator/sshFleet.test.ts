import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixture/load';
import { ControllableClock } from './clock';
import { World } from './world';
import { deriveEd25519KeyPair } from './keyMaterial';
import { sshHostSpecs, startSshFleet } from './sshFleet';

const world = () => new World(loadFixture(), new ControllableClock(), 'test-seed');

describe('SSH hosts from the fixture', () => {
  it('describes every running bastion and agentless host with the key pairs Parameter Store holds', () => {
    const specs = sshHostSpecs(world());
    expect(specs.map((s) => [s.name, s.role])).toEqual([
      ['prod-bastion', 'bastion'],
      ['prod-legacy-batch', 'target'],
      ['dev-bastion', 'bastion'],
      ['dev-no-agent', 'target'],
    ]);
    const prodBastion = specs[0]!;
    expect(prodBastion).toMatchObject({ instanceId: 'i-0a11111111111111c', privateIp: '10.10.0.5', osUsers: ['ec2-user'], totpSecret: 'JBSWY3DPEHPK3PXP', hostKeySeed: 'test-seed:host:i-0a11111111111111c' });
    // The same derivation the Parameter Store value comes from, so the private half logs in.
    expect(prodBastion.authorizedKeys).toEqual([deriveEd25519KeyPair('test-seed:keypair:prod-bastion', 'prod-bastion').publicKeyOpenSsh]);
    expect(specs[3]!.totpSecret).toBeUndefined();
  });

  it('starts the SSH part when this build has it, and says why not otherwise', async () => {
    const w = world();
    const logs: string[] = [];
    const hasSshPart = existsSync(fileURLToPath(new URL('./ssh/index.ts', import.meta.url)));
    const fleet = await startSshFleet(w, { validKeys: () => [] }, 'embedded', (m) => logs.push(m));
    try {
      if (hasSshPart) expect(fleet?.hosts.map((h) => h.instanceId).sort()).toEqual(sshHostSpecs(w).map((s) => s.instanceId).sort());
      else {
        console.log('emulator/ssh is not in this build yet: checking the fallback only');
        expect(fleet).toBeUndefined();
        expect(logs).toEqual(['SSH hosts not started: this build has no emulator/ssh part']);
      }
    } finally {
      await fleet?.close();
    }
  });
});
