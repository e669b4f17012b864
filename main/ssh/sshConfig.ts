// Reads the parts of ~/.ssh/config that say how to reach a host: Host blocks (with * ? and !
// patterns), HostName, User, Port, ProxyJump, IdentityFile and HostKeyAlias. Like OpenSSH, the
// first value obtained for a keyword wins, so specific blocks written above `Host *` take
// precedence. Match blocks are skipped whole (their conditions need a shell to evaluate), and
// Include is not followed; both are reported so a user knows why a setting did not apply.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  /** Jump hosts in order, as written (`user@host:port`); empty when the config says `none`. */
  proxyJump?: string[];
  identityFiles: string[];
  hostKeyAlias?: string;
}

export interface SshConfigProblem {
  line: number;
  message: string;
}

interface Block {
  patterns: string[];
  /** Match blocks never apply; they only end the previous block. */
  match: boolean;
  settings: Array<{ key: string; value: string; line: number }>;
}

const KNOWN = new Set(['hostname', 'user', 'port', 'proxyjump', 'identityfile', 'hostkeyalias']);

export class SshConfig {
  private constructor(
    private readonly blocks: Block[],
    readonly problems: SshConfigProblem[],
  ) {}

  static empty(): SshConfig {
    return new SshConfig([], []);
  }

  static parse(text: string): SshConfig {
    const problems: SshConfigProblem[] = [];
    // Settings before the first Host line apply to every host, as OpenSSH reads them.
    const blocks: Block[] = [{ patterns: ['*'], match: false, settings: [] }];
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = index + 1;
      const words = splitWords(raw);
      if (words === undefined) return problems.push({ line, message: 'unbalanced quotes' });
      if (words.length === 0) return;
      const [first, ...rest] = words as [string, ...string[]];
      // `Keyword=value` and `Keyword = value` are both allowed.
      const eq = first.indexOf('=');
      const key = (eq >= 0 ? first.slice(0, eq) : first).toLowerCase();
      const values = eq >= 0 ? [first.slice(eq + 1), ...rest].filter((w) => w !== '') : rest[0] === '=' ? rest.slice(1) : rest;
      if (key === 'host') {
        if (values.length === 0) return problems.push({ line, message: 'Host needs at least one pattern' });
        blocks.push({ patterns: values, match: false, settings: [] });
      } else if (key === 'match') {
        problems.push({ line, message: 'Match blocks are not evaluated; their settings are ignored' });
        blocks.push({ patterns: [], match: true, settings: [] });
      } else if (key === 'include') {
        problems.push({ line, message: 'Include is not followed; settings in included files are ignored' });
      } else if (KNOWN.has(key)) {
        if (values.length === 0) return problems.push({ line, message: `${first} needs a value` });
        blocks.at(-1)!.settings.push({ key, value: values.join(' '), line });
      }
    });
    return new SshConfig(blocks, problems);
  }

  /** Reads a config file; a missing file is an empty config, an unreadable one says why. */
  static async read(path: string): Promise<SshConfig> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return SshConfig.empty();
      return new SshConfig([], [{ line: 0, message: `${path} could not be read: ${(e as Error).message}` }]);
    }
    return SshConfig.parse(text);
  }

  /** True when a Host block other than a bare `*` names this host. */
  mentions(host: string): boolean {
    return this.blocks.some((b) => !b.match && !(b.patterns.length === 1 && b.patterns[0] === '*') && matchesPatterns(host, b.patterns));
  }

  /** The settings for `host` (the name as typed), first value wins; tokens %h %p %r %% expanded. */
  resolve(host: string, home = homedir()): SshHostConfig {
    const found = new Map<string, { value: string; line: number }>();
    const identityFiles: string[] = [];
    for (const block of this.blocks) {
      if (block.match || !matchesPatterns(host, block.patterns)) continue;
      for (const s of block.settings) {
        // IdentityFile accumulates, like OpenSSH; everything else keeps its first value.
        if (s.key === 'identityfile') identityFiles.push(s.value);
        else if (!found.has(s.key)) found.set(s.key, s);
      }
    }
    const result: SshHostConfig = { identityFiles: [] };
    const hostName = found.get('hostname')?.value;
    result.hostName = hostName ? hostName.replace(/%(.)/g, (all, c: string) => (c === 'h' ? host : c === '%' ? '%' : all)) : undefined;
    const port = found.get('port');
    if (port) {
      const n = Number(port.value);
      if (Number.isInteger(n) && n >= 1 && n <= 65535) result.port = n;
    }
    result.user = found.get('user')?.value;
    const alias = found.get('hostkeyalias')?.value;
    if (alias && alias.toLowerCase() !== 'none') result.hostKeyAlias = alias;
    const jump = found.get('proxyjump')?.value;
    if (jump) result.proxyJump = jump.toLowerCase() === 'none' ? [] : jump.split(',').map((j) => j.trim()).filter(Boolean);
    const tokens = { h: result.hostName ?? host, p: String(result.port ?? 22), r: result.user ?? '', u: '', d: home };
    result.identityFiles = identityFiles.map((f) => expandPath(f, home, tokens));
    if (!result.hostName) delete result.hostName;
    if (!result.user) delete result.user;
    return result;
  }

  /** The problems as lines a person can act on. */
  describeProblems(path: string): string[] {
    return this.problems.map((p) => (p.line > 0 ? `${path} line ${p.line}: ${p.message}` : p.message));
  }
}

export function defaultSshConfigPath(home = homedir()): string {
  return join(home, '.ssh', 'config');
}

/** `user@host:port` (also `[v6]:port`) as ProxyJump writes a hop. */
export function parseJump(text: string): { user?: string; host: string; port?: number } | undefined {
  const m = /^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:@\s]+)(?::(\d{1,5}))?$/.exec(text.replace(/^ssh:\/\//, ''));
  if (!m) return undefined;
  const port = m[3] ? Number(m[3]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { ...(m[1] ? { user: m[1] } : {}), host: m[2]!.replace(/^\[|\]$/g, ''), ...(port ? { port } : {}) };
}

/** A host matches a pattern list when some pattern matches and no negated one does. */
export function matchesPatterns(host: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    for (const pattern of (negated ? raw.slice(1) : raw).split(',')) {
      if (!pattern || !wildcardMatch(host, pattern)) continue;
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** OpenSSH's patterns: `*` any run, `?` one character, case-insensitive (host names are). */
export function wildcardMatch(text: string, pattern: string): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'is').test(text);
}

function expandPath(path: string, home: string, tokens: Record<string, string>): string {
  const expanded = path.replace(/%(.)/g, (all, c: string) => (c === '%' ? '%' : tokens[c] ?? all));
  return expanded === '~' ? home : expanded.startsWith('~/') ? join(home, expanded.slice(2)) : expanded;
}

/** Splits a config line into words: double quotes group, `#` starts a comment outside quotes. */
function splitWords(line: string): string[] | undefined {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quoted = false;
  for (const c of line) {
    if (quoted) {
      if (c === '"') quoted = false;
      else current += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      inWord = true;
    } else if (c === '#' && !inWord) {
      break;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quoted) return undefined;
  if (inWord) words.push(current);
  return words;
}
