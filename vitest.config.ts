import { defineConfig } from 'vitest/config';

// Three suites, run by test/run-tests.mjs: `unit` is pure and fast, `browser` drives Debian's
// Chromium against a built page, `lan` needs root and builds network namespaces.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'lan',
          include: ['test/lan/**/*.test.ts'],
          globalSetup: ['test/lan/global-setup.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
