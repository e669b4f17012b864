// Writes `[profile …]` sections for the user's accounts and roles into ~/.aws/config so every
// AWS tool can use them. Only sections Fumidai owns (marked by the comment line above them) are
// replaced; every other byte of the file is kept, a timestamped backup is made first, and a file
// with problems is never written.
import { copyFile, readFile } from 'node:fs/promises';
import { FumidaiError } from '../../common/api/errors';
import { writeFileAtomic } from '../platform/atomicFile';
import { parseIni } from './iniFile';

export const OWNED_MARKER = '# managed by Fumidai (fumidai export-profiles)';

export interface ExportInput {
  sessionName: string;
  /** For legacy sessions (no [sso-session]): the start URL and SSO region go into each profile. */
  legacy?: { startUrl: string; ssoRegion: string };
  region?: string;
  accounts: Array<{ accountId: string; accountName: string; roles: string[] }>;
}

export function profileNameFor(accountName: string, roleName: string): string {
  return `${accountName}-${roleName}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
}

/** Removes Fumidai's own blocks from the file text; returns the rest, byte for byte. */
export function stripOwnedSections(text: string): string {
  const lines = text.split(/(?<=\n)/); // keep line endings
  const out: string[] = [];
  let skipping = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const bare = line.replace(/\r?\n$/, '');
    if (bare === OWNED_MARKER) {
      skipping = true;
      continue;
    }
    if (skipping && /^\s*\[/.test(bare) && i > 0 && lines[i - 1]!.replace(/\r?\n$/, '') !== OWNED_MARKER) skipping = false;
    if (!skipping) out.push(line);
  }
  return out.join('');
}

export function renderProfiles(existingText: string, input: ExportInput): { text: string; profiles: number } {
  const kept = stripOwnedSections(existingText);
  const eol = existingText.includes('\r\n') ? '\r\n' : '\n';
  const taken = new Set(parseIni(kept).sections.map((s) => s.name));
  const blocks: string[] = [];
  const sorted = [...input.accounts].sort((a, b) => a.accountName.localeCompare(b.accountName));
  for (const a of sorted) {
    for (const role of [...a.roles].sort()) {
      let name = profileNameFor(a.accountName, role);
      if (taken.has(`profile ${name}`)) name = `${name}-${a.accountId}`;
      taken.add(`profile ${name}`);
      const lines = [OWNED_MARKER, `[profile ${name}]`];
      if (input.legacy) lines.push(`sso_start_url = ${input.legacy.startUrl}`, `sso_region = ${input.legacy.ssoRegion}`);
      else lines.push(`sso_session = ${input.sessionName}`);
      lines.push(`sso_account_id = ${a.accountId}`, `sso_role_name = ${role}`);
      if (input.region) lines.push(`region = ${input.region}`);
      blocks.push(lines.join(eol));
    }
  }
  let base = kept;
  if (base.length && !base.endsWith('\n')) base += eol;
  const sep = base.length && !/(\r?\n){2}$/.test(base) ? eol : '';
  return { text: `${base}${sep}${blocks.join(`${eol}${eol}`)}${blocks.length ? eol : ''}`, profiles: blocks.length };
}

export async function exportProfilesToFile(path: string, input: ExportInput, now: () => number = Date.now): Promise<{ path: string; profiles: number; backupPath?: string }> {
  let existing = '';
  let exists = true;
  try {
    existing = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    exists = false;
  }
  const problems = parseIni(existing).problems;
  if (problems.length) {
    const p = problems[0]!;
    throw new FumidaiError('InvalidConfig', `${path} line ${p.line}: ${p.message}. Fix the file first; Fumidai did not change it.`, { line: p.line });
  }
  const { text, profiles } = renderProfiles(existing, input);
  let backupPath: string | undefined;
  if (exists) {
    backupPath = `${path}.fumidai-backup-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(path, backupPath);
  }
  await writeFileAtomic(path, text, { mode: 0o600 });
  return { path, profiles, ...(backupPath ? { backupPath } : {}) };
}
