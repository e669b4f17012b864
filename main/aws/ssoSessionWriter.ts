// Adds an `[sso-session NAME]` section to ~/.aws/config, as `aws configure sso` would, so the
// session set up in Fumidai's first run also serves the AWS CLI and SDKs. Every existing byte of
// the file is kept (the section is appended, in the file's own line endings), a file with
// problems is never written, and the write is atomic.
import { readFile } from 'node:fs/promises';
import { FumidaiError } from '../../common/api/errors';
import { writeFileAtomic } from '../platform/atomicFile';
import { parseIni } from './iniFile';

export interface NewSsoSession {
  name: string;
  startUrl: string;
  region: string;
  scopes: readonly string[];
}

/** The file text with the session appended; throws if the file has problems or the name is taken. */
export function appendSsoSessionText(existing: string, path: string, session: NewSsoSession): string {
  const doc = parseIni(existing);
  const problem = doc.problems[0];
  if (problem) {
    throw new FumidaiError('InvalidConfig', `${path} line ${problem.line}: ${problem.message}. Fix the file first; Fumidai did not change it.`, { line: problem.line });
  }
  const clash = doc.sections.find((s) => s.name === `sso-session ${session.name}`);
  if (clash) throw new FumidaiError('Conflict', `${path} already has an [sso-session ${session.name}] (line ${clash.line}). Choose another name.`);
  // Values end at the line break and a leading [ would start a section: refuse rather than escape.
  for (const value of [session.name, session.startUrl, session.region, ...session.scopes]) {
    if (/[\r\n[\]]/.test(value)) throw new FumidaiError('InvalidConfig', `"${value}" cannot be written to ${path}: it contains a line break or a bracket.`);
  }
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = [`[sso-session ${session.name}]`, `sso_start_url = ${session.startUrl}`, `sso_region = ${session.region}`];
  if (session.scopes.length) lines.push(`sso_registration_scopes = ${session.scopes.join(',')}`);
  let base = existing;
  if (base.length && !base.endsWith('\n')) base += eol;
  const gap = base.length && !/(\r?\n){2}$/.test(base) ? eol : '';
  return `${base}${gap}${lines.join(eol)}${eol}`;
}

export async function appendSsoSession(path: string, session: NewSsoSession): Promise<void> {
  let existing = '';
  try {
    existing = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new FumidaiError('InvalidConfig', `Could not read ${path}: ${(e as Error).message}`);
  }
  await writeFileAtomic(path, appendSsoSessionText(existing, path, session), { mode: 0o600 });
}
