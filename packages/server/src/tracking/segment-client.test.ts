import { Analytics } from '@segment/analytics-node';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

/**
 * Compatibility with Segment's own Node library, an independent client: pointed at Herald, its
 * calls land as they would at Segment.
 */
describeEachDialect('Segment analytics-node against Herald', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await server().createWorkspace('Segment client');
  });

  it('delivers identify, track, page and alias', async () => {
    const analytics = new Analytics({ writeKey: ws.writeKey, host: server().url, flushAt: 10 });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));

    analytics.track({ anonymousId: 'seg-anon', event: 'Viewed Pricing', properties: { tier: 2 } });
    analytics.page({ anonymousId: 'seg-anon', name: 'Pricing', properties: { path: '/pricing' } });
    analytics.identify({
      anonymousId: 'seg-anon',
      userId: 'seg-user',
      traits: { email: 'seg@example.com', name: 'Seg' },
    });
    analytics.track({ userId: 'seg-user', event: 'Subscribed', properties: { plan: 'pro' } });
    analytics.alias({ previousId: 'seg-old', userId: 'seg-user' });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const person = await server().admin('GET', `/workspaces/${ws.id}/people/seg-user`);
    expect(person.body).toMatchObject({
      userId: 'seg-user',
      traits: { email: 'seg@example.com', name: 'Seg' },
    });
    expect(person.body.anonymousIds.sort()).toEqual(['seg-anon', 'seg-old']);

    const activity = await server().admin('GET', `/workspaces/${ws.id}/people/seg-user/activity`);
    const events = activity.body.data as Array<Record<string, unknown>>;
    expect(events.map((e) => e.type).sort()).toEqual([
      'alias',
      'identify',
      'page',
      'track',
      'track',
    ]);
    expect(events.find((e) => e.event === 'Viewed Pricing')).toMatchObject({
      properties: { tier: 2 },
      context: { library: { name: '@segment/analytics-node' } },
    });
    expect(events.find((e) => e.type === 'page')).toMatchObject({ name: 'Pricing' });
    expect(events.find((e) => e.type === 'alias')).toMatchObject({ previousId: 'seg-old' });
  });
});
