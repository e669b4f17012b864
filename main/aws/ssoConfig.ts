// Which IAM Identity Center sessions exist: `[sso-session NAME]` sections and legacy profiles
// with `sso_start_url` in ~/.aws/config (AWS_CONFIG_FILE honoured), plus sessions the user added
// in Fumidai (kept in Fumidai's config directory). Writes ~/.aws/config only when asked to add a
// session there (first-run setup), and then only appends that one section (ssoSessionWriter.ts).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FumidaiError } from '../../common/api/errors';
import type { ConfigProblem } from '../../common/api/auth';
import { configProblem } from '../../common/configProblems';
import type { SessionSource, SsoSessionConfig } from '../auth/ports';
import { writeFileAtomic } from '../platform/atomicFile';
import { parseIni } from './iniFile';
import { appendSsoSession } from './ssoSessionWriter';

export function awsConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_CONFIG_FILE || join(env.HOME || env.USERPROFILE || homedir(), '.aws', 'config');
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

/**
 * Validates a start URL and region the way a person types them, with a message that says how to
 * fix it. `details.problem` and its parameters say the same as data, so a window in another
 * language can word it (renderer/src/views/FirstRun/setupProblem.ts).
 */
export function validateSsoSession(startUrl: string, region: string): { startUrl: string; region: string } {
  let url = startUrl.trim();
  if (/^[a-z0-9-]+\.awsapps\.com/i.test(url)) url = `https://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FumidaiError('InvalidConfig', `"${startUrl}" is not a URL. An IAM Identity Center start URL looks like https://d-1234567890.awsapps.com/start.`, { field: 'startUrl', problem: 'not-a-url', value: startUrl });
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(parsed.hostname))) {
    throw new FumidaiError('InvalidConfig', `The start URL must use https:// (got ${parsed.protocol}//).`, { field: 'startUrl', problem: 'not-https', scheme: `${parsed.protocol}//` });
  }
  if (/\.awsapps\.com$/i.test(parsed.hostname) && !/^\/start\/?/.test(parsed.pathname)) {
    throw new FumidaiError('InvalidConfig', `Start URLs on awsapps.com end in /start — did you mean https://${parsed.hostname}/start ?`, { field: 'startUrl', problem: 'no-start-path', suggestion: `https://${parsed.hostname}/start` });
  }
  const r = region.trim().toLowerCase();
  if (!REGION.test(r)) throw new FumidaiError('InvalidConfig', `"${region}" is not an AWS region name (for example us-east-1 or ap-northeast-1).`, { field: 'region', problem: 'bad-region', value: region });
  return { startUrl: parsed.href.replace(/\/$/, parsed.pathname === '/' ? '' : '/').replace(/\/$/, ''), region: r };
}

export async function readAwsConfigSessions(env: NodeJS.ProcessEnv = process.env): Promise<{ sessions: SsoSessionConfig[]; problems: ConfigProblem[] }> {
  const path = awsConfigPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: [], problems: [] };
    return { sessions: [], problems: [configProblem(path, undefined, 'unreadable', { cause: (e as Error).message })] };
  }
  const doc = parseIni(text);
  const problems = doc.problems.map((p) => configProblem(path, p.line, p.code, p.params));
  const sessions: SsoSessionConfig[] = [];
  for (const s of doc.sections) {
    const m = /^sso-session (.+)$/.exec(s.name);
    if (m) {
      const startUrl = s.values.get('sso_start_url');
      const region = s.values.get('sso_region');
      if (!startUrl || !region) {
        problems.push(configProblem(path, s.line, 'session-incomplete', { section: s.name }));
        continue;
      }
      const scopes = (s.values.get('sso_registration_scopes') ?? '').split(',').map((x) => x.trim()).filter(Boolean);
      sessions.push({ name: m[1]!, startUrl, region, scopes, source: 'sso-session' });
    }
  }
  for (const s of doc.sections) {
    const profile = s.name === 'default' ? 'default' : /^profile (.+)$/.exec(s.name)?.[1];
    if (!profile) continue;
    const sessionName = s.values.get('sso_session');
    if (sessionName) {
      const session = sessions.find((x) => x.name === sessionName);
      if (!session) problems.push(configProblem(path, s.line, 'unknown-session', { profile, session: sessionName }));
      else {
        const url = s.values.get('sso_start_url');
        if (url && url !== session.startUrl) problems.push(configProblem(path, s.line, 'start-url-differs', { profile, session: sessionName }));
      }
      continue;
    }
    const startUrl = s.values.get('sso_start_url');
    if (startUrl) {
      const region = s.values.get('sso_region');
      if (!region) {
        problems.push(configProblem(path, s.line, 'no-region', { profile }));
        continue;
      }
      // Legacy profiles sharing a start URL are one session (one token in the cache).
      if (!sessions.some((x) => x.source === 'legacy-profile' && x.startUrl === startUrl)) {
        sessions.push({ name: profile, startUrl, region, scopes: [], source: 'legacy-profile', legacyProfile: profile });
      }
    }
  }
  return { sessions, problems };
}

/** Every region ~/.aws/config names (profiles' `region`), for "which regions to look in". */
export async function readConfiguredRegions(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  try {
    const doc = parseIni(await readFile(awsConfigPath(env), 'utf8'));
    return [...new Set(doc.sections.map((s) => s.values.get('region')).filter((r): r is string => !!r && REGION.test(r)))];
  } catch {
    return [];
  }
}

/** Sessions from ~/.aws/config plus the ones added in Fumidai (stored as JSON in its config dir). */
export function createSessionSource(env: NodeJS.ProcessEnv, configDir: string): SessionSource {
  const appFile = join(configDir, 'sso-sessions.json');
  const readApp = async (): Promise<SsoSessionConfig[]> => {
    try {
      const data = JSON.parse(await readFile(appFile, 'utf8')) as SsoSessionConfig[];
      return Array.isArray(data) ? data.filter((s) => s && typeof s.name === 'string' && typeof s.startUrl === 'string').map((s) => ({ ...s, source: 'app' as const })) : [];
    } catch {
      return [];
    }
  };
  return {
    async list() {
      const fromConfig = await readAwsConfigSessions(env);
      const fromApp = (await readApp()).filter((a) => !fromConfig.sessions.some((c) => c.name === a.name));
      return { sessions: [...fromConfig.sessions, ...fromApp], problems: fromConfig.problems };
    },
    async add({ name, startUrl, region, scopes, writeToAwsConfig }) {
      const valid = validateSsoSession(startUrl, region);
      const existing = await readApp();
      const { sessions } = await readAwsConfigSessions(env);
      if (sessions.some((s) => s.name === name) || existing.some((s) => s.name === name)) {
        throw new FumidaiError('Conflict', `A session named ${name} already exists.`);
      }
      if (writeToAwsConfig) {
        // The AWS CLI then shares the session (and the sign-in, through the token cache).
        await appendSsoSession(awsConfigPath(env), { name, ...valid, scopes });
        return { name, ...valid, scopes, source: 'sso-session' };
      }
      const session: SsoSessionConfig = { name, ...valid, scopes, source: 'app' };
      await writeFileAtomic(appFile, JSON.stringify([...existing, session], null, 2), { mode: 0o600 });
      return session;
    },
  };
}
