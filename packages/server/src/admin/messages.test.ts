import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { messageBody } from '../test-support/inapp.js';
import { TEST_MASTER_KEY, type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('admin API: messages', (dialect) => {
  const server = useTestServer(dialect);
  let ws: TestWorkspace;
  const path = (suffix = '') => `/workspaces/${ws.id}/messages${suffix}`;
  beforeAll(async () => {
    ws = await server().createWorkspace('Messages', { inApp: { enabled: true, anonymous: true } });
  });

  it('creates a draft with every default of the message format', async () => {
    const { status, body } = await server().admin('POST', path(), {
      name: 'Spring sale',
      steps: [{ name: 'main', html: '<h2>Hello</h2><a href="herald://close">OK</a>' }],
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      status: 'draft',
      version: 1,
      name: 'Spring sale',
      description: '',
      audience: { type: 'anonymous' },
      priority: 5,
      pageRules: { include: [], exclude: [] },
      frequency: { maxViews: null, cooldownSeconds: 0 },
      schedule: { startAt: null, endAt: null },
      goal: { criteria: 'click', windowDays: 7 },
      display: { type: 'modal', position: 'center' },
      launchedAt: null,
    });
    const read = await server().admin('GET', path(`/${body.id}`));
    expect(read.body).toEqual(body);
  });

  it('names the field of every invalid message and stores nothing', async () => {
    const before = (await server().admin('GET', path())).body.data.length;
    const cases: Array<[object, string]> = [
      [{ steps: messageBody().steps }, 'name'],
      [{ name: 'x' }, 'steps'],
      [messageBody({ steps: [] }), 'steps'],
      [messageBody({ priority: 11 }), 'priority'],
      [messageBody({ audience: { type: 'everyone' as 'anonymous' } }), 'audience.type'],
      [
        messageBody({ pageRules: { include: [{ op: 'regex', value: '(' }], exclude: [] } }),
        'pageRules.include.0.value',
      ],
      [
        messageBody({
          pageRules: { include: [], exclude: [{ op: 'near' as 'equals', value: 'x' }] },
        }),
        'pageRules.exclude.0.op',
      ],
      [messageBody({ frequency: { maxViews: 0, cooldownSeconds: 0 } }), 'frequency.maxViews'],
      [
        messageBody({
          schedule: { startAt: '2030-01-02T00:00:00Z', endAt: '2030-01-01T00:00:00Z' },
        }),
        'schedule.endAt',
      ],
      [messageBody({ schedule: { startAt: 'soon', endAt: null } }), 'schedule.startAt'],
      [messageBody({ goal: { criteria: 'click', windowDays: 0 } }), 'goal.windowDays'],
      [messageBody({ display: { type: 'overlay', position: 'center' } }), 'display.position'],
      [messageBody({ display: { type: 'inline' } }), 'display.selector'],
      [
        messageBody({ display: { type: 'modal', overlayColor: 'red;} body{display:none' } }),
        'display.overlayColor',
      ],
      [
        messageBody({
          steps: [
            { name: 'a', html: 'x' },
            { name: 'a', html: 'y' },
          ],
        }),
        'steps.1.name',
      ],
      [{ ...messageBody(), colour: 'blue' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const response = await server().admin('POST', path(), body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'validation_failed', field });
    }
    expect((await server().admin('GET', path())).body.data.length).toBe(before);
  });

  it('refuses Liquid in an anonymous message at save time, accepts it for identified people', async () => {
    const html = '<p>Hi {{customer.first_name | default: "there"}}</p>';
    const anonymous = await server().admin(
      'POST',
      path(),
      messageBody({ steps: [{ name: 'main', html }] }),
    );
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.field).toBe('steps.0.html');
    expect(anonymous.body.error.message).toMatch(/Liquid/);
    const identified = await server().admin(
      'POST',
      path(),
      messageBody({ audience: { type: 'identified' }, steps: [{ name: 'main', html }] }),
    );
    expect(identified.status).toBe(201);
    const broken = await server().admin(
      'POST',
      path(),
      messageBody({
        audience: { type: 'identified' },
        steps: [{ name: 'main', html: '{{ x | nope }}' }],
      }),
    );
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/Liquid error/);
  });

  it('goes draft → active ⇄ paused → archived, refusing other moves', async () => {
    const { body } = await server().admin('POST', path(), messageBody());
    const id = body.id as string;
    expect((await server().admin('POST', path(`/${id}/pause`))).status).toBe(409);
    const launched = await server().admin('POST', path(`/${id}/launch`));
    expect(launched.body).toMatchObject({ status: 'active', launchedAt: expect.any(String) });
    const paused = await server().admin('POST', path(`/${id}/pause`));
    expect(paused.body.status).toBe('paused');
    const relaunched = await server().admin('POST', path(`/${id}/launch`));
    // Relaunching keeps the first launch time: its place among equal priorities.
    expect(relaunched.body.launchedAt).toBe(launched.body.launchedAt);
    expect((await server().admin('DELETE', path(`/${id}`))).status).toBe(409);
    expect((await server().admin('POST', path(`/${id}/archive`))).body.status).toBe('archived');
    const again = await server().admin('POST', path(`/${id}/launch`));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
    expect((await server().admin('DELETE', path(`/${id}`))).status).toBe(200);
    expect((await server().admin('GET', path(`/${id}`))).status).toBe(404);
  });

  it('takes a lifecycle call with a JSON content type and no body', async () => {
    const { body } = await server().admin('POST', path(), messageBody());
    const response = await fetch(`${server().url}/api/v1${path(`/${body.id}/launch`)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe('active');
  });

  it('edits a draft in place; a live message only explicitly, as a new version', async () => {
    const { body } = await server().admin('POST', path(), messageBody());
    const id = body.id as string;
    const draftEdit = await server().admin('PATCH', path(`/${id}`), {
      name: 'Renamed',
      priority: 2,
    });
    expect(draftEdit.body).toMatchObject({ name: 'Renamed', priority: 2, version: 1 });
    await server().admin('POST', path(`/${id}/launch`));
    const implicit = await server().admin('PATCH', path(`/${id}`), { name: 'Live edit' });
    expect(implicit.status).toBe(409);
    expect(implicit.body.error.code).toBe('message_live');
    expect((await server().admin('GET', path(`/${id}`))).body.name).toBe('Renamed');
    const explicit = await server().admin('PATCH', path(`/${id}`), {
      name: 'Live edit',
      newVersion: true,
    });
    expect(explicit.body).toMatchObject({
      name: 'Live edit',
      version: 2,
      status: 'active',
      priority: 2,
    });
  });

  it('lists messages with their figures at a glance, filtered by status', async () => {
    const list = await server().admin('GET', path('?status=active'));
    expect(list.status).toBe(200);
    expect(list.body.data.every((m: { status: string }) => m.status === 'active')).toBe(true);
    expect(list.body.data[0].stats).toEqual({ views: 0, clicks: 0, conversions: 0 });
    expect((await server().admin('GET', path('?status=lost'))).status).toBe(400);
  });

  it('keeps workspaces apart', async () => {
    const { body } = await server().admin('POST', path(), messageBody());
    const other = await server().createWorkspace('Other');
    for (const [method, suffix] of [
      ['GET', ''],
      ['PATCH', ''],
      ['POST', '/launch'],
      ['GET', '/metrics'],
      ['POST', '/test'],
      ['DELETE', ''],
    ] as const) {
      const response = await server().admin(
        method,
        `/workspaces/${other.id}/messages/${body.id}${suffix}`,
        method === 'GET' || method === 'DELETE' ? undefined : { userId: 'u', name: 'x' },
      );
      expect(response.status, `${method} ${suffix}`).toBe(404);
    }
    expect((await server().admin('GET', `/workspaces/${other.id}/messages`)).body.data).toEqual([]);
  });
});
