// The preload exposes exactly the contract — every domain and member, nothing else — and never
// lets a channel outside the contract through.
import { describe, expect, it, vi } from 'vitest';
import { DOMAINS } from '../common/api';

const exposed: Record<string, unknown> = {};
const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: 'x' })), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer,
}));

describe('preload', () => {
  it('exposes window.fumidai with every contract member as a function, and nothing else', async () => {
    await import('./index');
    expect(Object.keys(exposed)).toEqual(['fumidai']);
    const api = exposed.fumidai as Record<string, Record<string, unknown>>;
    expect(Object.keys(api).sort()).toEqual(DOMAINS.map((d) => d.name).sort());
    for (const domain of DOMAINS) {
      expect(Object.keys(api[domain.name]!).sort()).toEqual(Object.keys(domain.members).sort());
      for (const fn of Object.values(api[domain.name]!)) expect(typeof fn).toBe('function');
    }
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipcRenderer|invoke|send/);
  });

  it('invokes through the contract channel names', async () => {
    await import('./index');
    const api = exposed.fumidai as { app: { getInfo(): Promise<unknown> } };
    await api.app.getInfo();
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('app:getInfo', undefined);
  });
});
