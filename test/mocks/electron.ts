// Stand-in for the `electron` module in Node tests (the real one downloads a binary on require).
// Tests that exercise main/electron/ replace what they need with vi.mock('electron', …); anything
// they did not mock throws loudly instead of silently doing nothing.
const handler: ProxyHandler<object> = {
  get(_target, prop) {
    if (prop === '__esModule') return true;
    if (prop === 'then') return undefined;
    throw new Error(`electron.${String(prop)} is not mocked in this test: use vi.mock('electron', …)`);
  },
};
const electron = new Proxy({}, handler);
export default electron;
