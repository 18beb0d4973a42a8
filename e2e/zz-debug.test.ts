import { it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { useInAppHarness } from './support/inapp-harness.js';

describeInChromium('debug', (browser) => {
  const h = useInAppHarness(browser);
  it('debug', async () => {
    const w = await h.workspace();
    await w.launch({ name: 'M', display: { type: 'modal', position: 'center' }, steps: [{ name: 'main', html: '<h2>Hi</h2>' }] });
    const page = await h.newPage();
    page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
    page.on('request', (r) => console.log('REQ', r.method(), r.url().slice(0, 120)));
    page.on('response', (r) => r.status() >= 400 && console.log('RES', r.status(), r.url().slice(0, 120)));
    await page.goto(h.hostPage('/d', w));
    await new Promise((r) => setTimeout(r, 3000));
    console.log(page.frames().map((f) => f.url()));
    console.log(await page.evaluate(() => JSON.stringify(window.__inapp)));
    const f = page.frames()[1]!;
    console.log('FRAME', await f.evaluate(() => document.documentElement.outerHTML));
    page.on('console', () => {});
  });
});
