import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer, type TestWorkspace } from '../test-support/server.js';

// The settings document is the same on every dialect (it reads the cached catalogue only).
describe('GET /v1/projects/:writeKey/settings', () => {
  const server = useTestServer('sqlite');
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await server().createWorkspace('Settings', { inApp: { enabled: true, anonymous: false } });
  });
  const settings = (writeKey: string, headers: Record<string, string> = {}) =>
    fetch(`${server().url}/v1/projects/${writeKey}/settings`, { headers });

  it('points both clients at this server and switches nothing else on', async () => {
    const response = await settings(ws.writeKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('private, max-age=60');
    const host = new URL(server().url).host;
    const destination = { apiKey: ws.writeKey, apiHost: `${host}/v1`, protocol: 'http' };
    expect(await response.json()).toEqual({
      integrations: { 'Segment.io': destination, 'Customer.io Data Pipelines': destination },
      analyticsNextEnabled: true,
      middlewareSettings: {},
      enabledMiddleware: {},
      metrics: { sampleRate: 0 },
      legacyVideoPluginsEnabled: false,
      remotePlugins: [],
      herald: { inApp: { enabled: true, anonymous: false } },
    });
  });

  it('says https behind a TLS proxy, and follows the workspace switch', async () => {
    await server().admin('PATCH', `/workspaces/${ws.id}`, { inApp: { enabled: false } });
    const body = await (await settings(ws.writeKey, { 'x-forwarded-proto': 'https' })).json();
    expect(body.integrations['Segment.io'].protocol).toBe('https');
    expect(body.herald.inApp.enabled).toBe(false);
  });

  it('refuses an unknown key with 401 and a stable code', async () => {
    const response = await settings('no-such-key');
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('invalid_write_key');
  });
});
