import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import {
  authorization,
  contentType,
  deeplyNested,
  fuzzOnce,
  fuzzParameters,
  mutated,
  nastyBody,
} from '../test-support/fuzz.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

/**
 * The tracking API under hostile input: random and broken JSON, wrong types, huge and odd
 * strings, bytes that are not UTF-8, deep nesting, wrong content types and credentials. Every
 * answer is a 2xx (the input happened to be valid) or a 4xx in the catalogue's shape; a refused
 * request stores nothing.
 */
const TEMPLATES: Record<string, Record<string, unknown>> = {
  identify: { userId: 'u1', anonymousId: 'a1', traits: { email: 'a@example.com', plan: 'pro' } },
  track: {
    anonymousId: 'a1',
    event: 'Clicked',
    properties: { n: 1 },
    messageId: 'm1',
    timestamp: '2026-01-01T00:00:00Z',
  },
  page: {
    anonymousId: 'a1',
    name: 'Home',
    category: 'Docs',
    properties: { url: 'https://example.com' },
  },
  screen: { userId: 'u1', name: 'Settings', properties: {} },
  group: { userId: 'u1', groupId: 'g1', traits: { name: 'Acme' } },
  alias: { previousId: 'a1', userId: 'u1' },
  batch: {
    sentAt: '2026-01-01T00:00:00Z',
    context: { library: { name: 'fuzz' } },
    batch: [
      { type: 'track', anonymousId: 'a2', event: 'Viewed', properties: { p: 'x' } },
      { type: 'identify', userId: 'u2', traits: { name: 'Ann' } },
    ],
  },
};

describeEachDialect('fuzzing the tracking API', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let other: TestWorkspace;
  beforeAll(async () => {
    ws = await server().createWorkspace('Fuzzed');
    other = await server().createWorkspace('Other');
  });

  const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

  it('answers every request 2xx or a catalogue 4xx, and a refused one stores nothing', async () => {
    const request = fc.constantFrom(...Object.keys(TEMPLATES)).chain((route) =>
      fc.record({
        route: fc.constant(route),
        method: fc.oneof(
          { weight: 12, arbitrary: fc.constant('POST') },
          { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
        ),
        body: nastyBody(mutated(TEMPLATES[route]!)),
        contentType,
        auth: authorization(basic(ws.writeKey), [basic(ws.secretKey), basic(other.writeKey)]),
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ route, method, body, contentType, auth }) => {
        await fuzzOnce(server(), {
          method,
          path: `/v1/${route}`,
          headers: { 'content-type': contentType, authorization: auth },
          body,
        });
      }),
      fuzzParameters(100),
    );
  });

  it('refuses deep nesting, lone surrogates and invalid UTF-8 on every route without a 5xx', async () => {
    const bodies: Array<[string, Buffer]> = [];
    for (const route of Object.keys(TEMPLATES)) {
      const call = (inner: string) =>
        route === 'batch'
          ? `{"batch":[{"type":"track","anonymousId":"a","event":"E","properties":{"p":${inner}}}]}`
          : `{"anonymousId":"a","userId":"u","event":"E","groupId":"g","previousId":"p","properties":{"p":${inner}},"traits":{"t":${inner}}}`;
      bodies.push([route, Buffer.from(call(deeplyNested(2000)))]);
      bodies.push([route, Buffer.from(call('"\\ud800 lone \\udfff"'))]);
      bodies.push([route, Buffer.from(call('"nul \\u0000 inside"'))]);
      bodies.push([
        route,
        Buffer.concat([
          Buffer.from(call('"')),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from('"}}'),
        ]),
      ]);
      bodies.push([
        route,
        Buffer.from(call(`{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}`)),
      ]);
    }
    bodies.push(['batch', Buffer.from(`{"batch":[${deeplyNested(20_000)}]}`)]);
    bodies.push([
      'track',
      Buffer.from(`{"anonymousId":"a","event":"E","properties":${deeplyNested(5000)}}`),
    ]);
    for (const [route, body] of bodies) {
      await fuzzOnce(server(), {
        method: 'POST',
        path: `/v1/${route}`,
        headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) },
        body,
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Found by this suite: a call nested thousands of levels deep (well within the 500 KB batch
  // limit) used to overflow the stack while its size was estimated; calls deeper than 64 levels
  // are now refused with a 400 naming the field.
  it('refuses a batch call nested thousands of levels deep with a 400, not a 500', async () => {
    for (const depth of [5000, 20_000]) {
      await fuzzOnce(server(), {
        method: 'POST',
        path: '/v1/batch',
        headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) },
        body: Buffer.from(
          `{"batch":[{"type":"track","anonymousId":"a","event":"E","properties":{"p":${deeplyNested(depth)}}}]}`,
        ),
      });
    }
  });
});
