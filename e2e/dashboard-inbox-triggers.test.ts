import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { inAppClient } from '../packages/server/src/test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../packages/server/src/test-support/server.js';
import { describeInChromium } from './support/browser.js';
import { useDashboardSession, WAIT } from './support/dashboard-session.js';

// The editor's trigger builder, inbox settings and earlier-interaction targeting as a marketer
// uses them, in headless Chromium against the real server: conditions built and read back in
// words by the rule tester, an inbox-only message previewed in the inbox and its inbox figures,
// then a message and a segment that target what people did with it.

const SHOTS = 'test-results/dashboard';

describeInChromium('dashboard: triggers, the inbox and earlier interactions', (browser) => {
  const server = useTestServer('sqlite');
  const dashboard = useDashboardSession(browser, server);
  const { problems, url } = dashboard;
  let page: Page;
  let ws: TestWorkspace;
  let changelog = '';
  const saved = async (id: string) =>
    (await server().admin('GET', `/workspaces/${ws.id}/messages/${id}`)).body;
  const create = async () => {
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/messages\/msg_/, WAIT);
    return new URL(page.url()).pathname.split('/').pop()!;
  };

  beforeAll(() => {
    page = dashboard.page();
  });

  it('signs in to a workspace', async () => {
    ws = await server().createWorkspace('Inbox and triggers', {
      inApp: { enabled: true, anonymous: true },
    });
    await dashboard.signUp();
  });

  it('builds a trigger that the rule tester reads back in words, and saves it', async () => {
    await page.goto(url(`/w/${ws.id}/messages/new`));
    await page.getByLabel('Name', { exact: true }).fill('Exit offer');
    await page.getByLabel('When the visitor does something').check();
    await page.getByLabel('Seconds on the page').fill('10');
    await page.getByRole('button', { name: 'Add a condition' }).click();
    await page.getByLabel('Condition 2', { exact: true }).selectOption('exitIntent');
    await page.getByLabel('Wait for').selectOption('any');
    await page.getByLabel('URL').fill('https://shop.example.com/cart');
    await page
      .getByText(
        '✓ The message can show on “https://shop.example.com/cart”, after 10 seconds on the page or when the visitor is about to leave.',
      )
      .waitFor(WAIT);
    const id = await create();
    expect((await saved(id)).trigger).toEqual({
      match: 'any',
      conditions: [{ type: 'delay', seconds: 10 }, { type: 'exitIntent' }],
    });

    // Back to page load: the trigger goes.
    await page.getByLabel('As soon as the page loads').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await saved(id)).trigger, WAIT).toBeUndefined();
  });

  it('edits an inbox-only message with a topic, previews it in the inbox, and shows its figures', async () => {
    await page.goto(url(`/w/${ws.id}/messages/new`));
    await page.getByLabel('Name', { exact: true }).fill('June changelog');
    await page.getByLabel('Inbox only').check();
    // Nothing shows on the page: no position, no trigger.
    expect(await page.getByRole('heading', { name: 'When it appears' }).count()).toBe(0);
    await page.getByLabel('Topic (optional)').fill('product');
    await page.getByLabel('Title in the inbox (optional)').fill('What is new in June');
    const preview = page.getByTestId('preview');
    await expect
      .poll(() => preview.getByTestId('preview-status').textContent(), WAIT)
      .toContain('In the inbox');
    await preview.locator('.fake-inbox-item', { hasText: 'What is new in June' }).first().waitFor();
    // The preview draws only while near the viewport.
    await preview.scrollIntoViewIfNeeded();
    await preview.locator('[data-device="desktop"][data-state="shown"]').waitFor(WAIT);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/50-inbox-editor-1280.png`, fullPage: true });
    const id = (changelog = await create());
    expect(await saved(id)).toMatchObject({
      display: { type: 'inbox' },
      inbox: { topic: 'product', title: 'What is new in June', expiresAt: null },
    });

    const inApp = inAppClient(server(), ws);
    await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/launch`);
    for (const visitor of [{ anonymousId: 'reader-a' }, { anonymousId: 'reader-b' }]) {
      const { messages } = await inApp.messages(visitor);
      const message = messages.find((m) => m.id === id)!;
      await inApp.report(visitor, [
        { type: 'opened', surface: 'inbox', deliveryId: message.deliveryId },
        { type: 'archived', deliveryId: message.deliveryId },
      ]);
    }
    await page.goto(url(`/w/${ws.id}/messages/${id}/metrics`));
    const figures = page.getByLabel('Inbox totals for the range');
    await figures.waitFor(WAIT);
    await expect
      .poll(() => figures.textContent(), WAIT)
      .toMatch(/Opened in the inbox\s*2.*Archived\s*2/);
    expect(problems).toEqual([]);
  });

  it('targets a message and a segment on what people did with another message', async () => {
    await page.goto(url(`/w/${ws.id}/messages/new`));
    await page.getByLabel('Name', { exact: true }).fill('Changelog follow-up');
    await page.getByRole('button', { name: '+ Add an earlier interaction' }).click();
    await page.getByLabel('Earlier interaction 1: has or has not').selectOption('not');
    await page.getByLabel('Earlier interaction 1: interaction').selectOption('clicked');
    await page
      .getByLabel('Earlier interaction 1: message')
      .selectOption({ label: 'June changelog' });
    await page.getByLabel('Earlier interaction 1: when').selectOption('window');
    await page.getByLabel('Earlier interaction 1: within how many days').fill('14');
    const id = await create();
    expect((await saved(id)).audience).toEqual({
      type: 'anonymous',
      interactions: [
        {
          type: 'message',
          messageId: changelog,
          interaction: 'clicked',
          withinDays: 14,
          negate: true,
        },
      ],
    });

    await page.goto(url(`/w/${ws.id}/segments/new`));
    await page.getByLabel('Name', { exact: true }).fill('Read the changelog');
    await page.getByLabel('Condition 1: kind').selectOption('message');
    await page.getByLabel('Condition 1: message').selectOption({ label: 'June changelog' });
    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByText(`has seen “June changelog”`).waitFor(WAIT);
    expect(problems).toEqual([]);
  });

  it('shows a message in apps as well as on websites, previewed as an app draws it', async () => {
    await page.goto(url(`/w/${ws.id}/messages/new`));
    await page.getByLabel('Name', { exact: true }).fill('Everywhere');
    await page.getByLabel(/^Apps/).check();
    await page.getByText('Overlay', { exact: true }).click();
    const preview = page.getByTestId('preview');
    await preview.scrollIntoViewIfNeeded();
    await preview.locator('[data-device="app"][data-state="shown"]').waitFor(WAIT);
    await preview.locator('[data-device="desktop"][data-state="shown"]').waitFor(WAIT);
    // Websites can be turned off, not both: the last platform stays.
    await page.getByLabel(/^Websites/).uncheck();
    expect(await page.getByLabel(/^Apps/).isDisabled()).toBe(true);
    await expect.poll(() => preview.locator('[data-device="desktop"]').count(), WAIT).toBe(0);
    await page.getByLabel(/^Websites/).check();
    const id = await create();
    expect((await saved(id)).platforms).toEqual(['web', 'mobile']);
    expect(problems).toEqual([]);
  });
});
