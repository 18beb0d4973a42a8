import { expect, it } from 'vitest';
import { seedDemo } from '../packages/server/src/demo/seed.js';
import { TEST_MASTER_KEY } from '../packages/server/src/test-support/server.js';
import { describeInChromium } from './support/browser.js';
import { useInAppHarness } from './support/inapp-harness.js';

// What a newcomer sees at /demo after `npm start`: each display type, under the demo's strict CSP.

describeInChromium('the demo site', (browser) => {
  const h = useInAppHarness(browser);

  it('shows a message of each display type on its page', async () => {
    await seedDemo(h.server().app, TEST_MASTER_KEY);
    const page = await h.newPage();
    await page.setViewportSize({ width: 1100, height: 720 });
    const shown = async (type: string) =>
      expect
        .poll(async () => (await h.frames(page)).map((f) => f.type), { timeout: 20_000 })
        .toContain(type);

    await page.goto(`${h.server().url}/demo`);
    await shown('modal');
    await page.screenshot({ path: 'test-results/inapp/demo-home.png' });
    await page.goto(`${h.server().url}/demo/pricing`);
    await shown('inline');
    await shown('overlay');
    await page.screenshot({ path: 'test-results/inapp/demo-pricing.png' });
    await h.context.close();
  });

  it('shows a tooltip and a top modal in the single-page section', async () => {
    await seedDemo(h.server().app, TEST_MASTER_KEY);
    const page = await h.newPage();
    await page.setViewportSize({ width: 1100, height: 720 });
    const shown = async (type: string) =>
      expect
        .poll(async () => (await h.frames(page)).map((f) => f.type), { timeout: 20_000 })
        .toContain(type);
    await page.goto(`${h.server().url}/demo/app`);
    await page.click('a[href="/demo/app/inbox"]');
    await shown('tooltip');
    await page.screenshot({ path: 'test-results/inapp/demo-app-inbox.png' });
    await page.click('a[href="/demo/app/settings"]');
    await shown('modal');
    await page.screenshot({ path: 'test-results/inapp/demo-app-settings.png' });
    await h.context.close();
  });
});
