import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The soak and benchmark short forms (test/soak, test/bench): minutes of load each, so they run as
// their own suites after the unit tests (scripts/test-all.mjs), one file at a time, on a machine
// the other tests are no longer using.
export default defineConfig({
  resolve: {
    alias: { electron: fileURLToPath(new URL('./test/mocks/electron.ts', import.meta.url)) },
  },
  test: {
    environment: 'node',
    include: ['test/{soak,bench}/**/*.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 20 * 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
