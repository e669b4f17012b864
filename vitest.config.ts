import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit and integration tests run in Node. `electron` is always mapped to a stub: the real package
// tries to download its binary on require, which must never happen in a test.
export default defineConfig({
  resolve: {
    alias: { electron: fileURLToPath(new URL('./test/mocks/electron.ts', import.meta.url)) },
  },
  test: {
    environment: 'node',
    include: ['{common,main,preload,renderer,emulator,test,scripts}/**/*.test.{ts,tsx}'],
    // test/soak and test/bench load the machine for minutes: their own suites (vitest.slow.config.ts).
    exclude: ['node_modules/**', 'out/**', 'test/e2e/**', 'test/soak/**', 'test/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
