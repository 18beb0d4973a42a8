import fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import {
  authorization,
  contentType,
  fuzzOnce,
  fuzzParameters,
  headerText,
  mutated,
  nastyBody,
  segment,
} from '../test-support/fuzz.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { TEST_MASTER_KEY, type TestWorkspace, useTestServer } from '../test-support/server.js';
import { signIn } from '../test-support/sessions.js';

/**
 * The admin API and dashboard sign-in under hostile input: every route, with path segments and
 * query strings holding odd or invalid bytes, mutated bodies, and missing, wrong or garbled
 * credentials. Every answer is a 2xx or a catalogue 4xx; a refused request changes nothing.
 */
const MESSAGE = {
  ...messageBody(),
  description: 'd',
  audience: { type: 'identified' },
  priority: 5,
  pageRules: {
    include: [{ op: 'matches', value: 'https://example.com/*' }],
    exclude: [{ op: 'regex', value: '^x' }],
  },
  frequency: { maxViews: 3, cooldownSeconds: 60 },
  schedule: { startAt: null, endAt: null },
  goal: { criteria: 'click', windowDays: 7 },
  display: { type: 'modal', position: 'center' },
  steps: [{ name: 'main', html: '<p>Hi {{customer.first_name}}</p>' }],
};

describeEachDialect('fuzzing the admin API', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let messageId: string;
  let cursor: string;
  let cookie: string;
  beforeAll(async () => {
    ws = await server().createWorkspace('Fuzzed');
    other = await server().createWorkspace('Other');
    messageId = await inAppClient(server(), ws).create(messageBody());
    for (let i = 0; i < 3; i++) {
      await server().track(ws.writeKey, '/v1/identify', {
        userId: 'u1',
        anonymousId: `a${i}`,
        traits: { email: 'u1@example.com' },
      });
    }
    const page = await server().admin('GET', `/workspaces/${ws.id}/people/u1/activity?limit=1`);
    cursor = page.body.next as string;
    cookie = (await signIn(server())).cookie;
  });

  const routes = () => {
    const wsSeg = segment([ws.id, other.id]);
    const idSeg = segment([messageId]);
    const userSeg = segment(['u1', 'a1', 'u1@example.com']);
    const query = (pairs: Record<string, string[]>) =>
      fc
        .array(
          fc.oneof(
            ...Object.entries(pairs).map(([key, good]) => segment(good).map((v) => `${key}=${v}`)),
            segment(['1']).map((v) => `extra=${v}`),
          ),
          { maxLength: 3 },
        )
        .map((parts) => parts.join('&'));
    const body = (template: Record<string, unknown>) => nastyBody(mutated(template));
    const none = fc.constant(undefined);
    const route = (
      method: string,
      path: fc.Arbitrary<string>,
      b: fc.Arbitrary<Buffer | undefined> = none,
    ) => fc.record({ method: fc.constant(method), path, body: b });
    return fc.oneof(
      route(
        'POST',
        fc.constant('/workspaces'),
        body({
          name: 'W',
          inApp: { enabled: true, anonymous: false },
          identityVerification: false,
        }),
      ),
      route('GET', fc.constant('/workspaces')),
      route(
        'GET',
        wsSeg.map((w) => `/workspaces/${w}`),
      ),
      route(
        'PATCH',
        wsSeg.map((w) => `/workspaces/${w}`),
        body({ name: 'W2', inApp: { enabled: true }, identityVerification: false }),
      ),
      route(
        'GET',
        fc
          .tuple(
            wsSeg,
            query({ q: ['u', 'u1@', 'a1', '%', '_'], limit: ['1', '100', '0', '-1', '1e3'] }),
          )
          .map(([w, q]) => `/workspaces/${w}/people?${q}`),
      ),
      route(
        'GET',
        fc.tuple(wsSeg, userSeg).map(([w, u]) => `/workspaces/${w}/people/${u}`),
      ),
      route(
        'GET',
        fc
          .tuple(
            wsSeg,
            userSeg,
            query({ limit: ['1', '500', '501'], before: [cursor, `${cursor}x`, cursor.slice(1)] }),
          )
          .map(([w, u, q]) => `/workspaces/${w}/people/${u}/activity?${q}`),
      ),
      route(
        'DELETE',
        fc.tuple(wsSeg, userSeg).map(([w, u]) => `/workspaces/${w}/people/${u}`),
      ),
      route(
        'GET',
        fc
          .tuple(wsSeg, userSeg, fc.constantFrom('', '/activity'))
          .map(([w, a, rest]) => `/workspaces/${w}/anonymous/${a}${rest}`),
      ),
      route(
        'POST',
        fc
          .tuple(wsSeg, segment(['write', 'secret']))
          .map(([w, k]) => `/workspaces/${w}/keys/${k}/rotate`),
      ),
      route(
        'GET',
        fc
          .tuple(wsSeg, query({ status: ['draft', 'active', 'paused', 'archived'] }))
          .map(([w, q]) => `/workspaces/${w}/messages?${q}`),
      ),
      route(
        'POST',
        wsSeg.map((w) => `/workspaces/${w}/messages`),
        body(MESSAGE),
      ),
      route(
        'GET',
        fc.tuple(wsSeg, idSeg).map(([w, id]) => `/workspaces/${w}/messages/${id}`),
      ),
      route(
        'PATCH',
        fc.tuple(wsSeg, idSeg).map(([w, id]) => `/workspaces/${w}/messages/${id}`),
        body({ ...MESSAGE, newVersion: true }),
      ),
      route(
        'DELETE',
        fc.tuple(wsSeg, idSeg).map(([w, id]) => `/workspaces/${w}/messages/${id}`),
      ),
      route(
        'POST',
        fc
          .tuple(wsSeg, idSeg, fc.constantFrom('launch', 'pause', 'archive'))
          .map(([w, id, t]) => `/workspaces/${w}/messages/${id}/${t}`),
      ),
      route(
        'POST',
        fc.tuple(wsSeg, idSeg).map(([w, id]) => `/workspaces/${w}/messages/${id}/test`),
        body({ userId: 'u1', email: 'u1@example.com', anonymousId: 'a1' }),
      ),
      route(
        'GET',
        fc
          .tuple(
            wsSeg,
            idSeg,
            query({
              from: ['2026-01-01', 'yesterday', ''],
              to: ['2030-01-01', '1e400'],
              interval: ['hour', 'day', 'week'],
            }),
          )
          .map(([w, id, q]) => `/workspaces/${w}/messages/${id}/metrics?${q}`),
      ),
    );
  };

  it('answers every admin request 2xx or a catalogue 4xx, and a refused one changes nothing', async () => {
    const credentials = fc.oneof(
      {
        weight: 4,
        arbitrary: authorization(`Bearer ${TEST_MASTER_KEY}`, [
          `Bearer ${ws.writeKey}`,
          `Bearer ${ws.secretKey}`,
          `Basic ${Buffer.from(`${ws.writeKey}:`).toString('base64')}`,
        ]).map((authorization) => ({ authorization })),
      },
      // A dashboard session, with or without the CSRF header, or a forged cookie.
      {
        weight: 1,
        arbitrary: fc.record({
          cookie: fc.oneof(
            fc.constant(cookie),
            headerText.map((t) => `herald_session=${t}`),
          ),
          'x-herald-csrf': fc.constantFrom('1', undefined, '0'),
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(routes(), credentials, contentType),
        async ([route, headers, type]) => {
          await fuzzOnce(server(), {
            method: route.method,
            path: `/api/v1${route.path}`,
            headers: { ...headers, 'content-type': route.body ? type : undefined },
            body: route.body,
          });
        },
      ),
      fuzzParameters(120),
    );
  });

  it('answers every sign-in request 2xx or a catalogue 4xx, and a refused one changes nothing', async () => {
    const request = fc.record({
      path: fc.constantFrom('/setup', '/login', '/logout', '/session'),
      body: nastyBody(mutated({ email: 'admin@example.com', password: 'correct horse battery' })),
      type: contentType,
      csrf: fc.constantFrom('1', undefined, 'yes'),
      cookie: fc.option(
        fc.oneof(
          fc.constant(cookie),
          headerText.map((t) => `herald_session=${t}`),
          headerText,
        ),
        { nil: undefined },
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ path, body, type, csrf, cookie }) => {
        await fuzzOnce(server(), {
          method: path === '/session' ? 'GET' : 'POST',
          path: `/api/v1${path}`,
          headers: { 'content-type': type, 'x-herald-csrf': csrf, cookie },
          body,
        });
      }),
      fuzzParameters(40),
    );
  });
});
