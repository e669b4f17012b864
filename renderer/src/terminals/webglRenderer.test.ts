import { describe, expect, it } from 'vitest';
import { loadWebglRenderer, type RendererKind } from './webglRenderer';

function fakeAddon() {
  const lost: Array<() => void> = [];
  return { disposed: false, onContextLoss: (l: () => void) => (lost.push(l), { dispose() {} }), dispose() { this.disposed = true; }, loseContext: () => lost.forEach((l) => l()) };
}

describe('loadWebglRenderer', () => {
  it('uses WebGL when the addon loads, and falls back to the DOM renderer when its context is lost', () => {
    const events: Array<[RendererKind, string | undefined]> = [];
    const addon = fakeAddon();
    const loaded: unknown[] = [];
    expect(loadWebglRenderer((a) => loaded.push(a), () => addon, (k, why) => events.push([k, why]))).toBe('webgl');
    expect(loaded).toEqual([addon]);
    addon.loseContext();
    expect(addon.disposed).toBe(true);
    expect(events).toEqual([['webgl', undefined], ['dom', 'the WebGL context was lost']]);
  });

  it('keeps the DOM renderer when WebGL2 is not there (the addon throws while loading)', () => {
    const events: Array<[RendererKind, string | undefined]> = [];
    const kind = loadWebglRenderer(() => { throw new Error('WebGL2 not supported'); }, fakeAddon, (k, why) => events.push([k, why]));
    expect(kind).toBe('dom');
    expect(events).toEqual([['dom', 'WebGL2 not supported']]);
  });
});
