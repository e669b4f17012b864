// The emulated OS users (ec2-user, ...) as nss_wrapper reads them: the machine's own passwd and
// group entries (sshd needs its privilege-separation user) plus one unprivileged account per
// emulated user, with a home directory under the emulated instance's disk.
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareHome } from '../../datachannel/shellHandler';
import type { SshHostSpec } from '../../contracts';

/** First uid tried for emulated users; taken uids are skipped. */
const FIRST_UID = 41000;

export interface EmulatedUsers {
  passwdFile: string;
  groupFile: string;
}

function readLines(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')) : [];
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}

export function writeEmulatedUsers(spec: SshHostSpec, hostDir: string): EmulatedUsers {
  const passwd = readLines('/etc/passwd');
  const group = readLines('/etc/group');
  const names = new Set(spec.osUsers);
  const keptPasswd = passwd.filter((l) => !names.has(l.split(':')[0]!));
  const keptGroup = group.filter((l) => !names.has(l.split(':')[0]!));
  const taken = new Set([...keptPasswd.map((l) => Number(l.split(':')[2])), ...keptGroup.map((l) => Number(l.split(':')[2]))]);
  let next = FIRST_UID;
  const added: string[] = [];
  const addedGroups: string[] = [];
  for (const osUser of spec.osUsers) {
    while (taken.has(next)) next++;
    const uid = next++;
    const home = prepareHome({ osUser, hostname: spec.name, rootDir: hostDir, instanceId: spec.instanceId });
    // sshd starts a login shell, which reads ~/.profile rather than ~/.bashrc.
    const profile = join(home, '.profile');
    if (!existsSync(profile)) writeFileSync(profile, '[ -n "$BASH_VERSION" ] && [ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"\n');
    chownTree(home, uid, uid);
    chmodSync(home, 0o750);
    added.push(`${osUser}:x:${uid}:${uid}:${osUser} (emulated):${home}:/bin/bash`);
    addedGroups.push(`${osUser}:x:${uid}:`);
  }
  const passwdFile = join(hostDir, 'passwd');
  const groupFile = join(hostDir, 'group');
  writeFileSync(passwdFile, [...keptPasswd, ...added, ''].join('\n'), { mode: 0o644 });
  writeFileSync(groupFile, [...keptGroup, ...addedGroups, ''].join('\n'), { mode: 0o644 });
  return { passwdFile, groupFile };
}
