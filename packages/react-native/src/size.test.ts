import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

/**
 * The SDK's own JavaScript, gzipped: everything it ships (with @herald/protocol and the SSE
 * parser it uses), without React, React Native and the native libraries apps install anyway.
 */
export const RN_SDK_BUDGET_BYTES = 15 * 1024;

const EXTERNAL = [
  'react',
  'react/jsx-runtime',
  'react-native',
  'react-native-webview',
  'react-native-safe-area-context',
  'react-native-sse',
  '@react-native-async-storage/async-storage',
  'expo-application',
];

describe('bundle size', () => {
  it(`the SDK's own JavaScript is within ${RN_SDK_BUDGET_BYTES} bytes gzipped`, () => {
    const result = buildSync({
      entryPoints: [`${__dirname}/index.ts`],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2020',
      jsx: 'automatic',
      external: EXTERNAL,
      write: false,
      logLevel: 'silent',
    });
    const size = gzipSync(result.outputFiles[0]!.contents).length;
    console.log(`@herald/react-native: ${size} B gzipped`);
    expect(size).toBeLessThanOrEqual(RN_SDK_BUDGET_BYTES);
  });
});
