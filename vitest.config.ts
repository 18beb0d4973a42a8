import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source, so `vitest` needs no build first.
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@herald/protocol': source('./packages/protocol/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // The React Native SDK's tests run under React Native's own Jest preset (its package.json).
    exclude: ['packages/react-native/**', '**/node_modules/**'],
    // The server serves the built browser SDK and dashboard: build them when missing or older
    // than their source, once, before any test file starts a server.
    globalSetup: [
      'packages/sdk/src/test-support/global-setup.ts',
      'e2e/support/dashboard-build.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file gets its own database; two workers match the two cores CI has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
