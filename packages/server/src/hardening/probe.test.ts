import { it } from 'vitest';
import { startTestServer } from '../test-support/server.js';
it('probe', async () => {
  const s = await startTestServer('sqlite', { ingestRateLimit: 0, logger: { level: 'error' } });
  for (const p of [`/workspaces/${'x'.repeat(1100)}/people/u1`, `/workspaces/${'x'.repeat(1100)}`, `/workspaces/${'x'.repeat(1100)}/messages`]) {
    for (const m of ['GET', 'DELETE']) { const r = await s.admin(m, p); console.log(m, p.slice(0, 30), r.status, JSON.stringify(r.body)); }
  }
  await s.close();
}, 120000);
