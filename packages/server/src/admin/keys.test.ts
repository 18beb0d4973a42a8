import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { useTestServer } from '../test-support/server.js';
import { signIn } from '../test-support/sessions.js';

describeEachDialect('admin API: key rotation', (dialect) => {
  const server = useTestServer(dialect);

  it('rotates the write key: the old one is refused, the new one accepted', async () => {
    const ws = await server().createWorkspace('Rotate');
    const rotated = await server().admin('POST', `/workspaces/${ws.id}/keys/write/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({ kind: 'write', key: expect.stringMatching(/^wk_/) });
    expect(rotated.body.key).not.toBe(ws.writeKey);

    // The old key was never used, so no node has it cached: it fails at once.
    const old = await server().track(ws.writeKey, '/v1/track', { anonymousId: 'a', event: 'E' });
    expect(old.status).toBe(401);
    const fresh = await server().track(rotated.body.key, '/v1/track', {
      anonymousId: 'a',
      event: 'E',
    });
    expect(fresh.status).toBe(200);

    const read = await server().admin('GET', `/workspaces/${ws.id}`);
    expect(read.body).toMatchObject({ writeKey: rotated.body.key, secretKey: ws.secretKey });
    expect(await server().store.workspaces.findIdByKey(ws.writeKey, 'write')).toBeUndefined();
  });

  it('rotates the secret key, and works from a dashboard session', async () => {
    const ws = await server().createWorkspace('Secret');
    const me = await signIn(server());
    const rotated = await me.call('POST', `/workspaces/${ws.id}/keys/secret/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).toMatch(/^sk_/);
    expect(await server().store.workspaces.findIdByKey(ws.secretKey, 'secret')).toBeUndefined();
    expect(await server().store.workspaces.findIdByKey(rotated.body.key, 'secret')).toBe(ws.id);
    expect((await server().admin('GET', `/workspaces/${ws.id}`)).body.secretKey).toBe(
      rotated.body.key,
    );
  });

  it('answers 400 for an unknown kind and 404 for an unknown workspace', async () => {
    const ws = await server().createWorkspace('Kinds');
    const kind = await server().admin('POST', `/workspaces/${ws.id}/keys/master/rotate`);
    expect(kind.status).toBe(400);
    expect(kind.body.error).toMatchObject({ code: 'validation_failed', field: 'kind' });
    const missing = await server().admin('POST', '/workspaces/ws_nope/keys/write/rotate');
    expect(missing.status).toBe(404);
    const anonymous = await fetch(`${server().url}/api/v1/workspaces/${ws.id}/keys/write/rotate`, {
      method: 'POST',
    });
    expect(anonymous.status).toBe(401);
  });
});
