/**
 * The React Native SDK's tests run under React Native's Jest preset (real RN components,
 * rendered by React Native Testing Library), against a real Herald server that the global setup
 * starts. `npm test` at the root runs them after the other suites.
 */
const { dirname } = require('node:path');

/** This package's own React: React Native's renderer is built for one exact version of it. */
const react = dirname(require.resolve('react/package.json', { paths: [__dirname] }));

module.exports = {
  preset: '@react-native/jest-preset',
  moduleNameMapper: {
    '^react-native($|/.*)': `${dirname(require.resolve('react-native/package.json'))}$1`,
    '^react$': react,
    '^react/(.*)$': `${react}/$1`,
  },
  setupFiles: ['<rootDir>/jest.setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx'],
  transformIgnorePatterns: [
    'node_modules/(?!((jest-)?react-native|@react-native(-community)?|@react-native-async-storage|react-native-webview|react-native-safe-area-context|react-native-sse)/)',
  ],
  testTimeout: 20_000,
  // One server for the suite; tests are few and share it.
  maxWorkers: 1,
};
