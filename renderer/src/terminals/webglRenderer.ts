// xterm's WebGL renderer when the machine has WebGL2, else its DOM renderer. The addon throws while
// loading where there is no WebGL2 (headless Chromium, some VMs, remote desktops), and a GPU reset
// later loses its context: either way the terminal goes back to the DOM renderer and keeps its
// contents — it is slower, never blank.

export interface WebglLike {
  readonly onContextLoss: (listener: () => void) => { dispose(): void };
  dispose(): void;
}

export type RendererKind = 'webgl' | 'dom';

export function loadWebglRenderer<A extends WebglLike>(load: (addon: A) => void, create: () => A, onChange: (kind: RendererKind, why?: string) => void): RendererKind {
  let addon: A;
  try {
    addon = create();
    load(addon);
  } catch (e) {
    onChange('dom', (e as Error).message);
    return 'dom';
  }
  addon.onContextLoss(() => {
    addon.dispose();
    onChange('dom', 'the WebGL context was lost');
  });
  onChange('webgl');
  return 'webgl';
}
