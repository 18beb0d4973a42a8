import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('admin API: people', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  const send = (batch: object[]) => server().track(ws.writeKey, '/v1/batch', { batch });

  beforeAll(async () => {
    ws = await server().createWorkspace('People');
    // An anonymous visit on a laptop and one on a phone, then a login on each.
    await send([
      { type: 'page', anonymousId: 'laptop', name: 'Pricing', timestamp: '2026-01-01T10:00:00Z' },
      {
        type: 'track',
        anonymousId: 'phone',
        event: 'Opened app',
        timestamp: '2026-01-01T11:00:00Z',
      },
    ]);
    await send([
      {
        type: 'identify',
        anonymousId: 'laptop',
        userId: 'ann',
        traits: { email: 'ann@example.com', name: 'Ann' },
        timestamp: '2026-01-01T12:00:00Z',
      },
      {
        type: 'identify',
        anonymousId: 'phone',
        userId: 'ann',
        traits: { plan: 'pro' },
        timestamp: '2026-01-01T13:00:00Z',
      },
      { type: 'track', userId: 'ann', event: 'Purchased', timestamp: '2026-01-01T14:00:00Z' },
    ]);
  });

  it('shows a person with merged traits and every anonymous ID', async () => {
    const { status, body } = await server().admin('GET', `/workspaces/${ws.id}/people/ann`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      userId: 'ann',
      email: 'ann@example.com',
      traits: { email: 'ann@example.com', name: 'Ann', plan: 'pro' },
    });
    expect(body.anonymousIds.sort()).toEqual(['laptop', 'phone']);
  });

  it('lists the merged activity newest first, page by page', async () => {
    const path = `/workspaces/${ws.id}/people/ann/activity`;
    const first = await server().admin('GET', `${path}?limit=3`);
    expect(first.body.data.map((e: { type: string }) => e.type)).toEqual([
      'track',
      'identify',
      'identify',
    ]);
    const rest = await server().admin('GET', `${path}?limit=3&before=${first.body.next}`);
    expect(rest.body.data.map((e: { event?: string; name?: string }) => e.event ?? e.name)).toEqual(
      ['Opened app', 'Pricing'],
    );
    expect(rest.body.next).toBeNull();
    const bad = await server().admin('GET', `${path}?before=garbage`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('before');
    const tooMany = await server().admin('GET', `${path}?limit=100000`);
    expect(tooMany.status).toBe(400);
  });

  it('looks up an anonymous ID on its own', async () => {
    await send([{ type: 'track', anonymousId: 'stranger', event: 'Browsed' }]);
    const visitor = await server().admin('GET', `/workspaces/${ws.id}/anonymous/stranger`);
    expect(visitor.body).toEqual({ anonymousId: 'stranger', userId: null });
    const linked = await server().admin('GET', `/workspaces/${ws.id}/anonymous/laptop`);
    expect(linked.body).toEqual({ anonymousId: 'laptop', userId: 'ann' });
    const activity = await server().admin(
      'GET',
      `/workspaces/${ws.id}/anonymous/stranger/activity`,
    );
    expect(activity.body.data.map((e: { event: string }) => e.event)).toEqual(['Browsed']);
  });

  it('answers 404 for an unknown person and never shows another workspace', async () => {
    const other = await server().createWorkspace('Other');
    expect((await server().admin('GET', `/workspaces/${ws.id}/people/nobody`)).status).toBe(404);
    expect((await server().admin('GET', `/workspaces/${other.id}/people/ann`)).status).toBe(404);
    const elsewhere = await server().admin(
      'GET',
      `/workspaces/${other.id}/anonymous/laptop/activity`,
    );
    expect(elsewhere.body.data).toEqual([]);
  });

  it('erases a person and all their data', async () => {
    await send([
      { type: 'page', anonymousId: 'gone-anon', name: 'Landing' },
      { type: 'identify', anonymousId: 'gone-anon', userId: 'gone', traits: { email: 'g@x.io' } },
      { type: 'track', userId: 'gone', event: 'Left' },
    ]);
    const erased = await server().admin('DELETE', `/workspaces/${ws.id}/people/gone`);
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ deleted: true, userId: 'gone', events: 3 });
    expect((await server().admin('GET', `/workspaces/${ws.id}/people/gone`)).status).toBe(404);
    const anon = await server().admin('GET', `/workspaces/${ws.id}/anonymous/gone-anon/activity`);
    expect(anon.body.data).toEqual([]);
    expect((await server().admin('DELETE', `/workspaces/${ws.id}/people/gone`)).status).toBe(404);
  });
});
