import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * An npm browser client (Segment's, Customer.io's) bundled as a site's build would bundle it,
 * exposing its `AnalyticsBrowser` on `window[global]`: so the e2e tests drive the published
 * package itself, unmodified, from a host page.
 *
 * @example
 * site.page('/segment.js', await bundleClient('@segment/analytics-next', 'SegmentClient'));
 */
export async function bundleClient(packageName: string, global: string): Promise<string> {
  const result = await build({
    stdin: {
      contents:
        `import { AnalyticsBrowser } from ${JSON.stringify(packageName)};\n` +
        `window[${JSON.stringify(global)}] = AnalyticsBrowser;\n`,
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0]!.text;
}
