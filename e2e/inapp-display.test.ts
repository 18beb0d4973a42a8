import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { useInAppHarness } from './support/inapp-harness.js';

// Every display type and position, checked by where the message's frame actually is on screen.

const html = (text: string) =>
  `<div style="padding:16px"><h2 style="margin:0">${text}</h2><p>Some words.</p>` +
  '<a href="herald://close">Close</a></div>';

describeInChromium('in-app messages: display types and positions', (browser) => {
  const h = useInAppHarness(browser);
  const near = (actual: number, expected: number) =>
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(2);

  it.each(['center', 'top', 'bottom'])(
    'a modal at %s, over a backdrop, shifting nothing',
    async (position) => {
      const w = await h.workspace();
      const id = await w.launch({
        name: `Modal ${position}`,
        display: { type: 'modal', position, width: '400px' },
        steps: [{ name: 'main', html: html(`Modal ${position}`) }],
      });
      const page = await h.newPage();
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(h.hostPage(`/modal-${position}`, w));
      const heading = await page.locator('h1').boundingBox();
      const { element } = await h.frameOf(page, id);
      await h.waitForEvent(page, 'in-app:message-opened');
      // Measured once the message is shown (sized to its content and placed), not while it loads.
      const box = (await element.boundingBox())!;
      near(box.width, 400);
      near(box.x + box.width / 2, 640);
      if (position === 'center') near(box.y + box.height / 2, 360);
      if (position === 'top') near(box.y, 24);
      if (position === 'bottom') near(box.y + box.height, 720 - 24);
      expect(await page.locator('h1').boundingBox()).toEqual(heading);
      // A dialog, labelled by the message's heading.
      const dialog = await element.evaluate((iframe) => {
        const box = iframe.parentElement!;
        return [
          box.getAttribute('role'),
          box.getAttribute('aria-modal'),
          box.getAttribute('aria-label'),
        ];
      });
      expect(dialog).toEqual(['dialog', 'true', `Modal ${position}`]);
      await page.screenshot({ path: `test-results/inapp/modal-${position}.png` });
      await h.context.close();
    },
  );

  it('overlays at all six positions at once, one per slot', async () => {
    const w = await h.workspace();
    const positions = [
      'top-left',
      'top-center',
      'top-right',
      'bottom-left',
      'bottom-center',
      'bottom-right',
    ];
    const ids: Record<string, string> = {};
    for (const position of positions) {
      ids[position] = await w.launch({
        name: `Overlay ${position}`,
        display: { type: 'overlay', position, width: '300px' },
        steps: [{ name: 'main', html: html(position) }],
      });
    }
    const page = await h.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(h.hostPage('/overlays', w));
    await h.waitForEvent(page, 'in-app:message-opened', 6);
    for (const position of positions) {
      const { box } = await h.frameOf(page, ids[position]!);
      const [vertical, horizontal] = position.split('-');
      near(box.width, 300);
      if (vertical === 'top') near(box.y, 16);
      else near(box.y + box.height, 720 - 16);
      if (horizontal === 'left') near(box.x, 16);
      if (horizontal === 'center') near(box.x + box.width / 2, 640);
      if (horizontal === 'right') near(box.x + box.width, 1280 - 16);
    }
    await page.screenshot({ path: 'test-results/inapp/overlays.png' });

    // Below 600 px wide, overlays go edge to edge.
    await page.setViewportSize({ width: 400, height: 700 });
    await expect
      .poll(async () => (await h.frameOf(page, ids['top-center']!)).box.width)
      .toBeGreaterThan(380);
    const { box } = await h.frameOf(page, ids['bottom-right']!);
    near(box.x, 8);
    near(box.x + box.width, 392);
    await page.screenshot({ path: 'test-results/inapp/overlays-narrow.png' });
    await h.context.close();
  });

  it('an inline message fills its element; a tooltip points at its anchor, flipping to stay on screen', async () => {
    const w = await h.workspace();
    const inline = await w.launch({
      name: 'Inline',
      display: { type: 'inline', selector: '#slot' },
      steps: [{ name: 'main', html: html('Inline') }],
    });
    const below = await w.launch({
      name: 'Tooltip below',
      display: { type: 'tooltip', selector: '#top-button', position: 'bottom' },
      steps: [{ name: 'main', html: html('Tooltip') }],
    });
    const flipped = await w.launch({
      name: 'Tooltip flipped',
      display: { type: 'tooltip', selector: '#low-button', position: 'bottom' },
      steps: [{ name: 'main', html: html('Flipped') }],
    });
    const page = await h.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(
      h.hostPage('/inline', w, {
        body: `<h1>Shop</h1><div id="slot" style="width:500px;margin:20px"></div><p id="after">After</p>
          <button id="top-button" style="position:absolute;left:600px;top:80px">Top</button>
          <button id="low-button" style="position:fixed;left:900px;bottom:20px">Low</button>`,
      }),
    );
    await h.waitForEvent(page, 'in-app:message-opened', 3);
    const slot = (await page.locator('#slot').boundingBox())!;
    const inlineBox = (await h.frameOf(page, inline)).box;
    near(inlineBox.x, slot.x);
    near(inlineBox.width, 500);
    // Inline messages are part of the page: what follows moves down below them.
    expect((await page.locator('#after').boundingBox())!.y).toBeGreaterThan(
      inlineBox.y + inlineBox.height,
    );

    const top = (await page.locator('#top-button').boundingBox())!;
    const tip = await h.frameOf(page, below);
    near(tip.box.x + tip.box.width / 2, top.x + top.width / 2);
    near(tip.box.y, top.y + top.height + 12);
    const low = (await page.locator('#low-button').boundingBox())!;
    const flip = await h.frameOf(page, flipped);
    near(flip.box.y + flip.box.height, low.y - 12);
    await page.screenshot({ path: 'test-results/inapp/inline-tooltip.png' });

    // The tooltip follows its anchor when the page scrolls.
    await page.evaluate(() => {
      document.body.style.height = '3000px';
      window.scrollTo(0, 50);
    });
    await expect
      .poll(async () => (await h.frameOf(page, below)).box.y)
      .toBeCloseTo(top.y - 50 + top.height + 12, 0);
    await h.context.close();
  });
});
