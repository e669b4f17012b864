import { describe, expect, it } from 'vitest';
import { isLoopback, resolveForward } from './forwarding';

const map = { sshPortByPrivateIp: new Map([['10.0.1.20', 40022]]) };

describe('bastion forwarding', () => {
  it('maps a fleet private IP on port 22 to its loopback port', () => {
    expect(resolveForward(map, '10.0.1.20', 22)).toEqual({ ok: true, host: '127.0.0.1', port: 40022 });
  });

  it('allows loopback destinations as they are', () => {
    expect(resolveForward(map, '127.0.0.1', 5432)).toEqual({ ok: true, host: '127.0.0.1', port: 5432 });
    expect(resolveForward(map, 'localhost', 80)).toEqual({ ok: true, host: '127.0.0.1', port: 80 });
    expect(resolveForward(map, '::1', 80)).toEqual({ ok: true, host: '::1', port: 80 });
  });

  it('refuses everything that could leave loopback, with the reason', () => {
    for (const [host, port] of [['10.0.1.20', 80], ['10.9.9.9', 22], ['8.8.8.8', 53], ['example.com', 443], ['127.0.0.1.nip.io', 22], ['::ffff:10.0.0.1', 22], ['0.0.0.0', 22]] as const) {
      const decision = resolveForward(map, host, port);
      expect(decision.ok, `${host}:${port}`).toBe(false);
      if (!decision.ok) expect(decision.reason).toMatch(/outside the emulated network|only listens on port 22/);
    }
    expect(resolveForward(map, '127.0.0.1', 0).ok).toBe(false);
    expect(resolveForward(map, '127.0.0.1', 70000).ok).toBe(false);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '128.0.0.1', '::', 'localhost.example.com'].some(isLoopback)).toBe(false);
  });
});
