import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('tracking API', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await server().createWorkspace('Tracking');
  });

  const activity = async (anonymousId: string) =>
    (await server().admin('GET', `/workspaces/${ws.id}/anonymous/${anonymousId}/activity`)).body
      .data as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from the API
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server().url}${path}`, { method: 'POST', body, headers });

  it('accepts every call type with the write key as the Basic-auth user', async () => {
    const calls: Array<[string, object]> = [
      ['/v1/identify', { anonymousId: 'v1', userId: 'u1', traits: { name: 'Ann' } }],
      ['/v1/track', { anonymousId: 'v1', event: 'Signed Up', properties: { plan: 'pro' } }],
      ['/v1/page', { anonymousId: 'v1', name: 'Home', properties: { url: 'https://x.io/' } }],
      ['/v1/screen', { anonymousId: 'v1', name: 'Settings' }],
      ['/v1/group', { anonymousId: 'v1', groupId: 'g1', traits: { size: 5 } }],
      ['/v1/alias', { anonymousId: 'v1', previousId: 'v1', userId: 'u1' }],
    ];
    for (const [path, body] of calls) {
      const response = await server().track(ws.writeKey, path, body);
      expect(response.status, path).toBe(200);
      expect(await response.json()).toEqual({ success: true });
    }
    const stored = await activity('v1');
    expect(stored.map((e) => e.type).sort()).toEqual([
      'alias',
      'group',
      'identify',
      'page',
      'screen',
      'track',
    ]);
    expect(stored.find((e) => e.type === 'track')).toMatchObject({
      event: 'Signed Up',
      properties: { plan: 'pro' },
    });
  });

  it('accepts text/plain bodies and the write key in the body, as browsers send them', async () => {
    const response = await post(
      '/v1/batch',
      JSON.stringify({
        writeKey: ws.writeKey,
        batch: [{ type: 'track', anonymousId: 'v2', event: 'Beacon', messageId: 'beacon-1' }],
      }),
      { 'content-type': 'text/plain;charset=UTF-8' },
    );
    expect(response.status).toBe(200);
    expect((await activity('v2')).map((e) => e.event)).toEqual(['Beacon']);
  });

  it('stores a body with malformed UTF-8 as its text reads, with U+FFFD for the bad bytes', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"anonymousId":"v-bad","event":"Caf'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const response = await fetch(`${server().url}/v1/track`, {
      method: 'POST',
      body: bytes,
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${ws.writeKey}:`).toString('base64')}`,
      },
    });
    expect(response.status).toBe(200);
    await expect
      .poll(async () => (await activity('v-bad')).map((e) => e.event))
      .toEqual(['Caf\uFFFD\uFFFD']);
  });

  it('takes the short paths analytics-next posts to (/v1/<first letter>, /v1/b)', async () => {
    const calls: Array<[string, object]> = [
      ['/v1/i', { userId: 'short-u', anonymousId: 'short', traits: { plan: 'pro' } }],
      ['/v1/t', { anonymousId: 'short', event: 'Short Track', properties: { n: 1 } }],
      ['/v1/p', { anonymousId: 'short', name: 'Pricing', properties: { path: '/pricing' } }],
      ['/v1/s', { anonymousId: 'short', name: 'Home Screen' }],
      ['/v1/g', { anonymousId: 'short', groupId: 'g-short' }],
      ['/v1/a', { anonymousId: 'short', previousId: 'short', userId: 'short-u' }],
      ['/v1/b', { batch: [{ type: 'track', anonymousId: 'short', event: 'In A Batch' }] }],
    ];
    for (const [path, body] of calls) {
      const response = await post(path, JSON.stringify({ ...body, writeKey: ws.writeKey }), {
        'content-type': 'text/plain',
      });
      expect(response.status, path).toBe(200);
    }
    const stored = await activity('short');
    expect(stored.map((e) => e.event ?? e.name ?? e.type).sort()).toEqual(
      ['Home Screen', 'In A Batch', 'Pricing', 'Short Track', 'alias', 'group', 'identify'].sort(),
    );
    // A short path checks its body as strictly as the long one: a track needs its event.
    const bad = await post('/v1/t', JSON.stringify({ writeKey: ws.writeKey, anonymousId: 'x' }));
    expect(bad.status).toBe(400);
  });

  it('answers CORS preflights for any site', async () => {
    const response = await fetch(`${server().url}/v1/batch`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('merges batch context into each call and corrects clock skew', async () => {
    const response = await server().track(ws.writeKey, '/v1/batch', {
      sentAt: '2030-01-01T00:00:10.000Z',
      context: { library: { name: 'herald.js' }, locale: 'de-DE' },
      batch: [
        {
          type: 'track',
          anonymousId: 'v3',
          event: 'Skewed',
          timestamp: '2030-01-01T00:00:00.000Z',
          context: { locale: 'en-GB' },
        },
      ],
    });
    expect(response.status).toBe(200);
    const [event] = await activity('v3');
    expect(event?.context).toEqual({ library: { name: 'herald.js' }, locale: 'en-GB' });
    const lag = Date.parse(event!.receivedAt) - Date.parse(event!.timestamp);
    expect(lag).toBe(10_000);
  });

  it('stores a messageId once however often it is sent', async () => {
    const call = { type: 'track', anonymousId: 'v4', event: 'Once', messageId: 'dedupe-1' };
    for (let i = 0; i < 3; i++) {
      expect((await server().track(ws.writeKey, '/v1/batch', { batch: [call, call] })).status).toBe(
        200,
      );
    }
    expect(await activity('v4')).toHaveLength(1);
  });

  it('does not store the client IP address', async () => {
    await server().track(ws.writeKey, '/v1/track', { anonymousId: 'v5', event: 'Private' });
    const [event] = await activity('v5');
    expect(JSON.stringify(event)).not.toContain('127.0.0.1');
  });

  it('answers 401 for a missing or unknown write key, and a secret key is no write key', async () => {
    const body = JSON.stringify({ anonymousId: 'v6', event: 'x' });
    const json = { 'content-type': 'application/json' };
    const missing = await post('/v1/track', body, json);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe('unauthorized');
    const unknown = await server().track('wk_unknown', '/v1/track', {
      anonymousId: 'v6',
      event: 'x',
    });
    expect((await unknown.json()).error.code).toBe('invalid_write_key');
    expect((await server().track(ws.secretKey, '/v1/track', JSON.parse(body))).status).toBe(401);
    expect(await activity('v6')).toEqual([]);
  });

  it('answers 400 with a clear error for bad input and stores nothing of it', async () => {
    const cases: Array<[unknown, string]> = [
      ['{"anonymousId": "v7", "event":', 'invalid_json'],
      [{ anonymousId: 'v7' }, 'validation_failed'],
      [{ event: 'no identity' }, 'validation_failed'],
      [{ anonymousId: 'v7', event: 'x', properties: 'nope' }, 'validation_failed'],
    ];
    for (const [body, code] of cases) {
      const response = await server().track(ws.writeKey, '/v1/track', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()).error;
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(5);
    }
    const poisoned = await server().track(
      ws.writeKey,
      '/v1/track',
      '{"anonymousId":"v7","event":"x","__proto__":{"admin":true}}',
    );
    expect(poisoned.status).toBe(400);
    expect(await activity('v7')).toEqual([]);
  });

  it('refuses a whole batch when one call is invalid, naming it', async () => {
    const response = await server().track(ws.writeKey, '/v1/batch', {
      batch: [
        { type: 'track', anonymousId: 'v8', event: 'Fine' },
        { type: 'track', anonymousId: 'v8' },
      ],
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: 'validation_failed',
      field: 'batch.1.event',
    });
    expect(await activity('v8')).toEqual([]);
  });

  it('enforces 32 KB a call, 500 KB and 2,500 calls a batch', async () => {
    const blob = 'x'.repeat(33 * 1024);
    const single = await server().track(ws.writeKey, '/v1/track', {
      anonymousId: 'v9',
      event: 'Big',
      properties: { blob },
    });
    expect(single.status).toBe(400);
    expect((await single.json()).error.code).toBe('body_too_large');

    const inBatch = await server().track(ws.writeKey, '/v1/batch', {
      batch: [{ type: 'track', anonymousId: 'v9', event: 'Big', properties: { blob } }],
    });
    expect(inBatch.status).toBe(400);
    expect((await inBatch.json()).error.field).toBe('batch.0');

    const huge = await server().track(ws.writeKey, '/v1/batch', {
      batch: Array.from({ length: 20 }, () => ({
        type: 'track',
        anonymousId: 'v9',
        event: 'Big',
        properties: { blob: 'y'.repeat(30 * 1024) },
      })),
    });
    expect(huge.status).toBe(400);
    expect((await huge.json()).error.code).toBe('body_too_large');

    const many = await server().track(ws.writeKey, '/v1/batch', {
      batch: Array.from({ length: 2501 }, () => ({ type: 'track', anonymousId: 'v9', event: 'e' })),
    });
    expect(many.status).toBe(400);
    expect(await activity('v9')).toEqual([]);
  });

  it('answers 415 for a body that is neither JSON nor text', async () => {
    const response = await post('/v1/track', 'a=1', {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${ws.writeKey}:`).toString('base64')}`,
    });
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe('unsupported_media_type');
  });
});

describeEachDialect('tracking rate limit', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 2 });

  it('answers 429 with Retry-After past the per-workspace limit, other workspaces unaffected', async () => {
    const busy = await server().createWorkspace('Busy');
    const quiet = await server().createWorkspace('Quiet');
    const send = (ws: TestWorkspace) =>
      server().track(ws.writeKey, '/v1/track', { anonymousId: 'r', event: 'e' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(busy)).status);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    const limited = await send(busy);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await send(quiet)).status).toBe(200);
  });
});
