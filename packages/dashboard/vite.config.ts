import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard's build: one page, hashed assets under /assets/, served by the Herald server
 * (packages/server/src/dashboard/routes.ts). No React plugin is needed: Vite's own transform
 * compiles JSX, and fast refresh is a development nicety we can do without.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    // Built from source, like the SDK: the protocol package is private and tiny. The SDK too (for
    // its preview renderer): its dist/ is esbuild's output, which a fresh checkout may not have.
    alias: {
      '@herald/protocol': fileURLToPath(new URL('../protocol/src/index.ts', import.meta.url)),
      '@herald/sdk': fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline <script> or data: module preload: the CSP allows scripts from our origin only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/sdk': 'http://127.0.0.1:8080' } },
});
