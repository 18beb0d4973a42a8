import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { userHashFor } from '../auth/identity-verification.js';
import { describeEachDialect } from '../test-support/databases.js';
import { databaseFingerprint } from '../test-support/fuzz.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { startTestServer, type TestWorkspace, useTestServer } from '../test-support/server.js';

/**
 * The SDK-facing API as an attacker holding a public write key sees it: workspaces stay apart,
 * identity verification holds on every route, visitor-supplied traits never become markup, one
 * broken template cannot take delivery down, and the limits hold. (Forged delivery IDs, the
 * plain Liquid escape and `/messages` identity checks are in inapp/*.test.ts.)
 */
describeEachDialect('in-app security', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let a: TestWorkspace;
  let b: TestWorkspace;
  const on = { inApp: { enabled: true, anonymous: true } };
  beforeAll(async () => {
    a = await server().createWorkspace('A', on);
    b = await server().createWorkspace('B', on);
  });
  const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

  it("never delivers, hints or counts another workspace's messages", async () => {
    const inA = inAppClient(server(), a);
    const inB = inAppClient(server(), b);
    const id = await inA.launch(messageBody({ name: 'Only for A' }));
    const visitor = { anonymousId: 'shared-visitor' };
    expect((await inA.messages(visitor)).messages.map((m) => m.id)).toContain(id);
    expect((await inB.messages(visitor)).messages.map((m) => m.id)).not.toContain(id);
    // A's delivery ID, reported with B's key by the very same visitor, is refused.
    const deliveryId = (await inA.messages(visitor)).messages.find((m) => m.id === id)!.deliveryId;
    const before = await databaseFingerprint(server());
    const foreign = await inB.report(visitor, [{ type: 'opened', deliveryId }]);
    expect(foreign.status).toBe(400);
    expect(await databaseFingerprint(server())).toEqual(before);
    // A test send of A's message through B's admin path does not exist.
    expect(
      (await server().admin('POST', `/workspaces/${b.id}/messages/${id}/test`, visitor)).status,
    ).toBe(404);
  });

  it('enforces identity verification on the stream and the event intake too', async () => {
    const ws = await server().createWorkspace('Verified', { ...on, identityVerification: true });
    const inApp = inAppClient(server(), ws);
    await inApp.launch(messageBody({ audience: { type: 'identified' } }));
    const proof = userHashFor(ws.secretKey, 'alice');
    const delivered = await inApp.messages({ userId: 'alice', userHash: proof });
    const deliveryId = delivered.messages[0]!.deliveryId;

    const claimed = { userId: 'alice' };
    const forged = { userId: 'alice', userHash: userHashFor(ws.writeKey, 'alice') };
    const mixed = { userId: 'alice', userHash: userHashFor(ws.secretKey, 'bob') };
    for (const visitor of [claimed, forged, mixed]) {
      const stream = await fetch(inApp.streamUrl(visitor));
      expect(stream.status).toBe(401);
      expect((await stream.json()).error.code).toBe('identity_not_verified');
      const before = await databaseFingerprint(server());
      const report = await inApp.report(visitor, [{ type: 'dismissed', deliveryId }]);
      expect(report.status).toBe(401);
      expect(await databaseFingerprint(server())).toEqual(before);
    }
    expect(
      (await inApp.report({ userId: 'alice', userHash: proof }, [{ type: 'opened', deliveryId }]))
        .status,
    ).toBe(200);
  });

  it('escapes visitor-supplied traits whatever the filter, and reads no server file', async () => {
    const ws = await server().createWorkspace('Liquid', on);
    const inApp = inAppClient(server(), ws);
    const markup = '<img src=x onerror=alert(1)>';
    await server().track(ws.writeKey, '/v1/identify', {
      userId: 'mallory',
      traits: { name: markup },
    });
    const templates = [
      '{{customer.name | raw}}',
      '{{customer.name | upcase | raw}}',
      '{% echo customer.name | raw %}',
      '{% liquid echo customer.name | raw %}',
      '{% capture x %}{{customer.name | raw}}{% endcapture %}{{x | raw}}',
    ];
    for (const html of templates) {
      await inApp.launch(
        messageBody({
          name: html,
          audience: { type: 'identified' },
          steps: [{ name: 'main', html }],
        }),
      );
    }
    const { messages } = await inApp.messages({ userId: 'mallory' });
    expect(messages).toHaveLength(templates.length);
    for (const message of messages) expect(message.steps[0]!.html).not.toMatch(/<img/i);
  });

  it('keeps delivering the other messages when one template cannot render', async () => {
    const ws = await server().createWorkspace('Broken', on);
    const inApp = inAppClient(server(), ws);
    const good = await inApp.launch(messageBody({ audience: { type: 'identified' } }));
    for (const html of [
      "{% include 'package.json' %}",
      "{% render '../data/master.key' %}",
      '{% for i in (1..100000000) %}x{% endfor %}',
    ]) {
      await inApp.launch(
        messageBody({ audience: { type: 'identified' }, steps: [{ name: 'main', html }] }),
      );
    }
    const response = await inApp.fetchMessages({ userId: 'someone' });
    const body = await response.text();
    expect(response.status, body).toBe(200);
    expect(body).not.toContain('@herald/server');
    expect(
      (JSON.parse(body) as { messages: Array<{ id: string }> }).messages.map((m) => m.id),
    ).toContain(good);
  });

  it('answers 429 with Retry-After past the in-app limit, per workspace', async () => {
    const limited = await startTestServer(dialect, { ingestRateLimit: 1 });
    try {
      const ws = await limited.createWorkspace('Limited', on);
      const other = await limited.createWorkspace('Other', on);
      const poll = (w: TestWorkspace) =>
        inAppClient(limited, w).fetchMessages({ anonymousId: 'a' });
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 10; i++) {
        const response = await poll(ws);
        statuses.push(response.status);
        if (response.status === 429) {
          retryAfter = response.headers.get('retry-after');
          expect((await response.json()).error.code).toBe('rate_limited');
        }
      }
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await poll(other)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('refuses an event report over 64 KB, and answers CORS for any site without cookies', async () => {
    const inApp = inAppClient(server(), a);
    const before = await databaseFingerprint(server());
    const big = await fetch(`${server().url}/v1/in-app/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({
        writeKey: a.writeKey,
        anonymousId: 'x',
        events: [{ id: randomUUID(), type: 'error', error: 'e'.repeat(70_000) }],
      }),
    });
    expect(big.status).toBe(400);
    expect((await big.json()).error.code).toBe('body_too_large');
    expect(await databaseFingerprint(server())).toEqual(before);

    const preflight = await fetch(`${server().url}/v1/in-app/events`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const poll = await inApp.fetchMessages(
      { anonymousId: 'x' },
      {},
      { origin: 'https://shop.example' },
    );
    expect(poll.headers.get('access-control-allow-origin')).toBe('*');
    expect(poll.headers.get('access-control-expose-headers')).toMatch(/etag/i);
    // The write key may also come as Basic auth; a secret key is no write key.
    const secret = await fetch(`${server().url}/v1/in-app/messages?anonymousId=x`, {
      headers: { authorization: basic(a.secretKey) },
    });
    expect(secret.status).toBe(401);
  });
  it('refuses a write key holding NUL or other odd text as unknown, on every route', async () => {
    const before = await databaseFingerprint(server());
    for (const key of ['\u0000', `${a.writeKey}\u0000`, "wk_' OR '1'='1", '%', 'ü'.repeat(300)]) {
      const query = `writeKey=${encodeURIComponent(key)}&anonymousId=a&anonymousInApp=true`;
      const body = JSON.stringify({
        writeKey: key,
        anonymousId: 'a',
        event: 'E',
        events: [{ id: 'x', type: 'opened', deliveryId: 'd' }],
      });
      const requests: Array<[string, RequestInit]> = [
        [`/v1/in-app/messages?${query}`, {}],
        [`/v1/in-app/stream?${query}`, {}],
        ['/v1/in-app/events', { method: 'POST', body }],
        ['/v1/track', { method: 'POST', body }],
        [
          '/v1/track',
          {
            method: 'POST',
            body: '{"anonymousId":"a","event":"E"}',
            headers: { authorization: basic(key) },
          },
        ],
      ];
      for (const [path, init] of requests) {
        const response = await fetch(`${server().url}${path}`, init);
        expect(response.status, `${path} with ${JSON.stringify(key)}`).toBe(401);
        expect((await response.json()).error.code).toBe('invalid_write_key');
      }
    }
    expect(await databaseFingerprint(server())).toEqual(before);
  });
});
