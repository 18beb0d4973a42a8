import { mkdirSync } from 'node:fs';
import { assignVariant, type DeliveredMessage, type Experiment, HOLDOUT } from '@herald/protocol';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { inAppClient } from '../packages/server/src/test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../packages/server/src/test-support/server.js';
import { describeInChromium } from './support/browser.js';
import { useDashboardSession, WAIT } from './support/dashboard-session.js';

// An experiment as a marketer runs it from the dashboard, in headless Chromium against the real
// server: variants with weights and a holdout, a translation (and the step still missing it),
// the preview switched to that language, then the figures of each variant side by side, and a
// winner declared.

const SHOTS = 'test-results/dashboard';

describeInChromium('dashboard: experiments and languages', (browser) => {
  const server = useTestServer('sqlite');
  const dashboard = useDashboardSession(browser, server);
  const { problems, url } = dashboard;
  let page: Page;
  let ws: TestWorkspace;
  let messageId = '';

  beforeAll(() => {
    page = dashboard.page();
  });

  it('signs in to a workspace', async () => {
    ws = await server().createWorkspace('Experiments', {
      inApp: { enabled: true, anonymous: true },
    });
    await dashboard.signUp();
  });

  it('sets up variants with weights and a holdout, and a translation marked where missing', async () => {
    await page.goto(url(`/w/${ws.id}/messages/new`));
    await page.getByRole('heading', { name: 'New message' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Pricing experiment');
    await page.getByLabel('Test variants against a holdout').check();
    const variants = page.getByRole('tablist', { name: 'Variants' });
    await variants.getByRole('tab', { name: 'Variant A · 45%' }).waitFor();
    await page.getByLabel('Holdout (% of the audience who see nothing)').fill('20');
    await variants.getByRole('tab', { name: 'Variant B · 40%' }).click();
    await page.getByLabel('Weight').fill('3');
    await variants.getByRole('tab', { name: 'Variant B · 60%' }).waitFor();
    await variants.getByRole('tab', { name: 'Variant A · 20%' }).waitFor();

    // Variant B gets a second step, and German for its first.
    await page.getByRole('button', { name: '+ Add step' }).click();
    await page.locator('.cm-content').click();
    await page.keyboard.insertText('<h2>Step two</h2>');
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('Step two');
    await page.getByRole('tablist', { name: 'Steps' }).getByRole('tab', { name: /^1\./ }).click();
    await page.getByRole('button', { name: '+ Add language' }).click();
    await page.getByLabel('Language tag').fill('de');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const languages = page.getByRole('tablist', { name: 'Languages' });
    await languages.getByRole('tab', { name: 'de', exact: true, selected: true }).waitFor();
    await page.getByText('HTML of step 1 in de').waitFor();
    await page.getByRole('tablist', { name: 'Steps' }).getByRole('tab', { name: /^2\./ }).click();
    await languages.getByRole('tab', { name: 'de ⚠ missing translation' }).waitFor();

    // The preview shows variant B, and German on request.
    const preview = page.getByTestId('preview');
    await preview.getByLabel('Language to preview').selectOption('de');
    await expect
      .poll(() => preview.getByTestId('preview-status').textContent(), WAIT)
      .toMatch(/^Variant B · Step 1 of 2 · .* · de$/);

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/40-experiment-editor-1280.png`, fullPage: true });
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/messages\/msg_/, WAIT);
    messageId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = (await server().admin('GET', `/workspaces/${ws.id}/messages/${messageId}`)).body;
    expect(saved.experiment).toMatchObject({
      holdoutPercent: 20,
      variants: [
        { key: 'A', name: 'Variant A', weight: 1 },
        { key: 'B', name: 'Variant B', weight: 3 },
      ],
    });
    expect(saved.experiment.variants[1].steps).toHaveLength(2);
    expect(Object.keys(saved.experiment.variants[1].steps[0].locales)).toEqual(['de']);
  });

  it('shows each variant’s figures beside the holdout’s, and declares a winner', async () => {
    const inApp = inAppClient(server(), ws);
    await server().admin('POST', `/workspaces/${ws.id}/messages/${messageId}/launch`);
    const experiment = (await server().admin('GET', `/workspaces/${ws.id}/messages/${messageId}`))
      .body.experiment as Experiment;
    const counts = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const visitor = { anonymousId: `dash-${i}` };
      const { messages } = await inApp.messages(visitor);
      const message = messages.find((m: DeliveredMessage) => m.id === messageId)!;
      expect(message.variant).toBe(assignVariant(experiment, messageId, `a:dash-${i}`));
      const type = message.heldOut ? 'held-out' : 'opened';
      await inApp.report(visitor, [{ type, deliveryId: message.deliveryId }]);
      counts.set(message.variant!, (counts.get(message.variant!) ?? 0) + 1);
    }

    await page.goto(url(`/w/${ws.id}/messages/${messageId}/metrics`));
    const table = page.getByTestId('experiment-table');
    await table.waitFor(WAIT);
    const people = async (key: string) =>
      Number(await table.locator(`tr[data-variant="${key}"] td`).first().textContent());
    expect(await people(HOLDOUT)).toBe(counts.get(HOLDOUT) ?? 0);
    expect(await people('A')).toBe(counts.get('A') ?? 0);
    expect(await people('B')).toBe(counts.get('B') ?? 0);
    await table
      .locator('tr[data-variant="B"]')
      .getByText(/^Not enough data yet/)
      .waitFor();

    await table
      .locator('tr[data-variant="B"]')
      .getByRole('button', { name: 'Declare winner' })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Declare the winner' }).click();
    await page.getByText('Ended: everyone gets Variant B.').waitFor(WAIT);
    const after = (await server().admin('GET', `/workspaces/${ws.id}/messages/${messageId}`)).body;
    expect(after.experiment.winner).toBe('B');
    expect(problems).toEqual([]);
  });
});
