import { mkdirSync } from 'node:fs';
import type { BrowserContext, ConsoleMessage, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../packages/server/src/demo/seed.js';
import { TEST_MASTER_KEY, useTestServer } from '../packages/server/src/test-support/server.js';
import { describeInChromium } from './support/browser.js';

// The path, end to end, as a marketer and then a visitor live it: set up the admin, write
// an anonymous message for a /demo page, watch the live preview, launch it, see it on /demo as a
// visitor, click its button, and find the view and the click on the metrics page.

const SHOTS = 'test-results/dashboard';
const WAIT = { timeout: 20_000 };
const HEADING = 'Welcome, pricing explorer';
const HTML = `<div style="font-family: system-ui, sans-serif; padding: 24px">
<h2 style="margin: 0 0 8px">${HEADING}</h2>
<p style="margin: 0 0 16px">Try Pro free for 14 days.</p>
<a href="herald://action/start-trial?value=pro" style="background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">Start trial</a>
<a href="herald://close" style="padding:10px 16px">Later</a></div>`;

describeInChromium('dashboard: from a new message to its metrics', (browser) => {
  const server = useTestServer('sqlite');
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let demoId = '';
  let messageId = '';

  /** Every console error or warning, page error and failed request, on any page of the test. */
  const watch = (p: Page) => {
    p.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    });
    p.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    p.on('response', (response) => {
      if (response.status() >= 400)
        problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The /demo pages use the "Demo" workspace: in-app and anonymous messages on.
    await seedDemo(server().app, TEST_MASTER_KEY);
    const list = await server().admin('GET', '/workspaces');
    demoId = (list.body.data as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Demo',
    )!.id;
    context = await browser().newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    watch(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  const url = (path: string) => `${server().url}${path}`;
  const settled = (p: Page) =>
    p.evaluate(async () => {
      for (let i = 0; i < 4; i++) await new Promise((frame) => requestAnimationFrame(frame));
    });
  /** Screenshots `p` at 1280 then 390 px wide; `ready` waits for what must be on screen. */
  const shoot = async (p: Page, name: string, ready: () => Promise<unknown> = async () => {}) => {
    await p.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
    await p.setViewportSize({ width: 390, height: 844 });
    await settled(p);
    await ready();
    await p.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
    await p.setViewportSize({ width: 1280, height: 860 });
    await settled(p);
    await ready();
  };
  /** The message frames on the page whose host element names `id`. */
  const messageFrames = async (p: Page, id: string): Promise<Frame[]> => {
    const found: Frame[] = [];
    for (const frame of p.frames()) {
      if (!frame.url().includes('/sdk/frame.html')) continue;
      const element = await frame.frameElement();
      // The iframe lives in a closed shadow root, whose host carries the message id.
      const owner = await element.evaluate(
        (iframe) =>
          ((iframe.getRootNode() as ShadowRoot).host as HTMLElement | undefined)?.dataset.messageId,
      );
      if (owner === id) found.push(frame);
    }
    return found;
  };
  const previewShown = (device: 'desktop' | 'mobile') =>
    page
      .locator(`[data-testid="preview"] figure[data-device="${device}"][data-state="shown"]`)
      .waitFor(WAIT);

  it('sets up the admin and opens the Demo workspace', async () => {
    await page.goto(url('/'));
    await page.getByRole('heading', { name: 'Create the admin account' }).waitFor();
    await page.getByLabel('Email').fill('owner@example.com');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Confirm password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account and continue' }).click();
    await page.getByRole('link', { name: 'Messages' }).first().waitFor();
    await page.getByLabel('Workspace').selectOption(demoId);
    await page.getByRole('heading', { name: 'Messages', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Demo: overlay' }).waitFor();
  });

  it('writes an anonymous message for /demo/pricing and previews it live', async () => {
    await page.getByRole('link', { name: 'New message' }).click();
    await page.getByRole('heading', { name: 'New message' }).waitFor();
    // Tall enough that the form and the preview are on screen together: the preview draws only
    // while it can be seen.
    await page.setViewportSize({ width: 1280, height: 3200 });
    await page.getByLabel('Name', { exact: true }).fill('Pricing welcome');
    await page.getByRole('button', { name: '+ Add a page rule' }).click();
    await page.getByLabel('Include rule 1: value').fill('*/demo/pricing*');
    // The modal preview takes the focus for a moment when it appears (the guard gives it back):
    // let it appear before typing into the code editor.
    await page.getByTestId('preview').scrollIntoViewIfNeeded();
    await previewShown('mobile');
    await page.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(HTML);
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain(HEADING);

    // Both screens show the edited HTML, drawn by the SDK in its sandboxed frame.
    await previewShown('desktop');
    await previewShown('mobile');
    await expect
      .poll(async () => {
        const frames = await messageFrames(page, 'preview');
        const texts = await Promise.all(frames.map((f) => f.locator('h2').textContent()));
        return texts;
      }, WAIT)
      .toEqual([HEADING, HEADING]);
    expect(await page.getByTestId('preview-status').textContent()).toContain('Modal, center');

    // Another display re-renders it, and typing elsewhere keeps the focus where it is.
    await page.getByText('Overlay', { exact: true }).click();
    await page.getByLabel('Bottom left').check();
    await page.getByTestId('preview-status').getByText('Overlay, bottom left').waitFor();
    await page.getByText('Modal', { exact: true }).click();
    await page.getByTestId('preview-status').getByText('Modal, center').waitFor();
    const stepName = page.getByLabel('Step name');
    await stepName.fill('welcome');
    await previewShown('desktop');
    // The preview re-renders once typing pauses, with a modal, which must not take the focus.
    await page
      .locator('[data-testid="preview"] figure[data-step="welcome"][data-state="shown"]')
      .nth(1)
      .waitFor(WAIT);
    expect(await stepName.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByTestId('preview').scrollIntoViewIfNeeded();
    await shoot(page, '10-path-preview', async () => {
      // Stacked at 390 px: the phone screen is below the desktop one.
      await page.locator('figure[data-device="mobile"]').scrollIntoViewIfNeeded();
      await previewShown('mobile');
    });

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('Version 1').waitFor();
    messageId = new URL(page.url()).pathname.split('/')[4]!;
    // The saved message's editor: the preview draws once it is scrolled into view.
    await page.getByTestId('preview').scrollIntoViewIfNeeded();
    await previewShown('desktop');
  });

  it('launches it after a confirmation', async () => {
    await page.getByRole('button', { name: 'Launch…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('starts showing to anonymous visitors').waitFor();
    await shoot(page, '11-path-launch');
    await dialog.getByRole('button', { name: 'Launch' }).click();
    await page.locator('.badge-active').first().waitFor();
    const launched = await server().admin('GET', `/workspaces/${demoId}/messages/${messageId}`);
    expect(launched.body).toMatchObject({ status: 'active', audience: { type: 'anonymous' } });
  });

  it('shows on /demo/pricing to an anonymous visitor, who clicks its button', async () => {
    const visitorContext = await browser().newContext({ viewport: { width: 1280, height: 860 } });
    try {
      const visitor = await visitorContext.newPage();
      watch(visitor);
      await visitor.goto(url('/demo/pricing'));
      let frame: Frame | undefined;
      await expect
        .poll(async () => {
          frame = (await messageFrames(visitor, messageId))[0];
          return frame ? frame.locator('h2').textContent() : null;
        }, WAIT)
        .toBe(HEADING);
      await shoot(visitor, '12-path-demo');
      await frame!.getByRole('link', { name: 'Start trial' }).click();
      // A click is a tracked response; the view was reported when it appeared.
      await expect
        .poll(async () => {
          const m = await server().admin(
            'GET',
            `/workspaces/${demoId}/messages/${messageId}/metrics`,
          );
          return { views: m.body.views, clicks: m.body.clicks };
        }, WAIT)
        .toEqual({ views: 1, clicks: { 'start-trial': 1 } });
    } finally {
      await visitorContext.close();
    }
  });

  it('finds the view and the click on the metrics page', async () => {
    await page.getByRole('link', { name: 'Metrics' }).first().click();
    await page.getByRole('heading', { name: 'Metrics' }).waitFor();
    const totals = page.getByLabel('Totals for the range');
    await totals.getByText('Views').waitFor();
    const stat = (label: string) =>
      totals.locator('div.stat', { has: page.getByText(label, { exact: true }) }).locator('dd');
    await expect.poll(() => stat('Views').textContent(), WAIT).toBe('1');
    expect(await stat('Clicks').textContent()).toBe('1');
    await page.getByRole('heading', { name: 'Clicks per button' }).waitFor();
    await page.getByText('start-trial').waitFor();
    await shoot(page, '13-path-metrics');
  });

  it('logged no console errors and no failed requests', () => {
    expect(problems).toEqual([]);
  });
});
