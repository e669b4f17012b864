// The preload exposes exactly the contract — every domain and member as a function, nothing else —
// and its calls travel on the contract's channel names.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DOMAINS } from '../common/api';

const exposed = new Map<string, unknown>();
const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: 'x' })), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

beforeAll(async () => {
  await import('./index');
});

describe('preload', () => {
  it('exposes only window.fumidai', () => {
    expect([...exposed.keys()]).toEqual(['fumidai']);
  });

  it('exposes every contract member as a function, and nothing else', () => {
    const api = exposed.get('fumidai') as Record<string, Record<string, unknown>>;
    expect(Object.keys(api).sort()).toEqual(DOMAINS.map((d) => d.name).sort());
    for (const domain of DOMAINS) {
      const members = api[domain.name]!;
      expect(Object.keys(members).sort(), domain.name).toEqual(Object.keys(domain.members).sort());
      for (const [name, fn] of Object.entries(members)) expect(typeof fn, `${domain.name}.${name}`).toBe('function');
    }
  });

  it('invokes through the contract channel names', async () => {
    const api = exposed.get('fumidai') as { app: { getInfo(): Promise<unknown> } };
    expect(await api.app.getInfo()).toEqual({ ok: true, value: 'x' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('app:getInfo', undefined);
  });
});
