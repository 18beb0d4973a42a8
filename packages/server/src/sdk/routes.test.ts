import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-support/server.js';
import { sdkRoutes } from './routes.js';

const built = readFileSync(new URL('../../../sdk/dist/herald.js', import.meta.url), 'utf8');

describe('GET /sdk/herald.js', () => {
  const server = useTestServer('sqlite');
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server().url}${path}`, { headers: { 'accept-encoding': 'identity', ...headers } });

  it('serves the built SDK as cacheable JavaScript any origin may load', async () => {
    const response = await get('/sdk/herald.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe(built);
  });

  it('answers 304 to a matching If-None-Match, weak or in a list', async () => {
    const etag = (await get('/sdk/herald.js')).headers.get('etag')!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await get('/sdk/herald.js', { 'if-none-match': header });
      expect(response.status).toBe(304);
      expect(response.headers.get('etag')).toBe(etag);
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(await response.text()).toBe('');
    }
    expect((await get('/sdk/herald.js', { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('sends it gzipped to clients that accept gzip, under its own ETag', async () => {
    const plain = (await get('/sdk/herald.js')).headers.get('etag');
    // Node's fetch would decompress silently; read the raw bytes instead.
    const response = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const url = `${server().url}/sdk/herald.js`;
        httpGet(url, { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      },
    );
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.headers.etag).not.toBe(plain);
    expect(gunzipSync(response.body).toString('utf8')).toBe(built);
  });

  it('serves the snippet too, and nothing else from dist', async () => {
    expect((await get('/sdk/snippet.min.js')).status).toBe(200);
    expect((await get('/sdk/index.js')).status).toBe(404);
    expect((await get('/sdk/../package.json')).status).toBe(404);
  });
});

describe('sdkRoutes without a build', () => {
  it('refuses to start, saying how to build', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'herald-sdk-'));
    const app = Fastify();
    try {
      await expect(app.register(sdkRoutes, { distDir: empty }).ready()).rejects.toThrow(
        /not built.*npm run build/,
      );
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('GET /sdk/frame.html', () => {
  const server = useTestServer('sqlite');
  const get = (path: string) => fetch(`${server().url}${path}`);

  it('serves the message frame with its own policy, framable by any site', async () => {
    const response = await get('/sdk/frame.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain('frame-ancestors *');
    expect(response.headers.get('x-frame-options')).toBeNull();
    const html = await response.text();
    // No inline script: the frame's own code is a file.
    expect(html).toContain('<script src="frame.js"></script>');
    expect(html).not.toMatch(/<script>/);
  });

  it('serves the frame script as cacheable JavaScript', async () => {
    const response = await get('/sdk/frame.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(await response.text()).toContain('postMessage');
  });
});
