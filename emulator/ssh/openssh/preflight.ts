// Whether this machine can run the OpenSSH back-end, and if not, exactly why. sshd must run as
// root (it switches to each login's user), and two small LD_PRELOAD libraries from Samba's cwrap
// project let it do so without touching the machine: nss_wrapper gives it the emulated OS users
// (ec2-user, ...) from a passwd file of our own, pam_wrapper a PAM stack of our own for the TOTP
// step. Nothing is written to /etc.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OpenSshToolchain {
  sshd: string;
  nssWrapper: string;
  pamWrapper: string;
  pamModulesDir: string;
  /** The interpreter sshd runs the AuthorizedKeysCommand and the TOTP check with. */
  node: string;
}

export const APT_PACKAGES = 'openssh-server libnss-wrapper libpam-wrapper';

function libraryDirs(): string[] {
  const triplet = process.arch === 'arm64' ? 'aarch64-linux-gnu' : process.arch === 'x64' ? 'x86_64-linux-gnu' : `${process.arch}-linux-gnu`;
  return [`/usr/lib/${triplet}`, `/lib/${triplet}`, '/usr/lib64', '/usr/lib', '/lib64', '/lib'];
}

function findFile(dirs: string[], name: string): string | undefined {
  return dirs.map((d) => `${d}/${name}`).find((p) => existsSync(p));
}

/**
 * sshd refuses an AuthorizedKeysCommand unless the program and every directory above it are owned
 * by root and writable by nobody else; say so up front instead of failing every login.
 */
function unsafePathReason(path: string): string | undefined {
  for (let p = path; ; p = dirname(p)) {
    const st = statSync(p);
    if (st.uid !== 0 || (st.mode & 0o022) !== 0) return `${p} must be owned by root and not group/world-writable for sshd to run ${path}`;
    if (p === dirname(p)) return undefined;
  }
}

export function locateOpenSsh(): OpenSshToolchain {
  if (process.platform !== 'linux') throw new Error(`the OpenSSH back-end runs on Linux only (this is ${process.platform}); use the embedded back-end`);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error('the OpenSSH back-end needs root: sshd must switch to each emulated OS user (run the emulator as root, e.g. in a CI container, or use the embedded back-end)');
  }
  const sshd = ['/usr/sbin/sshd', '/usr/local/sbin/sshd'].find((p) => existsSync(p));
  const dirs = libraryDirs();
  const nssWrapper = findFile(dirs, 'libnss_wrapper.so');
  const pamWrapper = findFile(dirs, 'libpam_wrapper.so');
  const pamExec = findFile(dirs.map((d) => `${d}/security`), 'pam_exec.so');
  const missing = [
    ...(sshd ? [] : ['sshd (package openssh-server)']),
    ...(nssWrapper ? [] : ['libnss_wrapper.so (package libnss-wrapper)']),
    ...(pamWrapper ? [] : ['libpam_wrapper.so (package libpam-wrapper)']),
    ...(pamExec ? [] : ['pam_exec.so (package libpam-modules)']),
  ];
  if (missing.length) throw new Error(`the OpenSSH back-end needs ${missing.join(', ')}; install with: apt-get install ${APT_PACKAGES}`);
  const unsafe = unsafePathReason(process.execPath);
  if (unsafe) throw new Error(`the OpenSSH back-end cannot use this Node.js: ${unsafe}`);
  return { sshd: sshd!, nssWrapper: nssWrapper!, pamWrapper: pamWrapper!, pamModulesDir: dirname(pamExec!), node: process.execPath };
}

/** Why the OpenSSH back-end cannot run here, or undefined when it can. */
export async function openSshUnavailableReason(): Promise<string | undefined> {
  try {
    locateOpenSsh();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
