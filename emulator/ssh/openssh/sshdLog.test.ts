import { describe, expect, it } from 'vitest';
import { LoginLog } from '../loginLog';
import { SshdLogParser } from './sshdLog';

const FP = 'SHA256:TtPdswCoMZ0E+Tckq+ebRMEgkxd77IrCFd6eYV2BFNE';

function parse(lines: string[]) {
  const log = new LoginLog();
  const parser = new SshdLogParser('i-0b00000000000b001', log, () => 1_700_000_000_000, (fp) => (fp === FP ? 'authorized-key' : undefined));
  for (const line of lines) parser.line(line);
  return log.all();
}

// Lines as Debian's sshd 9.2 writes them with LogLevel VERBOSE and -e.
describe('sshd log → login records', () => {
  it('records a public key + TOTP login once, however many lines the disconnect takes', () => {
    const records = parse([
      'Connection from 127.0.0.1 port 34132 on 127.0.0.1 port 38641 rdomain ""',
      'Postponed publickey for ec2-user from 127.0.0.1 port 34132 ssh2 [preauth]',
      `Partial publickey for ec2-user from 127.0.0.1 port 34132 ssh2: ED25519 ${FP}`,
      'Postponed keyboard-interactive/pam for ec2-user from 127.0.0.1 port 34132 ssh2 [preauth]',
      'Accepted keyboard-interactive/pam for ec2-user from 127.0.0.1 port 34132 ssh2',
      'Received disconnect from 127.0.0.1 port 34132:11: disconnected by user',
      'Disconnected from user ec2-user 127.0.0.1 port 34132',
    ]);
    expect(records).toEqual([
      { hostInstanceId: 'i-0b00000000000b001', osUser: 'ec2-user', methods: ['publickey:authorized-key', 'keyboard-interactive'], keyFingerprint: FP, remoteAddress: '127.0.0.1', atMs: 1_700_000_000_000, success: true },
    ]);
  });

  it('records a wrong code as one failed login that names the key that got through', () => {
    const records = parse([
      'Connection from 127.0.0.1 port 41948 on 127.0.0.1 port 42441 rdomain ""',
      `Partial publickey for ec2-user from 127.0.0.1 port 41948 ssh2: ED25519 ${FP}`,
      'Failed keyboard-interactive/pam for ec2-user from 127.0.0.1 port 41948 ssh2',
      'Received disconnect from 127.0.0.1 port 41948:11:  [preauth]',
      'Disconnected from authenticating user ec2-user 127.0.0.1 port 41948 [preauth]',
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ success: false, osUser: 'ec2-user', methods: ['publickey:authorized-key'], keyFingerprint: FP });
  });

  it('records an unknown user and a key that was never accepted as failures without a method', () => {
    const records = parse([
      'Connection from 127.0.0.1 port 5000 on 127.0.0.1 port 22 rdomain ""',
      'Invalid user root from 127.0.0.1 port 5000',
      'Connection closed by invalid user root 127.0.0.1 port 5000 [preauth]',
      'Connection from 127.0.0.1 port 5001 on 127.0.0.1 port 22 rdomain ""',
      'Connection closed by authenticating user ec2-user 127.0.0.1 port 5001 [preauth]',
    ]);
    expect(records.map((r) => [r.osUser, r.success, r.methods, r.keyFingerprint])).toEqual([
      ['root', false, [], ''],
      ['ec2-user', false, [], ''],
    ]);
  });

  it('records a key-only login and names an unknown key source plainly', () => {
    const records = parse([
      'Connection from 127.0.0.1 port 6000 on 127.0.0.1 port 22 rdomain ""',
      'Accepted publickey for deploy from 127.0.0.1 port 6000 ssh2: ED25519 SHA256:other',
    ]);
    expect(records[0]).toMatchObject({ success: true, osUser: 'deploy', methods: ['publickey'], keyFingerprint: 'SHA256:other' });
  });

  it('ignores lines about connections it never saw finish authenticating and unrelated chatter', () => {
    expect(parse(['Server listening on 127.0.0.1 port 22.', 'Received disconnect from 127.0.0.1 port 7000:11: bye', 'Disconnected from user deploy 127.0.0.1 port 7000'])).toEqual([]);
  });
});
