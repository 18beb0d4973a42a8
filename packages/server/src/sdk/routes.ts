import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';

export interface SdkRoutesOptions {
  /** Where the built SDK lives. Default: packages/sdk/dist, next to this package. */
  distDir?: string;
}

const JS = 'application/javascript; charset=utf-8';

/**
 * The policy of /sdk/frame.html, the sandboxed document (no allow-same-origin: an opaque origin)
 * that messages are shown in. The message is the site's own content, so its inline styles and
 * scripts run, and it may load images, fonts and scripts from anywhere; it may be framed by any
 * site (that is its purpose) but can't change its base URL.
 */
export const FRAME_CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline' https: http:",
  "style-src 'unsafe-inline' https: http:",
  'img-src * data: blob:',
  'font-src * data:',
  'media-src * data: blob:',
  'connect-src *',
  "base-uri 'none'",
  'frame-ancestors *',
].join('; ');

/** The files of the SDK's dist/ that pages may load, under /sdk/, with their own headers. */
const PUBLIC_FILES: Record<string, Record<string, string>> = {
  'herald.js': { 'content-type': JS, 'access-control-allow-origin': '*' },
  'snippet.min.js': { 'content-type': JS, 'access-control-allow-origin': '*' },
  'frame.js': { 'content-type': JS, 'access-control-allow-origin': '*' },
  // The inbox's launcher, imported by herald.js as a module: cross-origin, so CORS is required.
  'inbox.js': { 'content-type': JS, 'access-control-allow-origin': '*' },
  'frame.html': {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': FRAME_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  },
};

/**
 * Where Customer.io's and Segment's snippets load their script from: herald.js is served there
 * too, so that a site's existing snippet loads Herald with only the host changed (the SDK finds
 * the stub's global and write key itself; the key in the path is not needed).
 */
export const COMPATIBLE_SDK_PATHS = [
  '/v1/analytics-js/snippet/:writeKey/analytics.min.js',
  '/analytics.js/v1/:writeKey/analytics.min.js',
];

interface Asset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  gzipEtag: string;
}

// From src/sdk/ and from dist/sdk/ alike, the SDK is three levels up: packages/sdk/dist.
const DEFAULT_DIST = fileURLToPath(new URL('../../../sdk/dist/', import.meta.url));

/**
 * Serves the browser SDK at `/sdk/herald.js` and at `COMPATIBLE_SDK_PATHS` (the snippet at `/sdk/snippet.min.js`, and the
 * message frame at `/sdk/frame.html` with its script `/sdk/frame.js`) from
 * memory: read and gzipped once at start, with a strong ETag per encoding. The URL carries no
 * version, so caches keep it only five minutes and revalidate with If-None-Match (a 304).
 * Refuses to start when the SDK has not been built, rather than serve pages a 404.
 *
 * @example
 * await app.register(sdkRoutes);
 */
export const sdkRoutes: FastifyPluginAsync<SdkRoutesOptions> = async (app, options) => {
  const distDir = options.distDir ?? DEFAULT_DIST;
  for (const [name, headers] of Object.entries(PUBLIC_FILES)) {
    const asset = load(`${distDir.replace(/\/?$/, '/')}${name}`);
    const paths =
      name === 'herald.js' ? [`/sdk/${name}`, ...COMPATIBLE_SDK_PATHS] : [`/sdk/${name}`];
    for (const path of paths) {
      app.get(path, async (request, reply) => {
        const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
        const etag = gzip ? asset.gzipEtag : asset.etag;
        reply
          .headers(headers)
          .header('cache-control', 'public, max-age=300')
          .header('vary', 'Accept-Encoding')
          .header('etag', etag);
        if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send();
        if (gzip) reply.header('content-encoding', 'gzip');
        return reply.send(gzip ? asset.gzip : asset.body);
      });
    }
  }
};

function load(path: string): Asset {
  if (!existsSync(path)) {
    throw new Error(
      `The browser SDK is not built: ${path} is missing. Run "npm run build" at the repository root.`,
    );
  }
  const body = readFileSync(path);
  const gzip = gzipSync(body, { level: 9 });
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return { body, gzip, etag: `"${hash}"`, gzipEtag: `"${hash}-gz"` };
}

/** If-None-Match uses the weak comparison: `W/"x"` matches `"x"`; `*` matches anything. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
