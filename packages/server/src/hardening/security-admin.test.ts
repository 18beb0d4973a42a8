import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { databaseFingerprint, NASTY_STRINGS, rawEncode } from '../test-support/fuzz.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { TEST_MASTER_KEY, type TestWorkspace, useTestServer } from '../test-support/server.js';

/**
 * The admin API against a curious or hostile caller: one workspace's data is never reachable
 * through another's path, public keys are no admin credential on any route, hostile text in
 * every filter, search, cursor and path parameter is taken literally, bodies are bounded, and no
 * other site may call the API from a browser. (people-search.test.ts covers `%` and `_` in q.)
 */
describeEachDialect('admin API security', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let a: TestWorkspace;
  let b: TestWorkspace;
  let messageId: string;
  beforeAll(async () => {
    a = await server().createWorkspace('A');
    b = await server().createWorkspace('B');
    messageId = await inAppClient(server(), a).launch(
      messageBody({ audience: { type: 'identified' } }),
    );
    for (const anonymousId of ['anon-a1', 'anon-a2']) {
      await server().track(a.writeKey, '/v1/identify', {
        userId: 'alice',
        anonymousId,
        traits: { email: 'alice@example.com', note: 'O\'Brien \\ "quoted"' },
      });
    }
    await server().track(a.writeKey, '/v1/track', { userId: 'alice', event: 'Paid' });
  });

  /** Every admin route that names one of A's resources, reached through B's path. */
  const routesThroughB = () =>
    [
      ['GET', `/workspaces/${b.id}/people/alice`],
      ['GET', `/workspaces/${b.id}/people/alice/activity`],
      ['DELETE', `/workspaces/${b.id}/people/alice`],
      ['GET', `/workspaces/${b.id}/messages/${messageId}`],
      ['PATCH', `/workspaces/${b.id}/messages/${messageId}`, { name: 'stolen', newVersion: true }],
      ['DELETE', `/workspaces/${b.id}/messages/${messageId}`],
      ['POST', `/workspaces/${b.id}/messages/${messageId}/launch`],
      ['POST', `/workspaces/${b.id}/messages/${messageId}/pause`],
      ['POST', `/workspaces/${b.id}/messages/${messageId}/archive`],
      ['POST', `/workspaces/${b.id}/messages/${messageId}/test`, { userId: 'alice' }],
      ['GET', `/workspaces/${b.id}/messages/${messageId}/metrics`],
    ] as Array<[string, string, object?]>;

  it("reaches none of A's people or messages through B's path, and changes nothing", async () => {
    const before = await databaseFingerprint(server());
    for (const [method, path, body] of routesThroughB()) {
      const response = await server().admin(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    // Lookups that answer 200 for an unknown visitor reveal nothing of A's.
    const anonymous = await server().admin('GET', `/workspaces/${b.id}/anonymous/anon-a1`);
    expect(anonymous.body).toEqual({ anonymousId: 'anon-a1', userId: null });
    expect(
      (await server().admin('GET', `/workspaces/${b.id}/anonymous/anon-a1/activity`)).body.data,
    ).toEqual([]);
    for (const q of ['alice', 'anon-a1', 'alice@']) {
      expect((await server().admin('GET', `/workspaces/${b.id}/people?q=${q}`)).body.data).toEqual(
        [],
      );
    }
    expect((await server().admin('GET', `/workspaces/${b.id}/messages`)).body.data).toEqual([]);
    expect(await databaseFingerprint(server())).toEqual(before);
    expect(
      (await server().admin('GET', `/workspaces/${a.id}/messages/${messageId}`)).body.status,
    ).toBe('active');
  });

  it('refuses public keys, garbled credentials and stray cookies on every admin route', async () => {
    const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
    const credentials = [
      undefined,
      `Bearer ${a.writeKey}`,
      `Bearer ${a.secretKey}`,
      basic(a.writeKey),
      basic(TEST_MASTER_KEY),
      `Bearer ${TEST_MASTER_KEY}x`,
      `Bearer ${TEST_MASTER_KEY.slice(0, -1)}`,
      `bearer  ${TEST_MASTER_KEY} extra`,
    ];
    const routes: Array<[string, string]> = [
      ['GET', '/workspaces'],
      ['POST', '/workspaces'],
      ['GET', `/workspaces/${a.id}`],
      ['PATCH', `/workspaces/${a.id}`],
      ['POST', `/workspaces/${a.id}/keys/write/rotate`],
      ['GET', `/workspaces/${a.id}/people?q=a`],
      ['GET', `/workspaces/${a.id}/anonymous/anon-a1`],
      ['POST', `/workspaces/${a.id}/messages`],
      ...routesThroughB().map(([m, p]) => [m, p.replace(b.id, a.id)] as [string, string]),
    ];
    const before = await databaseFingerprint(server());
    for (const [method, path] of routes) {
      for (const authorization of credentials) {
        const response = await fetch(`${server().url}/api/v1${path}`, {
          method,
          headers: {
            ...(authorization === undefined
              ? { cookie: 'herald_session=forged' }
              : { authorization }),
            'content-type': 'application/json',
            'x-herald-csrf': '1',
          },
          body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify({ name: 'x' }),
        });
        expect(response.status, `${method} ${path} with ${authorization}`).toBe(401);
        expect((await response.json()).error.code).toBe('unauthorized');
      }
    }
    expect(await databaseFingerprint(server())).toEqual(before);
  });

  it('takes hostile text literally in every filter, search, cursor and path parameter', async () => {
    const before = await databaseFingerprint(server());
    const statuses = new Set<number>();
    for (const text of NASTY_STRINGS.filter((t) => t !== '')) {
      const v = rawEncode(text);
      const search = await server().admin('GET', `/workspaces/${a.id}/people?q=${v}`);
      statuses.add(search.status);
      expect([200, 400], `q=${JSON.stringify(text)}`).toContain(search.status);
      for (const person of text.trim() ? (search.body.data ?? []) : []) {
        // Anything found really starts with the text (any case), or has it as an anonymous ID.
        expect(`${person.userId}|${person.email}`.toLowerCase(), text).toContain(
          text.trim().toLowerCase(),
        );
      }
      const checks: Array<[string, number[]]> = [
        [`/workspaces/${a.id}/people/alice/activity?before=${v}`, [400]],
        [`/workspaces/${a.id}/anonymous/anon-a1/activity?before=${v}`, [400]],
        [`/workspaces/${a.id}/messages?status=${v}`, [400]],
        [`/workspaces/${a.id}/messages/${messageId}/metrics?from=${v}`, [200, 400]],
        [`/workspaces/${a.id}/messages/${messageId}/metrics?interval=${v}`, [400]],
        [`/workspaces/${a.id}/people/${v}`, [400, 404]],
        [`/workspaces/${a.id}/people/${v}/activity`, [400, 404]],
        [`/workspaces/${a.id}/anonymous/${v}`, [200, 400]],
        [`/workspaces/${a.id}/messages/${v}`, [400, 404]],
        [`/workspaces/${v}/people/alice`, [400, 404]],
        [`/workspaces/${v}/messages`, [400, 404]],
      ];
      for (const [path, allowed] of checks) {
        const response = await server().admin('GET', path);
        expect(allowed, `${path} → ${response.status} ${JSON.stringify(response.body)}`).toContain(
          response.status,
        );
        if (response.status === 200 && path.includes('/anonymous/'))
          expect(response.body.userId).toBeNull();
      }
      const erase = await server().admin('DELETE', `/workspaces/${a.id}/people/${v}`);
      expect([400, 404], `DELETE people/${JSON.stringify(text)}`).toContain(erase.status);
    }
    expect(statuses.has(200)).toBe(true);
    // Nothing was changed, and alice is whole.
    expect(await databaseFingerprint(server())).toEqual(before);
    const alice = await server().admin('GET', `/workspaces/${a.id}/people/alice`);
    expect(alice.body.traits.note).toBe('O\'Brien \\ "quoted"');
    expect(alice.body.anonymousIds.sort()).toEqual(['anon-a1', 'anon-a2']);
  });

  it('bounds admin bodies: 1 MB a request, 100,000 characters of HTML a step', async () => {
    const before = await databaseFingerprint(server());
    const huge = await server().admin('POST', `/workspaces/${a.id}/messages`, {
      ...messageBody(),
      description: 'x'.repeat(1_100_000),
    });
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('body_too_large');
    const longHtml = await server().admin(
      'POST',
      `/workspaces/${a.id}/messages`,
      messageBody({ steps: [{ name: 'main', html: 'x'.repeat(100_001) }] }),
    );
    expect(longHtml.status).toBe(400);
    expect(longHtml.body.error.field).toBe('steps.0.html');
    expect(await databaseFingerprint(server())).toEqual(before);
  });

  it('grants no other site CORS on /api, while /v1 stays open', async () => {
    const origin = 'https://evil.example';
    for (const path of ['/api/v1/workspaces', '/api/v1/session', '/api/v1/login']) {
      const preflight = await fetch(`${server().url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-herald-csrf',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials'), path).toBeNull();
      const read = await fetch(`${server().url}${path}`, {
        headers: { origin, authorization: `Bearer ${TEST_MASTER_KEY}` },
      });
      expect(read.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    const tracking = await fetch(`${server().url}/v1/track`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(tracking.headers.get('access-control-allow-origin')).toBe('*');
  });
});
