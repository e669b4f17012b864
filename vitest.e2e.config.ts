import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// End-to-end suites: the BUILT renderer (out/renderer, made by `electron-vite build`, which the test
// command runs first) in Debian's Chromium through playwright-core, against the real core behind
// the browser-mode host. One browser at a time: these are slow, stateful and share the machine's
// two cores, so files run one after another with generous timeouts.
export default defineConfig({
  resolve: {
    alias: { electron: fileURLToPath(new URL('./test/mocks/electron.ts', import.meta.url)) },
  },
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
