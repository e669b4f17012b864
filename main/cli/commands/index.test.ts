// The commands the README documents are the commands `fumidai` runs: connect, exec and forward
// were once built and tested but never registered, so `fumidai connect` said "unknown command".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './index';

describe('fumidai commands', () => {
  it('registers every command the README lists, once each', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/`fumidai ([a-z][a-z-]+)/g)].map((m) => m[1]!);
    expect(documented.length).toBeGreaterThan(5);
    for (const name of new Set(documented)) expect(names, `fumidai ${name} is in the README`).toContain(name);
    for (const name of ['connect', 'exec', 'forward', 'ssh', 'instances', 'login']) expect(names).toContain(name);
  });
});
