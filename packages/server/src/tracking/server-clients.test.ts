import { Analytics as CustomerioAnalytics } from '@customerio/cdp-analytics-node';
import { Analytics as SegmentAnalytics } from '@segment/analytics-node';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

/**
 * The server libraries sites already use, as published: pointed at Herald with their `host`
 * option (both post batches to `<host>/v1/batch`), their calls land as they would at Segment or
 * Customer.io, traits and properties intact.
 */
type Settings = { writeKey: string; host: string; flushAt: number };
/**
 * The calls both libraries share (Customer.io's is a fork of Segment's, with its own copies of
 * the core types, so neither class's type is the other's).
 */
interface ServerClient {
  track(call: object): void;
  page(call: object): void;
  identify(call: object): void;
  screen(call: object): void;
  group(call: object): void;
  alias(call: object): void;
  closeAndFlush(options: { timeout: number }): Promise<unknown>;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

const CLIENTS: { name: string; create(settings: Settings): ServerClient }[] = [
  { name: '@segment/analytics-node', create: (settings) => new SegmentAnalytics(settings) },
  {
    name: '@customerio/cdp-analytics-node',
    create: (settings) => new CustomerioAnalytics(settings),
  },
];

describeEachDialect('server clients against Herald', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await server().createWorkspace('Server clients');
  });

  it.each(CLIENTS)('$name delivers every call', async ({ name, create }) => {
    const id = (what: string) => `${name.split('/')[0]!.slice(1)}-${what}`;
    const analytics = create({ writeKey: ws.writeKey, host: server().url, flushAt: 10 });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));

    const anonymousId = id('anon');
    const userId = id('user');
    analytics.track({
      anonymousId,
      event: 'Viewed Pricing',
      properties: { tier: 2, yearly: true },
    });
    analytics.page({ anonymousId, name: 'Pricing', properties: { path: '/pricing' } });
    analytics.identify({
      anonymousId,
      userId,
      traits: { email: `${userId}@example.com`, name: 'Seg', tags: ['a', 'b'] },
    });
    analytics.track({ userId, event: 'Subscribed', properties: { plan: 'pro', seats: 3 } });
    analytics.screen({ userId, name: 'Billing', properties: { from: 'menu' } });
    analytics.group({ userId, groupId: id('acme'), traits: { employees: 40 } });
    analytics.alias({ previousId: id('old'), userId });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const person = await server().admin('GET', `/workspaces/${ws.id}/people/${userId}`);
    expect(person.body).toMatchObject({
      userId,
      traits: { email: `${userId}@example.com`, name: 'Seg', tags: ['a', 'b'] },
    });
    expect(person.body.anonymousIds.sort()).toEqual([anonymousId, id('old')].sort());

    const activity = await server().admin('GET', `/workspaces/${ws.id}/people/${userId}/activity`);
    const events = activity.body.data as Array<Record<string, unknown>>;
    expect(events.map((e) => e.type).sort()).toEqual([
      'alias',
      'group',
      'identify',
      'page',
      'screen',
      'track',
      'track',
    ]);
    expect(events.find((e) => e.event === 'Viewed Pricing')).toMatchObject({
      properties: { tier: 2, yearly: true },
      context: { library: { name } },
    });
    expect(events.find((e) => e.event === 'Subscribed')).toMatchObject({
      properties: { plan: 'pro', seats: 3 },
    });
    expect(events.find((e) => e.type === 'page')).toMatchObject({ name: 'Pricing' });
    expect(events.find((e) => e.type === 'screen')).toMatchObject({
      name: 'Billing',
      properties: { from: 'menu' },
    });
    expect(events.find((e) => e.type === 'group')).toMatchObject({
      groupId: id('acme'),
      traits: { employees: 40 },
    });
    expect(events.find((e) => e.type === 'alias')).toMatchObject({ previousId: id('old') });
  });
});
