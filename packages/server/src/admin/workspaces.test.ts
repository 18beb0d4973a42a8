import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { TEST_MASTER_KEY, useTestServer } from '../test-support/server.js';

describeEachDialect('admin API: workspaces', (dialect) => {
  const server = useTestServer(dialect);

  it('creates a workspace: 201 with its keys and in-app settings', async () => {
    const { status, body } = await server().admin('POST', '/workspaces', { name: 'Acme' });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^ws_/),
      name: 'Acme',
      writeKey: expect.stringMatching(/^wk_/),
      secretKey: expect.stringMatching(/^sk_/),
      inApp: { enabled: false, anonymous: false },
      identityVerification: false,
    });
  });

  it('reads, lists and patches a workspace', async () => {
    const ws = await server().createWorkspace('Before');
    const patched = await server().admin('PATCH', `/workspaces/${ws.id}`, {
      name: 'After',
      inApp: { enabled: true, anonymous: true },
      identityVerification: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'After',
      inApp: { enabled: true, anonymous: true },
      identityVerification: true,
    });
    const read = await server().admin('GET', `/workspaces/${ws.id}`);
    expect(read.body).toEqual(patched.body);
    const list = await server().admin('GET', '/workspaces');
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(ws.id);
  });

  it('names the field of an invalid body and changes nothing', async () => {
    const ws = await server().createWorkspace('Strict');
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/workspaces', {}, 'name'],
      ['POST', '/workspaces', { name: '' }, 'name'],
      ['POST', '/workspaces', { name: 'x', inApp: { enabled: 'maybe' } }, 'inApp.enabled'],
      ['PATCH', `/workspaces/${ws.id}`, { inApp: { enabled: 'yes' } }, 'inApp.enabled'],
      ['PATCH', `/workspaces/${ws.id}`, { identityVerification: 3 }, 'identityVerification'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await server().admin(method, path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'validation_failed', field });
    }
    expect((await server().admin('GET', `/workspaces/${ws.id}`)).body.inApp.enabled).toBe(false);
  });

  it('answers 404 for an unknown workspace or route', async () => {
    const missing = await server().admin('GET', '/workspaces/ws_nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const patch = await server().admin('PATCH', '/workspaces/ws_nope', { name: 'x' });
    expect(patch.status).toBe(404);
    const route = await fetch(`${server().url}/api/v1/nothing-here`, {
      headers: { authorization: `Bearer ${TEST_MASTER_KEY}` },
    });
    expect(route.status).toBe(404);
    expect((await route.json()).error.code).toBe('route_not_found');
  });

  it('requires the master key; a write or secret key is no admin credential', async () => {
    const ws = await server().createWorkspace('Guarded');
    const attempts = [
      undefined,
      'Bearer wrong-key',
      `Bearer ${ws.writeKey}`,
      `Bearer ${ws.secretKey}`,
      `Basic ${Buffer.from(`${ws.writeKey}:`).toString('base64')}`,
      `Bearer ${TEST_MASTER_KEY}x`,
    ];
    for (const authorization of attempts) {
      const response = await fetch(`${server().url}/api/v1/workspaces/${ws.id}`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status, authorization).toBe(401);
      expect((await response.json()).error.code).toBe('unauthorized');
    }
  });
});
