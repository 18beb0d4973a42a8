import { beforeAll, expect, it } from 'vitest';
import { BUILD_SETTLE_MS } from '../campaigns/segment-jobs.js';
import { describeEachDialect } from '../test-support/databases.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

interface Member {
  userId: string;
  email: string | null;
  enteredAt: string;
}

describeEachDialect('admin API: segment members', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let path: string;
  const identify = async (batch: Array<{ userId: string; traits: object }>) => {
    const calls = batch.map((call) => ({ type: 'identify', ...call }));
    const response = await server().track(ws.writeKey, '/v1/batch', { batch: calls });
    expect(response.status).toBe(200);
  };
  const page = (query: string) =>
    server().admin<{
      data: Member[];
      next: string | null;
      error?: { code: string; field?: string };
    }>('GET', `${path}?${query}`);

  beforeAll(async () => {
    ws = await server().createWorkspace('Segment members');
    // Seven people there before the segment: its build makes them members at the same instant.
    await identify(
      Array.from({ length: 7 }, (_, i) => ({
        userId: `early${i}`,
        traits: { beta: true, email: `early${i}@example.com` },
      })),
    );
    await identify([{ userId: 'outsider', traits: { beta: false } }]);
    const created = await server().admin('POST', `/workspaces/${ws.id}/segments`, {
      name: 'Beta',
      conditions: { conditions: [{ type: 'trait', trait: 'beta', op: 'equals', value: true }] },
    });
    expect(created.status).toBe(201);
    await server().app.jobs.runDue(Date.now() + BUILD_SETTLE_MS);
    path = `/workspaces/${ws.id}/segments/${created.body.id}/members`;
    // Two who join afterwards, one call each: newer than the others.
    await identify([{ userId: 'late0', traits: { beta: true } }]);
    await identify([{ userId: 'late1', traits: { beta: true } }]);
  });

  it('pages through every member once, newest first, however many joined at the same time', async () => {
    const all = await page('limit=1000');
    expect(all.status).toBe(200);
    expect(all.body.next).toBeNull();
    expect(all.body.data).toHaveLength(9);
    expect(all.body.data[0]).toMatchObject({ userId: 'late1', email: null });
    expect(all.body.data.find((m) => m.userId === 'early3')?.email).toBe('early3@example.com');
    const early = all.body.data.filter((m) => m.userId.startsWith('early'));
    expect(new Set(early.map((m) => m.enteredAt)).size).toBe(1);

    const seen: Member[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const answer = await page(`limit=2${next ? `&before=${next}` : ''}`);
      expect(answer.status).toBe(200);
      expect(answer.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...answer.body.data);
      next = answer.body.next;
      pages++;
    } while (next && pages < 10);
    expect(pages).toBe(5);
    // The same members in the same order as in one page: none skipped or repeated at a tie.
    expect(seen.map((m) => m.userId)).toEqual(all.body.data.map((m) => m.userId));
    const times = seen.map((m) => Date.parse(m.enteredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen.map((m) => m.userId).slice(0, 2)).toEqual(['late1', 'late0']);
  });

  it('continues where the page ended while people join: the next page does not shift', async () => {
    const first = await page('limit=3');
    expect(first.body.next).toEqual(expect.any(String));
    const before = await page(`limit=3&before=${first.body.next}`);
    await identify([{ userId: 'late2', traits: { beta: true } }]);
    const after = await page(`limit=3&before=${first.body.next}`);
    expect(after.body).toEqual(before.body);
    expect((await page('limit=1')).body.data[0]?.userId).toBe('late2');
  });

  it('defaults to 100 a page; refuses a bad limit or cursor, names the field', async () => {
    const answer = await page('');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toHaveLength(10);
    expect(answer.body.next).toBeNull();
    for (const query of ['limit=0', 'limit=1001', 'limit=many']) {
      const refused = await page(query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error?.field, query).toBe('limit');
    }
    for (const cursor of ['garbage', Buffer.from('12.a.b').toString('base64url')]) {
      const refused = await page(`before=${cursor}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_failed', field: 'before' });
    }
    const missing = await server().admin(
      'GET',
      `/workspaces/${ws.id}/segments/seg_nope/members?before=garbage`,
    );
    expect(missing.status).toBe(404);
  });
});
