import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../http/error-handler.js';
import { describeEachDialect } from '../test-support/databases.js';
import { TEST_MASTER_KEY, useTestServer } from '../test-support/server.js';
import { dashboardRoutes } from './routes.js';

function expectSecurityHeaders(response: Response) {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
}

/** A bare app serving a fake build, so these tests do not depend on the real Vite build. */
describe('dashboard routes', () => {
  let dist: string;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'herald-dashboard-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><meta name="csp-nonce" content="__HERALD_CSP_NONCE__"><title>Herald</title><div id="root"></div>',
    );
    writeFileSync(
      join(dist, 'assets', 'index-abc123.js'),
      `console.log(${JSON.stringify('x'.repeat(2000))});`,
    );
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = Fastify();
    installErrorHandler(app);
    await app.register(dashboardRoutes, { distDir: dist });
    app.get('/api/v1/real', async () => ({ ok: true }));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / uncached, with the security headers and a fresh style nonce', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${url}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expectSecurityHeaders(response);
      const html = await response.text();
      expect(html).toContain('<div id="root">');
      const nonce = /content="([A-Za-z0-9+/=]{24})"/.exec(html)?.[1];
      expect(nonce).toBeDefined();
      expect(response.headers.get('content-security-policy')).toContain(
        `style-src 'self' 'nonce-${nonce}'`,
      );
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(2);
  });

  it('answers index.html for the app’s own paths (SPA fallback)', async () => {
    for (const path of ['/login', '/w/ws_1/messages/msg_1?tab=metrics', '/people/a%20b']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year, gzipped when asked, with revalidation', async () => {
    const response = await fetch(`${url}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expectSecurityHeaders(response);
    const etag = response.headers.get('etag')!;
    const again = await fetch(`${url}/assets/index-abc123.js`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('never answers HTML for a missing file, nor shadows the APIs', async () => {
    for (const path of [
      '/assets/missing.js',
      '/nothing.css',
      '/api/v1/unknown',
      '/v1/x',
      '/sdk/none.js',
      '/demo/x',
      '/healthz/x',
    ]) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(404);
      expect((await response.json()).error.code).toBe('route_not_found');
    }
    expect((await fetch(`${url}/api/v1/real`)).status).toBe(200);
    expect((await fetch(`${url}/login`, { method: 'POST' })).status).toBe(404);
  });

  it('says plainly when the dashboard is not built', async () => {
    const bare = Fastify();
    await bare.register(dashboardRoutes, { distDir: join(dist, 'does-not-exist') });
    const response = await bare.inject({ method: 'GET', url: '/messages' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.body).toContain('npm run build');
    await bare.close();
  });
});

describeEachDialect('dashboard in the full app', (dialect) => {
  const server = useTestServer(dialect);

  it('serves / with the security headers and leaves the APIs alone', async () => {
    const page = await fetch(`${server().url}/`);
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
    const api = await fetch(`${server().url}/api/v1/workspaces`, {
      headers: { authorization: `Bearer ${TEST_MASTER_KEY}` },
    });
    expect(api.status).toBe(200);
    const missing = await fetch(`${server().url}/api/v1/nope`);
    expect(missing.status).toBe(404);
  });
});
