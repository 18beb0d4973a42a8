import { expect, it } from 'vitest';
import { inAppClient, messageBody } from '../packages/server/src/test-support/inapp.js';
import { useTestServer } from '../packages/server/src/test-support/server.js';
const server = useTestServer('sqlite');
it('a view of one message keeps the others', async () => {
  const ws = await server().createWorkspace('x', { inApp: { enabled: true, anonymous: true } });
  const c = inAppClient(server(), ws);
  const a = await c.launch(messageBody({ name: 'a', frequency: { maxViews: 1, cooldownSeconds: 0 } }));
  const b = await c.launch(messageBody({ name: 'b', display: { type: 'overlay', position: 'top-left' } }));
  const before = await c.messages({ anonymousId: 'v' });
  const mb = before.messages.find((m) => m.id === b)!;
  const r = await c.report({ anonymousId: 'v' }, [{ id: 'e1', type: 'opened', deliveryId: mb.deliveryId }]);
  console.log(r.status, await r.text());
  await server().track(ws.writeKey, '/v1/page', { anonymousId: 'v', properties: { url: 'http://x/d' } });
  const after = await c.messages({ anonymousId: 'v' });
  console.log(JSON.stringify(after.messages.map((m) => [m.id, m.state])));
  expect(after.messages.map((m) => m.id).sort()).toEqual([a, b].sort());
});
