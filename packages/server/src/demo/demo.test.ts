import { describe, expect, it } from 'vitest';
import { TEST_MASTER_KEY, useTestServer } from '../test-support/server.js';
import { DEMO_MESSAGES, seedDemo } from './seed.js';

describe('the demo', () => {
  const server = useTestServer('sqlite');

  it('seeds a Demo workspace with a launched message of each display type, once', async () => {
    const page = await fetch(`${server().url}/demo`);
    expect(await page.text()).toContain('data-write-key=""');

    expect(await seedDemo(server().app, TEST_MASTER_KEY)).toBe(true);
    expect(await seedDemo(server().app, TEST_MASTER_KEY)).toBe(false);
    const { body } = await server().admin('GET', '/workspaces');
    const demos = (
      body.data as Array<{ id: string; name: string; writeKey: string; inApp: object }>
    ).filter((w) => w.name === 'Demo');
    expect(demos).toHaveLength(1);
    expect(demos[0]!.inApp).toMatchObject({ enabled: true, anonymous: true });
    const messages = await server().admin('GET', `/workspaces/${demos[0]!.id}/messages`);
    const list = messages.body.data as Array<{ status: string; display: { type: string } }>;
    expect(list).toHaveLength(DEMO_MESSAGES.length);
    expect(list.every((m) => m.status === 'active')).toBe(true);
    expect(new Set(list.map((m) => m.display.type))).toEqual(
      new Set(['modal', 'overlay', 'inline', 'tooltip']),
    );

    // The pages carry the Demo workspace's write key, a strict policy, and no inline script.
    for (const path of ['/demo', '/demo/pricing', '/demo/app', '/demo/app/inbox']) {
      const response = await fetch(`${server().url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await response.text();
      expect(html).toContain(`data-write-key="${demos[0]!.writeKey}"`);
      expect(html).not.toMatch(/<script>|style="/);
    }
    expect((await fetch(`${server().url}/demo/demo.js`)).headers.get('content-type')).toMatch(
      /javascript/,
    );
  });
});
