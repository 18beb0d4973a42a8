import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { useInAppHarness, WAIT } from './support/inapp-harness.js';

// What visitors do with messages, and what the site and the server hear about it.

describeInChromium('in-app messages: actions, events, steps, single-page apps', (browser) => {
  const h = useInAppHarness(browser);

  it('reports every event with its detail to the events option, herald.on and the server', async () => {
    const w = await h.workspace();
    const id = await w.launch({
      name: 'Steps',
      display: { type: 'modal', position: 'center' },
      steps: [
        {
          name: 'intro',
          html: '<h2>Intro</h2><a id="act" href="herald://action/signup?value=pro">Pro</a> <a id="next" href="herald://next">Next</a>',
        },
        {
          name: 'corner',
          html: '<h2>Corner</h2><a id="bad" href="herald://step/nowhere">Bad</a> <a id="close" href="herald://close">Close</a>',
          display: { type: 'overlay', position: 'top-left' },
        },
      ],
    });
    const page = await h.newPage();
    await page.goto(h.hostPage('/events', w));
    const [opened] = await h.waitForEvent(page, 'in-app:message-opened');
    const deliveryId = opened!.detail.deliveryId;
    expect(opened).toEqual({
      type: 'in-app:message-opened',
      detail: { deliveryId, messageId: id },
    });

    const modal = await h.frameOf(page, id);
    expect(modal.type).toBe('modal');
    await modal.frame.click('#act');
    const [action] = await h.waitForEvent(page, 'in-app:message-action');
    expect(action!.detail).toEqual({
      deliveryId,
      messageId: id,
      actionName: 'signup',
      actionValue: 'pro',
    });

    // The next step is an overlay: the display type and position change with it.
    await modal.frame.click('#next');
    const [changed] = await h.waitForEvent(page, 'in-app:message-changed');
    expect(changed!.detail).toEqual({ deliveryId, messageId: id, actionName: 'corner' });
    let corner = await h.frameOf(page, id);
    await expect.poll(async () => (corner = await h.frameOf(page, id)).type).toBe('overlay');
    expect(corner.box.x).toBeCloseTo(16, 0);
    expect(corner.box.y).toBeCloseTo(16, 0);
    await page.screenshot({ path: 'test-results/inapp/step-overlay.png' });

    await corner.frame.click('#bad');
    const [error] = await h.waitForEvent(page, 'in-app:message-error');
    expect(error!.detail).toMatchObject({
      deliveryId,
      messageId: id,
      error: expect.stringContaining('nowhere'),
    });
    await corner.frame.click('#close');
    const [dismissed] = await h.waitForEvent(page, 'in-app:message-dismissed');
    expect(dismissed!.detail).toEqual({ deliveryId, messageId: id });
    await expect.poll(async () => (await h.frames(page)).length).toBe(0);

    // herald.on got the same events, in the same order.
    const [fromOption, fromOn] = await page.evaluate(() => [window.__inapp, window.__on]);
    expect(fromOn).toEqual(fromOption);
    expect(fromOption.map((event) => event.type.slice('in-app:message-'.length))).toEqual([
      'opened',
      'action',
      'changed',
      'error',
      'dismissed',
    ]);
    // The server counted them: a view, a click on "signup", a dismissal.
    await expect
      .poll(
        async () =>
          (await h.server().admin('GET', `/workspaces/${w.ws.id}/messages/${id}/metrics`)).body,
        WAIT,
      )
      .toMatchObject({ views: 1, dismissals: 1, clicks: { signup: 1 } });
    // Dismissed for good: not back after a reload.
    await page.reload();
    await page.waitForFunction(() => window.herald && !Array.isArray(window.herald));
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(await h.frames(page)).toEqual([]);
    await h.context.close();
  });

  // Three tests, not one: each waits on a browser several times, and under a loaded CI machine
  // the sum of those waits must stay well inside one test's time.
  it('Escape dismisses a modal', async () => {
    const w = await h.workspace();
    const id = await w.launch({
      name: 'Modal',
      display: { type: 'modal', position: 'center', overlayColor: 'rgba(0,0,120,0.4)' },
      steps: [{ name: 'main', html: '<h2>Hello</h2>' }],
    });
    const page = await h.newPage();
    await page.goto(h.hostPage('/escape', w));
    const { frame } = await h.frameOf(page, id);
    // Opened: the frame has rendered and listens, so the key is not lost to a loading frame.
    await h.waitForEvent(page, 'in-app:message-opened');
    // The modal holds the focus, so the key goes to its frame. Pressed through the frame, with a
    // deadline: a key sent to the page waits, without one, for a frame's renderer to take it,
    // which on a loaded machine may be after the first press: pressed until it is heard.
    await expect
      .poll(async () => {
        await frame.press('body', 'Escape', { timeout: 2_000 }).catch(() => undefined);
        return h.eventCount(page, 'in-app:message-dismissed');
      }, WAIT)
      .toBe(1);
    await h.context.close();
  });

  it('a click outside dismisses a modal', async () => {
    const w = await h.workspace();
    const id = await w.launch({
      name: 'Modal 2',
      display: { type: 'modal', position: 'center' },
      steps: [{ name: 'main', html: '<h2>Hello</h2>' }],
    });
    const other = await h.newPage();
    await other.goto(h.hostPage('/outside', w));
    await h.frameOf(other, id);
    await h.waitForEvent(other, 'in-app:message-opened');
    await other.mouse.click(10, 10);
    await h.waitForEvent(other, 'in-app:message-dismissed');
    await h.context.close();
  });

  it('a link in a message opens in the top window', async () => {
    h.site.page('/landing', '<!doctype html><title>Landing</title><h1>Landing</h1>');
    const third = await h.newPage();
    const w = await h.workspace();
    const linked = await w.launch({
      name: 'Link',
      display: { type: 'overlay', position: 'bottom-right' },
      steps: [
        { name: 'main', html: '<h2>Hello</h2><a id="go" href="/landing?from=message">Go</a>' },
      ],
    });
    await third.goto(h.hostPage('/link', w));
    const { frame } = await h.frameOf(third, linked);
    await h.waitForEvent(third, 'in-app:message-opened');
    await frame.click('#go', WAIT);
    await third.waitForURL(`${h.site.url}/landing?from=message`, WAIT);
    await h.context.close();
  });

  it('single-page apps: page() removes messages whose rules stop matching and shows new ones', async () => {
    const w = await h.workspace();
    const billing = await w.launch({
      name: 'Billing',
      pageRules: { include: [{ op: 'contains', value: '/app/billing' }], exclude: [] },
      display: { type: 'overlay', position: 'bottom-right' },
      steps: [{ name: 'main', html: '<h2>Billing</h2>' }],
    });
    const named = await w.launch({
      name: 'Named page',
      pageRules: { include: [{ op: 'equals', value: 'Settings' }], exclude: [] },
      display: { type: 'overlay', position: 'bottom-left' },
      steps: [{ name: 'main', html: '<h2>Settings</h2>' }],
    });
    const page = await h.newPage();
    await page.goto(h.hostPage('/app/home', w));
    await page.waitForFunction(() => window.herald && !Array.isArray(window.herald));
    await page.evaluate(() => {
      history.pushState(null, '', '/app/billing');
      window.herald.page();
    });
    await h.frameOf(page, billing);
    // From here the server is out of reach: route changes are decided locally.
    await page.route('**/v1/in-app/**', (route) => route.abort());
    await page.evaluate(() => {
      history.pushState(null, '', '/app/settings');
      window.herald.page('Settings');
    });
    await h.frameOf(page, named);
    await expect.poll(async () => (await h.frames(page)).map((f) => f.messageId)).toEqual([named]);
    await h.context.close();
  });

  it('a test send shows on any page once, and leaves the message’s own state alone', async () => {
    const w = await h.workspace();
    const id = await w.launch({
      name: 'Pricing offer',
      pageRules: { include: [{ op: 'contains', value: '/pricing' }], exclude: [] },
      steps: [
        { name: 'main', html: '<h2>Offer</h2><a id="close" href="herald://close">Close</a>' },
      ],
    });
    const page = await h.newPage();
    await page.goto(h.hostPage('/home', w));
    const anonymousId = await page.evaluate(() => window.herald.user().anonymousId!);
    const sent = await h.server().admin('POST', `/workspaces/${w.ws.id}/messages/${id}/test`, {
      anonymousId,
    });
    expect(sent.status).toBe(202);
    // Not a page of the message's: the test shows anyway (the stream brings it).
    const test = await h.frameOf(page, id);
    await test.frame.click('#close');
    await expect.poll(async () => (await h.frames(page)).length, WAIT).toBe(0);
    // The tester dismissed the test, not the message: on its page it shows.
    await page.goto(h.hostPage('/pricing', w));
    await h.frameOf(page, id);
    await h.context.close();
  });

  it('a message on screen leaves when it is paused, or archived, in the admin API', async () => {
    const w = await h.workspace();
    const toPause = await w.launch({
      name: 'To pause',
      display: { type: 'overlay', position: 'bottom-left' },
      steps: [{ name: 'main', html: '<h2>Paused soon</h2>' }],
    });
    const toArchive = await w.launch({
      name: 'To archive',
      display: { type: 'overlay', position: 'bottom-right' },
      steps: [{ name: 'main', html: '<h2>Archived soon</h2>' }],
    });
    const page = await h.newPage();
    await page.goto(h.hostPage('/live', w));
    await h.frameOf(page, toPause);
    await h.frameOf(page, toArchive);
    await h.waitForEvent(page, 'in-app:message-opened', 2);
    let loads = 0;
    page.on('load', () => loads++);
    const messages = `/workspaces/${w.ws.id}/messages`;
    const ids = async () => (await h.frames(page)).map((f) => f.messageId);

    // The stream hints every open page of the workspace; the next answer leaves it out.
    expect((await h.server().admin('POST', `${messages}/${toPause}/pause`)).status).toBe(200);
    await expect.poll(ids, WAIT).toEqual([toArchive]);
    expect((await h.server().admin('POST', `${messages}/${toArchive}/archive`)).status).toBe(200);
    await expect.poll(ids, WAIT).toEqual([]);
    // Taken off the screen, not dismissed by the visitor; and without a reload.
    const types = await page.evaluate(() => window.__inapp.map((event) => event.type));
    expect(types).toEqual(['in-app:message-opened', 'in-app:message-opened']);
    expect(loads).toBe(0);
    await h.context.close();
  });

  it('identify() switches to identified messages without a reload, reset() switches back', async () => {
    const w = await h.workspace();
    const anonymous = await w.launch({
      name: 'Visitors',
      steps: [{ name: 'main', html: '<h2>Visitor</h2>' }],
    });
    const known = await w.launch({
      name: 'People',
      audience: { type: 'identified' },
      steps: [{ name: 'main', html: '<h2>Hello {{customer.first_name}}</h2>' }],
    });
    // Ada is known to the server (her traits personalise the message).
    await h
      .server()
      .track(w.ws.writeKey, '/v1/identify', { userId: 'ada', traits: { first_name: 'Ada' } });
    const page = await h.newPage();
    await page.goto(h.hostPage('/who', w));
    await h.frameOf(page, anonymous);
    await page.evaluate(() => window.herald.identify('ada', { first_name: 'Ada' }));
    const { frame } = await h.frameOf(page, known);
    await expect.poll(() => frame.textContent('h2')).toBe('Hello Ada');
    expect((await h.frames(page)).map((f) => f.messageId)).toEqual([known]);
    await page.evaluate(() => window.herald.reset());
    await h.frameOf(page, anonymous);
    await expect
      .poll(async () => (await h.frames(page)).map((f) => f.messageId))
      .toEqual([anonymous]);
    await h.context.close();
  });

  it('an inline message waits for its element; one that never appears is an error', async () => {
    const w = await h.workspace();
    const late = await w.launch({
      name: 'Late',
      display: { type: 'inline', selector: '#late' },
      steps: [{ name: 'main', html: '<h2>Late</h2>' }],
    });
    const never = await w.launch({
      name: 'Never',
      display: { type: 'inline', selector: '#never' },
      steps: [{ name: 'main', html: '<h2>Never</h2>' }],
    });
    const page = await h.newPage();
    await page.goto(h.hostPage('/late', w, { settings: 'selectorTimeout: 1500,' }));
    const errors = await h.waitForEvent(page, 'in-app:message-error', 2);
    expect(errors.map((error) => error.detail)).toContainEqual(
      expect.objectContaining({ messageId: never, error: 'selector #never never appeared' }),
    );
    // The next page() tries again; this time the element turns up while the SDK waits for it.
    await page.evaluate(() => {
      window.herald.page();
      setTimeout(() => {
        const element = document.createElement('section');
        element.id = 'late';
        document.body.appendChild(element);
      }, 300);
    });
    const { element } = await h.frameOf(page, late);
    expect(
      await element.evaluate(
        (iframe) => (iframe.getRootNode() as ShadowRoot).host.parentElement?.id,
      ),
    ).toBe('late');
    await h.context.close();
  });
});
