import { mkdirSync } from 'node:fs';
import type { BrowserContext, ConsoleMessage, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestServer } from '../packages/server/src/test-support/server.js';
import { describeInChromium } from './support/browser.js';
import { startSite, type TestSite } from './support/site.js';

// Segments, broadcasts and campaigns as a marketer uses them, in headless Chromium against the
// real server: build a segment and watch its live member count rise as a backend identifies
// people; watch one count past events until its build is done; page through a segment's members;
// broadcast an identified-audience message to it; see it on the site as one of them and click its
// button; find the figures on the broadcast page; start a campaign on an event; narrow a
// message's audience to a segment chosen by name.
// Screenshots of each new screen, at 1280 and 390 px wide, go to test-results/dashboard/.

const SHOTS = 'test-results/dashboard';
const WAIT = { timeout: 20_000 };
const HEADING = 'Spring sale: 20% off'; // the message editor's starter template

describeInChromium('dashboard: segments, broadcasts and campaigns', (browser) => {
  const server = useTestServer('sqlite');
  let site: TestSite;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  /** Failed responses the test provokes on purpose (Chromium logs each as a console error). */
  const expectedFailures = [
    { method: 'POST', url: /\/segments$/, status: 400 },
    { method: 'POST', url: /\/messages$/, status: 404 },
  ];
  const seenFailures: string[] = [];
  let ws = '';
  let writeKey = '';
  let proSegment = '';
  let messageId = '';

  /** Every console error or warning, page error and failed request, on any page of the test. */
  const watch = (p: Page) => {
    p.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      const text = message.text();
      if (/Failed to load resource/.test(text) && seenFailures.includes(message.location().url))
        return;
      problems.push(`${message.type()}: ${text} (${message.location().url})`);
    });
    p.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    p.on('response', (response) => {
      if (response.status() < 400) return;
      const request = response.request();
      const expected = expectedFailures.some(
        (f) =>
          f.method === request.method() &&
          f.url.test(response.url()) &&
          f.status === response.status(),
      );
      if (expected) seenFailures.push(response.url());
      else problems.push(`HTTP ${response.status()} ${request.method()} ${response.url()}`);
    });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    site = await startSite();
    context = await browser().newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    watch(page);
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  const url = (path: string) => `${server().url}${path}`;
  const settled = () =>
    page.evaluate(async () => {
      for (let i = 0; i < 4; i++) await new Promise((frame) => requestAnimationFrame(frame));
    });
  /** Screenshots the page at desktop width, then at phone width, then goes back to desktop. */
  const shoot = async (name: string, p: Page = page) => {
    await p.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
    await p.setViewportSize({ width: 390, height: 844 });
    await settled();
    await p.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
    await p.setViewportSize({ width: 1280, height: 860 });
    await settled();
  };
  const identify = async (userId: string, traits: object) =>
    expect((await server().track(writeKey, '/v1/identify', { userId, traits })).status).toBe(200);
  const track = async (userId: string, event: string, properties: object) =>
    expect(
      (await server().track(writeKey, '/v1/track', { userId, event, properties })).status,
    ).toBe(200);
  /** A figure on a broadcast or campaign page, as shown. */
  const figure = (name: string) => page.locator(`[data-figure="${name}"] .stat-value`);
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name });
  const label = (text: string) => page.getByLabel(text, { exact: true });

  it('sets up the admin and a workspace with in-app messages on', async () => {
    await page.goto(url('/'));
    await page.getByRole('heading', { name: 'Create the admin account' }).waitFor();
    await page.getByLabel('Email').fill('owner@example.com');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Confirm password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account and continue' }).click();
    await page.getByLabel('Workspace name').fill('Acme app');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Workspace settings' }).waitFor();
    ws = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByLabel('Enable in-app messages').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const workspace = await server().admin('GET', `/workspaces/${ws}`);
    expect(workspace.body.inApp.enabled).toBe(true);
    expect(workspace.body.identityVerification).toBe(false);
    writeKey = workspace.body.writeKey;
  });

  it('offers no segment yet as a message’s audience, and links to creating one', async () => {
    await nav('Messages').click();
    await page.getByRole('link', { name: 'Create a message' }).click();
    await page.getByRole('heading', { name: 'New message' }).waitFor();
    await page.getByRole('radio', { name: /^Identified people/ }).check();
    const hint = page.locator('#f-audience-segment-hint');
    await hint.getByText('There is no segment yet').waitFor();
    expect(await label('Segment (optional)').locator('option').allTextContents()).toEqual([
      'No segment',
    ]);
    await shoot('31-message-audience-no-segment');
    await hint.getByRole('link', { name: 'create a segment' }).click();
    await page.getByRole('heading', { name: 'New segment' }).waitFor();
  });

  it('says what a segment is for, then creates one through the UI', async () => {
    await nav('Segments').click();
    await page.getByRole('heading', { name: 'No segments yet' }).waitFor();
    await shoot('20-segments-empty');
    await page.getByRole('link', { name: 'Create a segment' }).click();
    await page.getByRole('heading', { name: 'New segment' }).waitFor();
    await label('Name').fill('Pro plan');
    await label('Condition 1: trait').fill('plan');
    await label('Condition 1: value').fill('pro');
    await page.getByText('plan equals “pro”').waitFor();
    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('heading', { name: 'Pro plan' }).waitFor();
    proSegment = new URL(page.url()).pathname.split('/')[4]!;
    expect(proSegment).toMatch(/^seg_/);
    expect(await page.getByTestId('member-count').textContent()).toBe('0');
  });

  it('counts members live as a backend identifies people, without a reload', async () => {
    // A mark on this document: a reload would lose it.
    await page.evaluate(() => document.documentElement.setAttribute('data-same-document', ''));
    const count = page.getByTestId('member-count');
    await identify('user_ann', { plan: 'pro', email: 'ann@example.com' });
    await expect.poll(() => count.textContent(), WAIT).toBe('1');
    await identify('user_bob', { plan: 'Pro' }); // text comparison ignores case
    await identify('user_cy', { plan: 'free' });
    await expect.poll(() => count.textContent(), WAIT).toBe('2');
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByRole('link', { name: 'user_bob' }).waitFor(WAIT);
    expect(await members.getByRole('link', { name: 'user_ann' }).getAttribute('href')).toBe(
      `/w/${ws}/people/user_ann`,
    );
    expect(await members.getByRole('link', { name: 'user_cy' }).count()).toBe(0);
    expect(await page.locator('html[data-same-document]').count()).toBe(1);
    await shoot('21-segment-live');
  });

  it('builds a segment of every kind of condition; the API’s error shows beside its field', async () => {
    await nav('Segments').click();
    await page.getByRole('link', { name: 'New segment' }).click();
    await label('Name').fill('Engaged pros');
    await label('Condition 1: trait').fill('plan');
    await label('Condition 1: value').fill('pro');
    await page.getByRole('button', { name: '+ Trait condition', exact: true }).click();
    await label('Condition 2: trait').fill('createdAt');
    await label('Condition 2: operator').selectOption('more_than_days_ago');
    await label('Condition 2: days').fill('14');
    // A nested OR group: ordered 3 times (over 100), or did not churn, or a big company.
    await page.getByRole('button', { name: '+ Group', exact: true }).click();
    expect(await label('Group 3: match').inputValue()).toBe('any');
    await label('Condition 3.1: kind').selectOption('event');
    await label('Condition 3.1: event').fill('Order Completed');
    await label('Condition 3.1: at least how many times').fill('3');
    await label('Condition 3.1: within how many days').fill('400');
    await page.getByRole('button', { name: '+ Property filter (condition 3.1)' }).click();
    await label('Condition 3.1 filter 1: property').fill('total');
    await label('Condition 3.1 filter 1: operator').selectOption('greater_than');
    await label('Condition 3.1 filter 1: value').fill('100');
    await page.getByRole('button', { name: '+ Event condition to group 3', exact: true }).click();
    await label('Condition 3.2: performed or not').selectOption('not');
    await label('Condition 3.2: event').fill('Churned');
    await label('Condition 3.2: within how many days').fill('7');
    await page.getByRole('button', { name: '+ Trait condition to group 3', exact: true }).click();
    await label('Condition 3.3: trait').fill('company.size');
    await label('Condition 3.3: operator').selectOption('greater_than');
    await label('Condition 3.3: value').fill('50');
    await page
      .getByText(
        'performed “Order Completed” where total is greater than 100 at least 3 times in the last 400 days',
      )
      .waitFor();

    // 400 days is more than the server keeps: its error names the field, shown beside it.
    await page.getByRole('button', { name: 'Create segment' }).click();
    const error = page.locator('#f-conditions-conditions-2-conditions-0-withinDays-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Must be a whole number from 1 to 365');
    const within = label('Condition 3.1: within how many days');
    expect(await within.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await within.getAttribute('aria-invalid')).toBe('true');
    await within.fill('30');
    await error.waitFor({ state: 'detached' });
    await shoot('22-segment-editor');

    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('heading', { name: 'Engaged pros' }).waitFor();
    const id = new URL(page.url()).pathname.split('/')[4]!;
    const saved = await server().admin('GET', `/workspaces/${ws}/segments/${id}`);
    expect(saved.body.conditions).toEqual({
      match: 'all',
      conditions: [
        { type: 'trait', trait: 'plan', op: 'equals', value: 'pro' },
        { type: 'trait', trait: 'createdAt', op: 'more_than_days_ago', days: 14 },
        {
          match: 'any',
          conditions: [
            {
              type: 'event',
              event: 'Order Completed',
              atLeast: 3,
              withinDays: 30,
              where: [{ property: 'total', op: 'greater_than', value: 100 }],
            },
            { type: 'event', event: 'Churned', atLeast: 1, withinDays: 7, negate: true },
            { type: 'trait', trait: 'company.size', op: 'greater_than', value: 50 },
          ],
        },
      ],
    });
    await nav('Segments').click();
    await page.getByRole('link', { name: 'Engaged pros' }).waitFor();
    await page.getByRole('link', { name: 'Pro plan' }).waitFor();
    await shoot('23-segments');
  });

  it('shows a segment counting past events until its build is done, without a reload', async () => {
    // Paused, the job runner leaves the build to do: it is done once the runner starts again.
    await server().app.jobs.stop();
    try {
      await track('user_ann', 'Order Completed', { total: 120 });
      await track('user_bob', 'Order Completed', { total: 80 });
      await nav('Segments').click();
      await page.getByRole('link', { name: 'New segment' }).click();
      await label('Name').fill('Buyers');
      await label('Condition 1: kind').selectOption('event');
      await label('Condition 1: event').fill('Order Completed');
      await page.getByRole('button', { name: 'Create segment' }).click();
      await page.getByRole('heading', { name: 'Buyers' }).waitFor();
      const building = page.getByTestId('segment-building');
      expect(await building.textContent()).toBe('Counting past events…');
      expect(await page.getByTestId('member-count').textContent()).toBe('0');
      await page.getByText('past events are still being counted').waitFor();
      await shoot('32-segment-building');

      await nav('Segments').click();
      const row = page.getByRole('row', { name: /Buyers/ });
      await row.getByText('Counting past events…').waitFor();
      expect(await page.getByRole('row', { name: /Pro plan/ }).textContent()).not.toContain(
        'Counting',
      );
      await shoot('33-segments-building');
      await server().app.jobs.start();
      // The list, polled while a build runs, shows the end of it.
      await row.getByText('Counting past events…').waitFor({ state: 'detached', ...WAIT });
      expect(await row.locator('td[data-label="Members"]').textContent()).toBe('2');
      await row.getByRole('link', { name: 'Buyers' }).click();
      await expect.poll(() => page.getByTestId('member-count').textContent(), WAIT).toBe('2');
      expect(await building.count()).toBe(0);
    } finally {
      await server().app.jobs.start();
    }
  });

  it('pages through a segment’s members with “Load more”; the count stays live', async () => {
    const people = Array.from({ length: 120 }, (_, i) => `beta_${String(i).padStart(3, '0')}`);
    const batch = people.map((userId) => ({ type: 'identify', userId, traits: { beta: true } }));
    expect((await server().track(writeKey, '/v1/batch', { batch })).status).toBe(200);
    await nav('Segments').click();
    await page.getByRole('link', { name: 'New segment' }).click();
    await label('Name').fill('Beta testers');
    await label('Condition 1: trait').fill('beta');
    await label('Condition 1: value').fill('true');
    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('heading', { name: 'Beta testers' }).waitFor();
    const count = page.getByTestId('member-count');
    await expect.poll(() => count.textContent(), WAIT).toBe('120');

    const members = page.getByRole('region', { name: 'Members' });
    const shown = async () => members.locator('tbody tr td:first-child').allTextContents();
    await expect.poll(async () => (await shown()).length, WAIT).toBe(100);
    await members.getByText('The 100 who joined most recently.').waitFor();
    await members.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(async () => (await shown()).length, WAIT).toBe(120);
    // Everyone once: the build made them all members at the same instant, and the pages follow
    // on from each other all the same.
    expect([...(await shown())].sort()).toEqual(people);
    expect(await members.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    // Someone joins: the count says so at once; the list holds still until asked.
    await identify('beta_new', { beta: true });
    await expect.poll(() => count.textContent(), WAIT).toBe('121');
    expect((await shown()).length).toBe(120);
    await members.getByText('Newest first, as they were when you loaded more.').waitFor();
    await shoot('34-segment-members-more');
    await members.getByRole('button', { name: 'Back to the newest' }).click();
    await expect.poll(async () => (await shown())[0], WAIT).toBe('beta_new');
    expect((await shown()).length).toBe(100);
    await members.getByRole('button', { name: 'Load more' }).waitFor();
  });

  it('asks for a message for identified people before a broadcast', async () => {
    await nav('Broadcasts').click();
    await page.getByRole('heading', { name: 'No broadcasts yet' }).waitFor();
    await page.getByRole('link', { name: 'Create a broadcast' }).click();
    const missing = page.getByTestId('prerequisites');
    await missing
      .getByRole('heading', { name: 'Create a message for identified people first' })
      .waitFor();
    await missing.getByText('whose audience is Identified people').waitFor();
    await shoot('24-broadcast-needs-message');

    await missing.getByRole('link', { name: 'Create a message' }).click();
    await page.getByRole('heading', { name: 'New message' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Pro tips');
    await page.getByRole('radio', { name: /^Identified people/ }).check();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('Version 1').waitFor();
    messageId = new URL(page.url()).pathname.split('/')[4]!;
  });

  it('broadcasts the message to the segment, after a confirmation', async () => {
    await nav('Broadcasts').click();
    await page.getByRole('link', { name: 'New broadcast' }).click();
    await label('Message').selectOption(messageId);
    await label('Segment').selectOption(proSegment);
    await shoot('25-broadcast-new');
    await page.getByRole('button', { name: 'Send…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('goes now to the 2 people in Pro plan').waitFor();
    await dialog.getByRole('button', { name: 'Send broadcast' }).click();
    await page.getByRole('heading', { name: 'Pro tips' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/w/${ws}/broadcasts/bc_`));
    await expect.poll(() => figure('sent').textContent(), WAIT).toBe('2');
    await page.locator('.page-header .badge', { hasText: 'Sent' }).waitFor(WAIT);
    expect(await figure('opened').textContent()).toBe('0');
  });

  it('shows on the site to one of those people, who clicks its button; the figures follow', async () => {
    const visitorContext = await browser().newContext({ viewport: { width: 1280, height: 860 } });
    try {
      const visitor = await visitorContext.newPage();
      watch(visitor);
      await visitor.goto(
        site.page(
          '/account',
          `<!doctype html><html><head><meta charset="utf-8"><title>Acme app</title>
          <link rel="icon" href="data:,">
          <script src="${server().url}/sdk/herald.js"></script>
          <script>
            herald.load(${JSON.stringify(writeKey)}, { flushInterval: 100,
              integrations: { 'In-App': {} } });
            herald.identify('user_ann');
            herald.page();
          </script></head><body><h1>Your account</h1></body></html>`,
        ),
      );
      let frame: Frame | undefined;
      await expect
        .poll(async () => {
          frame = await messageFrame(visitor, messageId);
          return frame ? frame.locator('h2').textContent() : null;
        }, WAIT)
        .toBe(HEADING);
      await frame!.getByRole('link', { name: 'See plans' }).click();

      // The broadcast page, open all along, shows the view and the click without a reload.
      await expect.poll(() => figure('clicked').textContent(), WAIT).toBe('1');
      expect(await figure('opened').textContent()).toBe('1');
      expect(await figure('sent').textContent()).toBe('2');
      const opened = page.locator('[data-figure="opened"] .stat-note');
      expect(await opened.textContent()).toBe('50% of sent');
      expect(await page.locator('[data-figure="clicked"] .stat-note').textContent()).toBe(
        '100% of opened',
      );
      await shoot('26-broadcast');
    } finally {
      await visitorContext.close();
    }
  });

  it('stops the broadcast after a confirmation: what nobody opened is withdrawn', async () => {
    await page.getByRole('button', { name: 'Stop…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('withdrawn from the 1 person who has not opened it yet').waitFor();
    await dialog.getByRole('button', { name: 'Stop broadcast' }).click();
    await page.locator('.page-header .badge', { hasText: 'Stopped' }).waitFor(WAIT);
    await expect.poll(() => figure('withdrawn').textContent(), WAIT).toBe('1');
  });

  it('schedules a broadcast for tomorrow, then stops it before it sends', async () => {
    await nav('Broadcasts').click();
    await page.getByRole('link', { name: 'New broadcast' }).click();
    await label('Message').selectOption(messageId);
    await label('Segment').selectOption(proSegment);
    await page.getByLabel('At a date and time').check();
    // Tomorrow at 09:00 on the browser's clock, as <input type="datetime-local"> takes it.
    const tomorrow = await page.evaluate(() => {
      const d = new Date(Date.now() + 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T09:00`;
    });
    await label('Send at').fill(tomorrow);
    await label('Name (optional)').fill('Pro tips reminder');
    await page.getByRole('button', { name: 'Schedule…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Schedule broadcast' }).click();
    await page.getByRole('heading', { name: 'Pro tips reminder' }).waitFor();
    await page.locator('.page-header .badge', { hasText: 'Scheduled' }).waitFor();
    const id = new URL(page.url()).pathname.split('/')[4]!;
    const scheduled = await server().admin('GET', `/workspaces/${ws}/broadcasts/${id}`);
    expect(new Date(scheduled.body.sendAt).getTime()).toBe(
      await page.evaluate((wall) => new Date(wall).getTime(), tomorrow),
    );
    await page.getByRole('button', { name: 'Stop…' }).click();
    await page.getByRole('dialog').getByText('It will not be sent.').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop broadcast' }).click();
    await page.locator('.page-header .badge', { hasText: 'Stopped' }).waitFor(WAIT);
    expect(await figure('sent').textContent()).toBe('0');

    await nav('Broadcasts').click();
    const row = (name: string) =>
      page.locator('tr', { has: page.getByRole('link', { name, exact: true }) });
    await row('Pro tips reminder').getByText('Stopped').waitFor();
    await row('Pro tips').getByText('Stopped').waitFor();
    const clicked = row('Pro tips').locator('td[data-label="Clicked"]');
    expect(await clicked.innerText()).toBe('1\n100%'); // the count, and the rate of opened
    await shoot('27-broadcasts');
  });

  it('creates a campaign on an event with a property filter; it counts what it sends', async () => {
    await nav('Campaigns').click();
    await page.getByRole('heading', { name: 'No campaigns yet' }).waitFor();
    await page.getByRole('link', { name: 'Create a campaign' }).click();
    await page.getByRole('heading', { name: 'New campaign' }).waitFor();
    await label('Name').fill('Welcome to Pro');
    await label('Message').selectOption(messageId);
    await label('Event').fill('Plan Upgraded');
    await page.getByRole('button', { name: '+ Property filter (trigger)' }).click();
    await label('Trigger filter 1: property').fill('plan');
    await label('Trigger filter 1: value').fill('pro');
    await label('Expires after (days)').fill('7');
    await shoot('28-campaign-editor');
    await page.getByRole('button', { name: 'Create and start' }).click();
    await page.getByRole('heading', { name: 'Welcome to Pro' }).waitFor();
    await page.locator('.page-header .badge', { hasText: 'Active' }).waitFor();
    const id = new URL(page.url()).pathname.split('/')[4]!;
    const saved = await server().admin('GET', `/workspaces/${ws}/campaigns/${id}`);
    expect(saved.body).toMatchObject({
      status: 'active',
      messageId,
      trigger: {
        type: 'event',
        event: 'Plan Upgraded',
        where: [{ property: 'plan', op: 'equals', value: 'pro' }],
      },
      delaySeconds: 0,
      expiresDays: 7,
    });

    // A backend reports the event: only the call that passes the filter sends the message.
    await track('user_cy', 'Plan Upgraded', { plan: 'team' });
    await track('user_cy', 'Plan Upgraded', { plan: 'pro' });
    await expect.poll(() => figure('sent').textContent(), WAIT).toBe('1');
    await page
      .getByText('When someone performs “Plan Upgraded” where plan equals “pro”')
      .first()
      .waitFor();
    await shoot('29-campaign');

    // An edit: a delay of 2 hours, the trigger kept.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit Welcome to Pro' }).waitFor();
    expect(await label('Trigger filter 1: value').inputValue()).toBe('pro');
    await label('Delay').fill('2');
    await label('Unit of the delay').selectOption({ label: 'hours' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Welcome to Pro' }).waitFor();
    await page.getByText('after 2 hours').first().waitFor();
    const edited = await server().admin('GET', `/workspaces/${ws}/campaigns/${id}`);
    expect(edited.body).toMatchObject({ delaySeconds: 7200, trigger: saved.body.trigger });

    await page.getByRole('button', { name: 'Stop…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop campaign' }).click();
    await page.locator('.page-header .badge', { hasText: 'Stopped' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Start…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start campaign' }).click();
    await page.locator('.page-header .badge', { hasText: 'Active' }).waitFor(WAIT);

    await nav('Campaigns').click();
    const row = page.getByRole('row', { name: /Welcome to Pro/ });
    await row.getByText('Active').waitFor();
    expect(await row.locator('td[data-label="Sent"]').textContent()).toBe('1');
    await shoot('30-campaigns');
  });

  it('narrows a message’s audience to a segment chosen by name; the API’s error shows beside it', async () => {
    // A segment that goes away while the editor is open.
    const doomed = await server().admin('POST', `/workspaces/${ws}/segments`, {
      name: 'Trial users',
      conditions: { conditions: [{ type: 'trait', trait: 'trial', op: 'exists' }] },
    });
    expect(doomed.status).toBe(201);
    await nav('Messages').click();
    await page.getByRole('link', { name: 'New message' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Pro only');
    await page.getByRole('radio', { name: /^Identified people/ }).check();
    const audience = label('Segment (optional)');
    await expect
      .poll(() => audience.locator('option').allTextContents(), WAIT)
      .toEqual([
        'No segment',
        'Trial users (0 people)',
        'Beta testers (121 people)',
        'Buyers (2 people)',
        'Engaged pros (0 people)',
        'Pro plan (2 people)',
      ]);
    await audience.selectOption({ label: 'Trial users (0 people)' });
    const deleted = await server().admin('DELETE', `/workspaces/${ws}/segments/${doomed.body.id}`);
    expect(deleted.status).toBe(200);
    await page.getByRole('button', { name: 'Create draft' }).click();
    const error = page.locator('#f-audience-segment-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(`Segment ${doomed.body.id} not found`);
    expect(await audience.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await audience.getAttribute('aria-invalid')).toBe('true');

    await audience.selectOption({ label: 'Pro plan (2 people)' });
    await error.waitFor({ state: 'detached' });
    await shoot('35-message-audience');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('Version 1').waitFor();
    const id = new URL(page.url()).pathname.split('/')[4]!;
    const saved = await server().admin('GET', `/workspaces/${ws}/messages/${id}`);
    expect(saved.body.audience).toEqual({ type: 'identified', segment: proSegment });
    expect(await audience.inputValue()).toBe(proSegment);
    await audience.selectOption('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const cleared = await server().admin('GET', `/workspaces/${ws}/messages/${id}`);
    expect(cleared.body.audience).toEqual({ type: 'identified' });
  });

  it('deletes a segment after a confirmation', async () => {
    await nav('Segments').click();
    await page.getByRole('link', { name: 'Engaged pros' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete segment' }).click();
    await page.getByRole('heading', { name: 'Segments', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Pro plan' }).waitFor();
    expect(await page.getByRole('link', { name: 'Engaged pros' }).count()).toBe(0);
  });

  it('logged no console errors and no unexpected failed requests', () => {
    expect(problems).toEqual([]);
    expect(seenFailures).toHaveLength(2);
  });
});

/** The frame of message `id` on the page (the iframe is in a closed shadow root whose host names it). */
async function messageFrame(p: Page, id: string): Promise<Frame | undefined> {
  for (const frame of p.frames()) {
    if (!frame.url().includes('/sdk/frame.html')) continue;
    const element = await frame.frameElement();
    const owner = await element.evaluate(
      (iframe) =>
        ((iframe.getRootNode() as ShadowRoot).host as HTMLElement | undefined)?.dataset.messageId,
    );
    if (owner === id) return frame;
  }
  return undefined;
}
