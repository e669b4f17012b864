// Where updates come from. Installers carry electron-builder's `publish` feed (a generic HTTPS
// server holding latest*.yml and the installers); a company that mirrors releases internally sets
// its own feed in Settings. The feed decides what code runs next on every engineer's machine, so
// it must be HTTPS (plain http only for a server on this computer) and carry no credentials.

/** The feed in electron-builder.yml's `publish` (a test keeps the two equal). */
import { checkHttpsUrl } from '../httpsUrl';

export const DEFAULT_UPDATE_FEED_URL = 'https://downloads.fumidai.dev/releases';

export const FEED_URL_MAX = 2048;

export type FeedUrlProblem = 'not-a-url' | 'scheme' | 'plain-http' | 'credentials' | 'query-or-fragment' | 'too-long';

export type FeedUrlVerdict = { ok: true; url: string } | { ok: false; problem: FeedUrlProblem };

/** Checks a feed URL as typed; the normalised URL has no trailing slash (the updater adds file names). */
export function checkFeedUrl(input: string): FeedUrlVerdict {
  const text = input.trim();
  if (text.length > FEED_URL_MAX) return { ok: false, problem: 'too-long' };
  const checked = checkHttpsUrl(text);
  if (!checked.ok) return { ok: false, problem: checked.problem };
  const { url } = checked;
  // The updater appends "/latest-linux.yml" to the path; a query or fragment would end up before it.
  if (url.search || url.hash || text.includes('?') || text.includes('#')) return { ok: false, problem: 'query-or-fragment' };
  return { ok: true, url: url.toString().replace(/\/+$/, '') };
}

/** What each problem means, in English (the CLI, logs and errors; the window words it itself). */
export const FEED_URL_PROBLEM_TEXT: Record<FeedUrlProblem, string> = {
  'not-a-url': 'The update feed is not a valid URL. Enter the whole address, starting with https://.',
  scheme: 'The update feed must be an https:// address.',
  'plain-http': 'The update feed must use https:// (plain http:// only for a server on this computer).',
  credentials: 'The update feed must not contain a user name or password; they would be stored and logged in clear.',
  'query-or-fragment': 'The update feed must be a folder address without ? or #; Fumidai adds the file names to it.',
  'too-long': `The update feed address is longer than ${FEED_URL_MAX} characters.`,
};
