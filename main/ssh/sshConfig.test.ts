import { describe, expect, it } from 'vitest';
import { SshConfig, matchesPatterns, parseJump } from './sshConfig';

const CONFIG = `
# defaults first are allowed
User nobody-global

Host bastion-prod i-0a11111111111111c
  HostName 203.0.113.10
  Port 2222
  User ec2-user
  IdentityFile ~/.ssh/bastion_%h

Host 10.10.* !10.10.0.5
  ProxyJump bastion-prod
  User=deploy

Host "quoted host" prod-*
  HostKeyAlias prod-alias
  Port 22

Match host *.internal
  User never-used

Host *
  User fallback
  Port 2200
  IdentityFile ~/.ssh/id_ed25519
`;

describe('SshConfig', () => {
  const config = SshConfig.parse(CONFIG);

  it('takes the first value for each keyword from every matching block, in file order', () => {
    expect(config.resolve('bastion-prod', '/home/u')).toEqual({
      hostName: '203.0.113.10',
      port: 2222,
      user: 'nobody-global',
      identityFiles: ['/home/u/.ssh/bastion_203.0.113.10', '/home/u/.ssh/id_ed25519'],
    });
    expect(config.resolve('10.10.3.30', '/home/u')).toMatchObject({ proxyJump: ['bastion-prod'], user: 'nobody-global', port: 2200 });
  });

  it('honours negated patterns, wildcards and quoted patterns, and ignores Match blocks', () => {
    expect(config.resolve('10.10.0.5').proxyJump).toBeUndefined();
    expect(config.resolve('prod-web-1')).toMatchObject({ hostKeyAlias: 'prod-alias', port: 22 });
    expect(config.resolve('quoted host').hostKeyAlias).toBe('prod-alias');
    expect(config.resolve('db.internal').user).toBe('nobody-global');
    expect(config.problems).toEqual([{ line: 19, message: expect.stringMatching(/Match blocks are not evaluated/) }]);
  });

  it('knows which hosts a specific block names (a bare Host * does not count)', () => {
    expect(config.mentions('i-0a11111111111111c')).toBe(true);
    expect(config.mentions('10.10.3.30')).toBe(true);
    expect(config.mentions('i-0fffffffffffffff0')).toBe(false);
  });

  it('expands %h in HostName and reads ProxyJump none as no jump', () => {
    const c = SshConfig.parse('Host *.corp\n  HostName %h.example.com\n  ProxyJump none\nHost *\n  ProxyJump a@b:2022,c\n');
    expect(c.resolve('db.corp')).toMatchObject({ hostName: 'db.corp.example.com', proxyJump: [] });
    expect(c.resolve('other').proxyJump).toEqual(['a@b:2022', 'c']);
  });

  it('reports unbalanced quotes, empty Host lines and Include with their line numbers', () => {
    const c = SshConfig.parse('Host\nHostName "oops\nInclude other.conf\n');
    expect(c.describeProblems('~/.ssh/config')).toEqual([
      '~/.ssh/config line 1: Host needs at least one pattern',
      '~/.ssh/config line 2: unbalanced quotes',
      '~/.ssh/config line 3: Include is not followed; settings in included files are ignored',
    ]);
  });

  it('ignores an out-of-range port rather than dialling it', () => {
    expect(SshConfig.parse('Host x\n Port 70000\n').resolve('x').port).toBeUndefined();
  });
});

describe('patterns and jumps', () => {
  it('matches case-insensitively with * and ?', () => {
    expect(matchesPatterns('Web-1.Example.com', ['*.example.com'])).toBe(true);
    expect(matchesPatterns('web-12', ['web-?'])).toBe(false);
    expect(matchesPatterns('a.b', ['a?b'])).toBe(true);
    expect(matchesPatterns('a+b', ['a.b'])).toBe(false);
  });

  it('parses user@host:port, bracketed IPv6 and rejects nonsense', () => {
    expect(parseJump('ec2-user@bastion:2222')).toEqual({ user: 'ec2-user', host: 'bastion', port: 2222 });
    expect(parseJump('[fd00::1]:22')).toEqual({ host: 'fd00::1', port: 22 });
    expect(parseJump('bastion')).toEqual({ host: 'bastion' });
    expect(parseJump('a b')).toBeUndefined();
    expect(parseJump('h:99999')).toBeUndefined();
  });
});
