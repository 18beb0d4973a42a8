import { mkdirSync } from 'node:fs';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestServer } from '../packages/server/src/test-support/server.js';
import { describeInChromium } from './support/browser.js';

// The dashboard as people use it: the real server serving the real Vite build, driven in
// headless Chromium from first-run setup to a launched message's metrics, and people search.
// Screenshots of each main screen, at 1280 and 390 px wide, go to test-results/dashboard/.

const SHOTS = 'test-results/dashboard';
const EMAIL = 'owner@example.com';
const PASSWORD = 'a long enough password';

describeInChromium('dashboard in Chromium', (browser) => {
  const server = useTestServer('sqlite');
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  /** Failed responses the test provokes on purpose (Chromium logs each as a console error). */
  const expectedFailures: Array<{ url: RegExp; status: number }> = [
    { url: /\/api\/v1\/login$/, status: 401 }, // the wrong password
    { url: /\/messages\/msg_[\w-]+$/, status: 400 }, // the invalid regex
  ];
  const seenFailures: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    context = await browser().newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      const text = message.text();
      // "Failed to load resource" for a response we asked for: checked separately below.
      if (/Failed to load resource/.test(text) && seenFailures.includes(message.location().url))
        return;
      problems.push(`${message.type()}: ${text} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() < 400) return;
      const expected = expectedFailures.some(
        (f) => f.url.test(response.url()) && f.status === response.status(),
      );
      if (expected) seenFailures.push(response.url());
      else
        problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    });
  });
  afterAll(async () => {
    await context?.close();
  });

  /** Screenshots the page at desktop width, then at phone width, then goes back to desktop. */
  const shoot = async (name: string) => {
    await page.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await settled();
    await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
    await settled();
  };
  /**
   * A few animation frames: after a resize, CodeMirror and uPlot hear of it from a
   * ResizeObserver and re-measure in a later frame.
   */
  const settled = () =>
    page.evaluate(async () => {
      for (let i = 0; i < 4; i++) await new Promise((frame) => requestAnimationFrame(frame));
    });
  const url = (path: string) => `${server().url}${path}`;
  let workspaceId = '';
  let messageId = '';

  it('sets up the first admin on first start', async () => {
    await page.goto(url('/'));
    await page.getByRole('heading', { name: 'Create the admin account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/setup');
    await shoot('01-setup');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account and continue' }).click();
    // No workspace yet: the dashboard asks for one.
    await page.getByRole('heading', { name: 'Create your first workspace' }).waitFor();
    await page.getByLabel('Workspace name').fill('Acme website');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Workspace settings' }).waitFor();
    workspaceId = new URL(page.url()).pathname.split('/')[2]!;
    expect(workspaceId).toMatch(/^ws_/);
  });

  it('changes workspace settings, shows the snippet with the write key, rotates the key', async () => {
    await page.getByLabel('Enable in-app messages').check();
    await page.getByLabel('Enable anonymous in-app messages').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const ws = await server().admin('GET', `/workspaces/${workspaceId}`);
    expect(ws.body.inApp).toEqual({ enabled: true, anonymous: true });

    const snippet = page.getByTestId('snippet');
    await expect.poll(() => snippet.textContent()).toContain(`herald.load("${ws.body.writeKey}"`);
    expect(await snippet.textContent()).toContain('anonymousInApp: true');
    expect(await snippet.textContent()).toContain(`"${server().url}"`);
    expect(await snippet.textContent()).not.toContain('herald.example.com');
    await shoot('02-settings');

    await page.getByRole('button', { name: 'Rotate…' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate key' }).click();
    await expect.poll(() => page.getByTestId('write-key').textContent()).not.toBe(ws.body.writeKey);
    const rotated = await server().admin('GET', `/workspaces/${workspaceId}`);
    expect(await page.getByTestId('write-key').textContent()).toBe(rotated.body.writeKey);
    expect(await snippet.textContent()).toContain(rotated.body.writeKey);
  });

  it('signs out, refuses a wrong password, signs back in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password').waitFor();
    await shoot('03-login');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Messages', exact: true }).waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'herald_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('creates an anonymous message with a page rule, tested live', async () => {
    await shoot('04-messages-empty');
    await page.getByRole('link', { name: 'New message' }).click();
    await page.getByRole('heading', { name: 'New message' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Spring sale');
    await page.getByLabel('Description').fill('20% off for new visitors');
    await page.getByRole('button', { name: '+ Add a page rule' }).click();
    await page.getByLabel('Include rule 1: value').fill('*/pricing*');
    await page.getByLabel('URL', { exact: true }).fill('https://acme.test/en/pricing?plan=pro');
    await page.getByText('✓ The message can show').waitFor();
    expect(await page.locator('#f-pageRules-include-0-verdict').textContent()).toBe('Matches');
    await page.getByLabel('URL', { exact: true }).fill('https://acme.test/blog');
    await page.getByText('✗ The message does not show').waitFor();
    expect(await page.locator('#f-pageRules-include-0-verdict').textContent()).toBe('No match');
    // The HTML editor is CodeMirror, with the starter template in it.
    await page.locator('.cm-content').waitFor();
    expect(await page.locator('.cm-content').textContent()).toContain('herald://action/upgrade');
    await page.getByText('Overlay', { exact: true }).click();
    await page.getByLabel('Bottom right').check();
    // The live preview: the SDK's renderer on both screens, with the overlay in its corner.
    await page.getByTestId('preview-status').getByText('Overlay, bottom right').waitFor();
    // It draws only while on screen (Chromium does not render off-screen cross-origin frames).
    await page.getByTestId('preview').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="preview"] figure[data-state="shown"]').nth(1).waitFor();
    await shoot('05-editor');

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('Version 1').waitFor();
    messageId = new URL(page.url()).pathname.split('/')[4]!;
    const saved = await server().admin('GET', `/workspaces/${workspaceId}/messages/${messageId}`);
    expect(saved.body).toMatchObject({
      name: 'Spring sale',
      status: 'draft',
      audience: { type: 'anonymous' },
      pageRules: { include: [{ op: 'matches', value: '*/pricing*' }], exclude: [] },
      display: { type: 'overlay', position: 'bottom-right' },
    });
  });

  it('shows the API’s validation error next to its field', async () => {
    await page.getByRole('button', { name: '+ Add an exclusion' }).click();
    await page.getByLabel('Exclude rule 1: operator').selectOption('regex');
    await page.getByLabel('Exclude rule 1: value').fill('(unclosed');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const error = page.locator('#f-pageRules-exclude-0-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/regular expression/i);
    // Editing clears the error; removing the rule brings back the saved message.
    await page.getByRole('button', { name: 'Remove exclude rule 1' }).click();
    await error.waitFor({ state: 'detached' });
    await page.getByText('No changes').waitFor();
  });

  it('launches the message after a confirmation', async () => {
    await page.getByRole('button', { name: 'Launch…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('starts showing to anonymous visitors').waitFor();
    await dialog.getByRole('button', { name: 'Launch' }).click();
    await page.locator('.badge-active').first().waitFor();
    const launched = await server().admin(
      'GET',
      `/workspaces/${workspaceId}/messages/${messageId}`,
    );
    expect(launched.body.status).toBe('active');
    await page.getByRole('link', { name: '← Messages' }).click();
    await page.getByRole('link', { name: 'Spring sale' }).waitFor();
    await shoot('06-messages');
  });

  it('renders the metrics page with figures and a date range', async () => {
    await page.goto(url(`/w/${workspaceId}/messages/${messageId}/metrics`));
    await page.getByRole('heading', { name: 'Metrics' }).waitFor();
    await page.getByText('Unique viewers').waitFor();
    await page.getByLabel('Date range').selectOption('30');
    await page.getByText('By day').waitFor();
    await shoot('07-metrics');
  });

  it('finds people by userId, email and anonymous ID, shows a profile, deletes a person', async () => {
    const ws = await server().admin('GET', `/workspaces/${workspaceId}`);
    const writeKey = ws.body.writeKey as string;
    const calls: Array<[string, object]> = [
      [
        '/v1/page',
        {
          anonymousId: 'anon-7f3a',
          name: 'Pricing',
          properties: { url: 'https://acme.test/pricing' },
        },
      ],
      [
        '/v1/track',
        { anonymousId: 'anon-7f3a', event: 'Plan Viewed', properties: { plan: 'pro' } },
      ],
      [
        '/v1/identify',
        {
          userId: 'user_ada',
          anonymousId: 'anon-7f3a',
          traits: { email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro' },
        },
      ],
      ['/v1/identify', { userId: 'user_bob', traits: { email: 'bob@example.com', name: 'Bob' } }],
    ];
    for (const [path, body] of calls)
      expect((await server().track(writeKey, path, body)).status).toBe(200);

    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'user_bob' }).waitFor();
    for (const q of ['user_ad', 'ADA@', 'anon-7f3a']) {
      await page.getByLabel('Search by userId, email or anonymous ID').fill(q);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText(`1 person matches “${q}”`).waitFor();
      await page.getByRole('link', { name: 'user_ada' }).waitFor();
    }
    await shoot('08-people');
    await page.getByRole('link', { name: 'user_ada' }).click();
    await page.getByRole('heading', { name: 'Traits' }).waitFor();
    await page.getByText('Ada Lovelace').waitFor();
    await page.locator('.chip', { hasText: 'anon-7f3a' }).waitFor();
    await page.getByText('Plan Viewed').waitFor();
    await shoot('09-profile');

    await page.getByRole('button', { name: 'Delete person…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Type user_ada to confirm').fill('user_ada');
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await page.getByRole('heading', { name: 'People' }).waitFor();
    expect((await server().admin('GET', `/workspaces/${workspaceId}/people/user_ada`)).status).toBe(
      404,
    );
  });

  it('logged no console errors and no unexpected failed requests', () => {
    expect(problems).toEqual([]);
    expect(seenFailures).toHaveLength(2);
  });
});
