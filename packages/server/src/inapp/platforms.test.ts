import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('platforms: one message for web and apps', (dialect) => {
  const server = useTestServer(dialect);
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  beforeAll(async () => {
    ws = await server().createWorkspace('Platforms', { inApp: { enabled: true, anonymous: true } });
    inApp = inAppClient(server(), ws);
  });
  const ids = async (platform?: string) =>
    (
      await inApp.messages({ anonymousId: 'phone-or-laptop' }, platform ? { platform } : {})
    ).messages.map((m) => m.id);

  it('shows a message only where it says, web alone by default', async () => {
    const web = await inApp.launch(messageBody({ name: 'Web only' }));
    const both = await inApp.launch(messageBody({ name: 'Both', platforms: ['mobile', 'web'] }));
    const mobile = await inApp.launch(messageBody({ name: 'App only', platforms: ['mobile'] }));
    expect((await ids()).sort()).toEqual([web, both].sort());
    expect((await ids('web')).sort()).toEqual([web, both].sort());
    expect((await ids('mobile')).sort()).toEqual([both, mobile].sort());
    const stored = await server().admin('GET', `/workspaces/${ws.id}/messages/${both}`);
    expect(stored.body.platforms).toEqual(['web', 'mobile']);
    const plain = await server().admin('GET', `/workspaces/${ws.id}/messages/${web}`);
    expect(plain.body.platforms).toBeUndefined();
  });

  it('refuses unknown platforms, in a message and in a request', async () => {
    for (const [platforms, field] of [
      [[], 'platforms'],
      [['watch'], 'platforms.0'],
      ['mobile', 'platforms'],
    ] as const) {
      const response = await server().admin(
        'POST',
        `/workspaces/${ws.id}/messages`,
        messageBody({ platforms: platforms as never }),
      );
      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe(field);
    }
    const response = await inApp.fetchMessages({ anonymousId: 'x' }, { platform: 'tv' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.field).toBe('platform');
  });

  it('sends a test only where its message can show', async () => {
    const id = await inApp.create(messageBody({ name: 'Web test' }));
    await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/test`, {
      anonymousId: 'tester',
    });
    const on = async (platform: string) =>
      (await inApp.messages({ anonymousId: 'tester' }, { platform })).messages.map((m) => m.id);
    expect(await on('web')).toContain(id);
    expect(await on('mobile')).not.toContain(id);
  });
});
