import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('admin API: people search', (dialect) => {
  const server = useTestServer(dialect);
  let ws: TestWorkspace;
  let other: TestWorkspace;
  const search = async (q: string | undefined, workspace = ws, limit?: number) => {
    const params = new URLSearchParams();
    if (q !== undefined) params.set('q', q);
    if (limit !== undefined) params.set('limit', String(limit));
    return server().admin('GET', `/workspaces/${workspace.id}/people?${params}`);
  };
  const ids = (body: { data: Array<{ userId: string }> }) => body.data.map((p) => p.userId).sort();

  beforeAll(async () => {
    ws = await server().createWorkspace('Search');
    other = await server().createWorkspace('Other');
    const people = [
      {
        userId: 'user_100',
        anonymousId: 'anon-aaa',
        traits: { email: 'Ada@Example.com', plan: 'pro' },
      },
      { userId: 'user_101', anonymousId: 'anon-bbb', traits: { email: 'bob@example.com' } },
      { userId: 'u%_odd', traits: { email: 'odd@example.org' } },
      { userId: 'zed', traits: {} },
    ];
    for (const person of people) {
      const response = await server().track(ws.writeKey, '/v1/identify', person);
      expect(response.status).toBe(200);
    }
    await server().track(other.writeKey, '/v1/identify', { userId: 'user_999', traits: {} });
  });

  it('finds people by userId prefix, any case', async () => {
    expect(ids((await search('user_10')).body)).toEqual(['user_100', 'user_101']);
    expect(ids((await search('USER_100')).body)).toEqual(['user_100']);
  });

  it('finds people by email prefix, and answers their traits and last seen time', async () => {
    const { status, body } = await search('ada@');
    expect(status).toBe(200);
    expect(body.data).toEqual([
      {
        userId: 'user_100',
        email: expect.stringMatching(/^ada@example\.com$/i),
        traits: expect.objectContaining({ plan: 'pro' }),
        lastSeenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it('finds a person by an exact anonymous ID, not by its prefix', async () => {
    expect(ids((await search('anon-bbb')).body)).toEqual(['user_101']);
    expect(ids((await search('anon-')).body)).toEqual([]);
  });

  it('takes % and _ literally', async () => {
    expect(ids((await search('u%')).body)).toEqual(['u%_odd']);
    expect(ids((await search('%')).body)).toEqual([]);
  });

  it('lists the most recently seen people without a query, up to the limit', async () => {
    const all = await search(undefined);
    expect(ids(all.body)).toEqual(['u%_odd', 'user_100', 'user_101', 'zed']);
    expect((await search('', ws, 2)).body.data).toHaveLength(2);
  });

  it('never shows another workspace’s people', async () => {
    expect(ids((await search('user_9')).body)).toEqual([]);
    expect(ids((await search('user', other)).body)).toEqual(['user_999']);
  });

  it('answers 400 for a bad limit or query and 404 for an unknown workspace', async () => {
    const limit = await search('x', ws, 0);
    expect(limit.status).toBe(400);
    expect(limit.body.error.field).toBe('limit');
    const nul = await search('a\u0000b');
    expect(nul.status).toBe(400);
    expect(nul.body.error.field).toBe('q');
    const missing = await server().admin('GET', '/workspaces/ws_nope/people?q=a');
    expect(missing.status).toBe(404);
  });
});
