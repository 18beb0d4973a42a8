import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';

export interface SdkRoutesOptions {
  /** Where the built SDK lives. Default: packages/sdk/dist, next to this package. */
  distDir?: string;
}

/** The files of the SDK's dist/ that pages may load, under /sdk/. */
const PUBLIC_FILES = ['herald.js', 'snippet.min.js'];

interface Asset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  gzipEtag: string;
}

// From src/sdk/ and from dist/sdk/ alike, the SDK is three levels up: packages/sdk/dist.
const DEFAULT_DIST = fileURLToPath(new URL('../../../sdk/dist/', import.meta.url));

/**
 * Serves the browser SDK at `/sdk/herald.js` (and the snippet at `/sdk/snippet.min.js`) from
 * memory: read and gzipped once at start, with a strong ETag per encoding. The URL carries no
 * version, so caches keep it only five minutes and revalidate with If-None-Match (a 304).
 * Refuses to start when the SDK has not been built, rather than serve pages a 404.
 *
 * @example
 * await app.register(sdkRoutes);
 */
export const sdkRoutes: FastifyPluginAsync<SdkRoutesOptions> = async (app, options) => {
  const distDir = options.distDir ?? DEFAULT_DIST;
  for (const name of PUBLIC_FILES) {
    const asset = load(`${distDir.replace(/\/?$/, '/')}${name}`);
    app.get(`/sdk/${name}`, async (request, reply) => {
      const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      const etag = gzip ? asset.gzipEtag : asset.etag;
      reply
        .header('content-type', 'application/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .header('vary', 'Accept-Encoding')
        .header('etag', etag);
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send();
      if (gzip) reply.header('content-encoding', 'gzip');
      return reply.send(gzip ? asset.gzip : asset.body);
    });
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
