import type { DeliveryResponse } from '@herald/protocol';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { useTestServer } from '../test-support/server.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** When the SDK reports that something happened (it may report late, never ahead). */
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = (response: DeliveryResponse) => response.messages.map((m) => m.id);

/**
 * Workspace caps (`perSession`, `perDay`) and message re-eligibility over the real server, as
 * the SDK meets them. Time is moved by reporting views and dismissals in the past, as the SDK
 * does with a report sent late (the intake takes the event's `timestamp`, never in the future).
 */
describeEachDialect('caps and re-eligibility', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  const workspace = async (caps?: object) => {
    const ws = await server().createWorkspace('Caps', { inApp: { enabled: true } });
    if (caps) {
      const patched = await server().admin('PATCH', `/workspaces/${ws.id}`, { inApp: { caps } });
      expect(patched.status).toBe(200);
    }
    return { ws, client: inAppClient(server(), ws) };
  };
  const identified = (name: string, priority: number, extra: object = {}) =>
    messageBody({ name, priority, audience: { type: 'identified' }, ...extra });

  it('perSession: counts what was shown since the session the SDK names began', async () => {
    const { client } = await workspace({ perSession: 1 });
    const one = await client.launch(identified('one', 1));
    const two = await client.launch(identified('two', 2));
    const sam = { userId: 'sam' };
    const session = { sessionStartedAt: String(Date.now() - MINUTE) };

    const first = await client.messages(sam, session);
    expect(ids(first)).toEqual([one]);
    await client.report(sam, [{ type: 'opened', deliveryId: first.messages[0]!.deliveryId }]);
    // Shown in this session, it stays; the other waits for the next session.
    expect(ids(await client.messages(sam, session))).toEqual([one]);
    await client.report(sam, [{ type: 'dismissed', deliveryId: first.messages[0]!.deliveryId }]);
    expect(ids(await client.messages(sam, session))).toEqual([]);

    await sleep(5);
    const next = { sessionStartedAt: String(Date.now()) };
    expect(ids(await client.messages(sam, next))).toEqual([two]);
    // Without a session start only perDay applies on the server (none here).
    expect(ids(await client.messages(sam))).toEqual([two]);
  });

  it('perDay: a rolling 24 hours; shown messages stay; test sends are exempt', async () => {
    const { ws, client } = await workspace({ perDay: 1 });
    const dot = { userId: 'dot' };
    await server().track(ws.writeKey, '/v1/identify', { userId: 'dot', traits: {} });
    const low = await client.launch(identified('low', 5));
    const shown = await client.messages(dot);
    expect(ids(shown)).toEqual([low]);
    // Seen 25 hours ago: out of the window, it leaves the whole day's cap free.
    await client.report(dot, [
      { type: 'opened', deliveryId: shown.messages[0]!.deliveryId, timestamp: ago(25 * HOUR) },
    ]);
    const high = await client.launch(identified('high', 1));
    const today = await client.messages(dot);
    expect(ids(today)).toEqual([high]);
    await client.report(dot, [{ type: 'opened', deliveryId: today.messages[0]!.deliveryId }]);
    expect(ids(await client.messages(dot))).toEqual([high]);
    const top = await client.launch(identified('top', 1));
    expect(ids(await client.messages(dot))).toEqual([high]);

    const sent = await server().admin('POST', `/workspaces/${ws.id}/messages/${top}/test`, {
      userId: 'dot',
    });
    expect(sent.status).toBe(202);
    const withTest = (await client.messages(dot)).messages;
    expect(withTest.map((m) => [m.id, m.test]).sort()).toEqual(
      [
        [high, false],
        [top, true],
      ].sort(),
    );
  });

  it('reEligibleAfterSeconds: a dismissed message returns that long after, its count anew', async () => {
    const { client } = await workspace();
    const frequency = { maxViews: 2, cooldownSeconds: 0, reEligibleAfterSeconds: 3600 };
    const id = await client.launch(identified('again', 1, { frequency }));
    const report = async (userId: string, type: 'opened' | 'dismissed', at: string) => {
      const [message] = (await client.messages({ userId })).messages;
      expect(message?.id).toBe(id);
      const response = await client.report({ userId }, [
        { type, deliveryId: message!.deliveryId, timestamp: at },
      ]);
      expect(response.status).toBe(200);
    };

    const dismissedAt = ago(2 * HOUR - MINUTE);
    await report('eve', 'opened', ago(2 * HOUR));
    await report('eve', 'dismissed', dismissedAt);
    await report('fay', 'opened', ago(30 * MINUTE));
    await report('fay', 'dismissed', ago(29 * MINUTE));
    // Dismissed an hour and more ago: eligible again, the dismissal told to the SDK.
    const [again] = (await client.messages({ userId: 'eve' })).messages;
    expect(again?.state).toMatchObject({ views: 1, dismissed: true });
    expect(again?.state.dismissedAt).toBe(Date.parse(dismissedAt));
    expect(ids(await client.messages({ userId: 'fay' }))).toEqual([]);

    // Shown again: the count starts over, and maxViews applies to the new count.
    await report('eve', 'opened', ago(0));
    const [fresh] = (await client.messages({ userId: 'eve' })).messages;
    expect(fresh?.state).toMatchObject({ views: 1, dismissed: false });
    await report('eve', 'opened', ago(0));
    expect(ids(await client.messages({ userId: 'eve' }))).toEqual([]);

    // Shown maxViews times, it returns that long after the last view.
    await report('gus', 'opened', ago(3 * HOUR));
    await report('gus', 'opened', ago(2 * HOUR));
    const [maxed] = (await client.messages({ userId: 'gus' })).messages;
    expect(maxed?.state).toMatchObject({ views: 2, dismissed: false });
    await report('gus', 'opened', ago(0));
    const [counted] = (await client.messages({ userId: 'gus' })).messages;
    expect(counted?.state.views).toBe(1);
  });
});
