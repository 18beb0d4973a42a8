import { compilePageRules, pageMatches, pageTarget } from '@herald/protocol';
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { userHashFor } from '../auth/identity-verification.js';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('in-app delivery', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });

  describe('workspace switches and audiences', () => {
    let ws: TestWorkspace;
    let inApp: ReturnType<typeof inAppClient>;
    beforeAll(async () => {
      ws = await server().createWorkspace('Switches');
      inApp = inAppClient(server(), ws);
      await inApp.launch(messageBody({ name: 'For visitors' }));
      await inApp.launch(messageBody({ name: 'For people', audience: { type: 'identified' } }));
    });
    const names = async (visitor: object, extra?: Record<string, string>) =>
      (await inApp.messages(visitor, extra)).messages.map((m) => m.id);

    it('delivers nothing until in-app is enabled', async () => {
      expect(await names({ anonymousId: 'v1' })).toEqual([]);
      expect(await names({ userId: 'u1' })).toEqual([]);
    });

    it('delivers anonymous messages only when the workspace and the SDK allow them', async () => {
      await server().admin('PATCH', `/workspaces/${ws.id}`, { inApp: { enabled: true } });
      expect(await names({ anonymousId: 'v1' })).toEqual([]);
      await server().admin('PATCH', `/workspaces/${ws.id}`, { inApp: { anonymous: true } });
      expect(await names({ anonymousId: 'v1' })).toHaveLength(1);
      expect(await names({ anonymousId: 'v1' }, { anonymousInApp: 'false' })).toEqual([]);
    });

    it('stops anonymous messages once a visitor is identified, and vice versa', async () => {
      const anonymous = await inApp.messages({ anonymousId: 'v1' });
      const identified = await inApp.messages({ anonymousId: 'v1', userId: 'u1' });
      expect(anonymous.identified).toBe(false);
      expect(anonymous.messages.map((m) => m.audience)).toEqual(['anonymous']);
      expect(identified.identified).toBe(true);
      expect(identified.messages.map((m) => m.audience)).toEqual(['identified']);
    });

    it('answers 401 for a bad write key and 400 without a visitor', async () => {
      const bad = await fetch(`${server().url}/v1/in-app/messages?writeKey=wk_nope&anonymousId=a`);
      expect(bad.status).toBe(401);
      const none = await fetch(`${server().url}/v1/in-app/messages?writeKey=${ws.writeKey}`);
      expect(none.status).toBe(400);
      expect((await none.json()).error.field).toBe('anonymousId');
    });
  });

  describe('targeting', () => {
    let inApp: ReturnType<typeof inAppClient>;
    beforeAll(async () => {
      const ws = await server().createWorkspace('Targeting', {
        inApp: { enabled: true, anonymous: true },
      });
      inApp = inAppClient(server(), ws);
    });

    it('sends compiled page rules the SDK tests against the URL, query string included', async () => {
      const id = await inApp.launch(
        messageBody({
          pageRules: {
            include: [
              { op: 'matches', value: 'https://example.com/*/billing' },
              { op: 'equals', value: 'Billing' },
            ],
            exclude: [{ op: 'contains', value: 'utm_source=partner' }],
          },
        }),
      );
      const message = (await inApp.messages({ anonymousId: 'rules' })).messages.find(
        (m) => m.id === id,
      )!;
      const on = (page: { url: string; name?: string }) =>
        pageMatches(message.pageRules, pageTarget(page));
      expect(on({ url: 'https://example.com/ui/billing?tab=invoices' })).toBe(true);
      expect(on({ url: 'https://example.com/ui/billing?utm_source=partner' })).toBe(false);
      expect(on({ url: 'https://example.com/ui/settings' })).toBe(false);
      // A page name overrides the URL.
      expect(on({ url: 'https://example.com/ui/settings', name: 'Billing' })).toBe(true);
      expect(on({ url: 'https://example.com/ui/billing', name: 'Settings' })).toBe(false);
      expect(message.pageRules).toEqual(
        compilePageRules({
          include: [
            { op: 'matches', value: 'https://example.com/*/billing' },
            { op: 'equals', value: 'Billing' },
          ],
          exclude: [{ op: 'contains', value: 'utm_source=partner' }],
        }),
      );
    });

    it('respects the schedule: not before startAt, not from endAt on', async () => {
      const hour = 3_600_000;
      const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
      const future = await inApp.launch(
        messageBody({ schedule: { startAt: iso(hour), endAt: null } }),
      );
      const past = await inApp.launch(
        messageBody({ schedule: { startAt: iso(-2 * hour), endAt: iso(-hour) } }),
      );
      const open = await inApp.launch(
        messageBody({ schedule: { startAt: iso(-hour), endAt: iso(hour) } }),
      );
      const ids = (await inApp.messages({ anonymousId: 'sched' })).messages.map((m) => m.id);
      expect(ids).toContain(open);
      expect(ids).not.toContain(future);
      expect(ids).not.toContain(past);
      const sent = (await inApp.messages({ anonymousId: 'sched' })).messages.find(
        (m) => m.id === open,
      )!;
      expect(sent.endAt).toBeGreaterThan(Date.now());
    });

    it('orders by priority, equal priorities in launch order', async () => {
      const ws = await server().createWorkspace('Priority', {
        inApp: { enabled: true, anonymous: true },
      });
      const client = inAppClient(server(), ws);
      const first = await client.launch(messageBody({ name: 'first', priority: 5 }));
      const second = await client.launch(messageBody({ name: 'second', priority: 5 }));
      const urgent = await client.launch(messageBody({ name: 'urgent', priority: 1 }));
      const third = await client.launch(messageBody({ name: 'third', priority: 5 }));
      const ids = (await client.messages({ anonymousId: 'p' })).messages.map((m) => m.id);
      expect(ids).toEqual([urgent, first, second, third]);
    });

    it('stops a paused message at once', async () => {
      const id = await inApp.launch(messageBody());
      expect((await inApp.messages({ anonymousId: 'pause' })).messages.map((m) => m.id)).toContain(
        id,
      );
      await server().admin(
        'POST',
        `/workspaces/${(await server().admin('GET', '/workspaces')).body.data.find((w: { name: string }) => w.name === 'Targeting').id}/messages/${id}/pause`,
      );
      expect(
        (await inApp.messages({ anonymousId: 'pause' })).messages.map((m) => m.id),
      ).not.toContain(id);
    });
  });

  describe('personalisation and identity verification', () => {
    let ws: TestWorkspace;
    let inApp: ReturnType<typeof inAppClient>;
    beforeAll(async () => {
      ws = await server().createWorkspace('Liquid', { inApp: { enabled: true } });
      inApp = inAppClient(server(), ws);
      await server().track(ws.writeKey, '/v1/identify', {
        userId: 'mallory',
        traits: { first_name: '<script>alert("x")</script>', plan: 'pro' },
      });
      await inApp.launch(
        messageBody({
          audience: { type: 'identified' },
          steps: [
            {
              name: 'main',
              html: '<p>Hi {{customer.first_name}}, {{customer.plan}} {{customer.missing}}|{{customer.nickname | default: "friend"}}</p>',
            },
          ],
        }),
      );
    });

    it('renders Liquid per person, escaping markup, unknown variables empty, default filter', async () => {
      const [message] = (await inApp.messages({ userId: 'mallory' })).messages;
      expect(message!.steps[0]!.html).toBe(
        '<p>Hi &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;, pro |friend</p>',
      );
    });

    it('requires proof of the userId once the workspace verifies identities', async () => {
      await server().admin('PATCH', `/workspaces/${ws.id}`, { identityVerification: true });
      const claimed = await inApp.fetchMessages({ userId: 'mallory' });
      expect(claimed.status).toBe(401);
      expect((await claimed.json()).error.code).toBe('identity_not_verified');
      const forged = await inApp.fetchMessages({
        userId: 'mallory',
        userHash: userHashFor('wrong', 'mallory'),
      });
      expect(forged.status).toBe(401);
      const hashed = await inApp.messages({
        userId: 'mallory',
        userHash: userHashFor(ws.secretKey, 'mallory'),
      });
      expect(hashed.messages).toHaveLength(1);
      const token = jwt(ws.secretKey, { sub: 'mallory', exp: Math.floor(Date.now() / 1000) + 60 });
      expect((await inApp.messages({ userId: 'mallory', userToken: token })).messages).toHaveLength(
        1,
      );
      const expired = jwt(ws.secretKey, { sub: 'mallory', exp: Math.floor(Date.now() / 1000) - 1 });
      expect((await inApp.fetchMessages({ userId: 'mallory', userToken: expired })).status).toBe(
        401,
      );
      const otherUser = jwt(ws.secretKey, { sub: 'alice' });
      expect((await inApp.fetchMessages({ userId: 'mallory', userToken: otherUser })).status).toBe(
        401,
      );
      await server().admin('PATCH', `/workspaces/${ws.id}`, { identityVerification: false });
    });
  });

  describe('caching', () => {
    it('answers an unchanged poll 304, and 200 again after a change', async () => {
      const ws = await server().createWorkspace('ETag', {
        inApp: { enabled: true, anonymous: true },
      });
      const inApp = inAppClient(server(), ws);
      const id = await inApp.launch(messageBody());
      const first = await inApp.fetchMessages({ anonymousId: 'e' });
      const etag = first.headers.get('etag')!;
      expect(first.status).toBe(200);
      expect(etag).toBeTruthy();
      const again = await inApp.fetchMessages({ anonymousId: 'e' }, {}, { 'if-none-match': etag });
      expect(again.status).toBe(304);
      // Another visitor's ETag is not this one's.
      const other = await inApp.fetchMessages({ anonymousId: 'f' }, {}, { 'if-none-match': etag });
      expect(other.status).toBe(200);
      const [message] = ((await first.json()) as { messages: Array<{ deliveryId: string }> })
        .messages;
      expect(
        (
          await inApp.report({ anonymousId: 'e' }, [
            { type: 'opened', deliveryId: message!.deliveryId },
          ])
        ).status,
      ).toBe(200);
      const afterView = await inApp.fetchMessages(
        { anonymousId: 'e' },
        {},
        { 'if-none-match': etag },
      );
      expect(afterView.status).toBe(200);
      const etag2 = afterView.headers.get('etag')!;
      await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/pause`);
      const afterPause = await inApp.fetchMessages(
        { anonymousId: 'e' },
        {},
        { 'if-none-match': etag2 },
      );
      expect(afterPause.status).toBe(200);
      expect(((await afterPause.json()) as { messages: unknown[] }).messages).toEqual([]);
    });
  });
});

function jwt(secret: string, claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
