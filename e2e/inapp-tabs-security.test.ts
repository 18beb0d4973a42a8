import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { useInAppHarness, WAIT } from './support/inapp-harness.js';

// Tabs of one browser share what is on screen and what was dismissed; frequency holds across
// reloads; the plugin works under a strict host CSP; a message's code can't touch the host page.

describeInChromium('in-app messages: tabs, frequency, CSP, sandbox', (browser) => {
  const h = useInAppHarness(browser);

  it('a message on screen in one tab waits in the others; a dismissal holds in every tab', async () => {
    const w = await h.workspace();
    const shared = await w.launch({
      name: 'Shared',
      pageRules: { include: [], exclude: [{ op: 'equals', value: 'Elsewhere' }] },
      steps: [
        { name: 'main', html: '<h2>Shared</h2><a id="close" href="herald://close">Close</a>' },
      ],
    });
    const marker = await w.launch({
      name: 'Only in B',
      pageRules: { include: [{ op: 'contains', value: '/tab-b' }], exclude: [] },
      display: { type: 'overlay', position: 'bottom-left' },
      steps: [{ name: 'main', html: '<h2>B</h2>' }],
    });
    const a = await h.newPage();
    await a.goto(h.hostPage('/tab-a', w));
    await h.frameOf(a, shared);
    const b = await h.newPage(h.context);
    await b.goto(h.hostPage('/tab-b', w));
    // B has shown what it may: the shared message is not among it while A shows it.
    await h.frameOf(b, marker);
    expect((await h.frames(b)).map((f) => f.messageId)).toEqual([marker]);

    // A moves on: B takes the message over.
    await a.evaluate(() => window.herald.page('Elsewhere'));
    const { frame } = await h.frameOf(b, shared);
    await expect.poll(async () => (await h.frames(a)).length).toBe(0);
    await frame.click('#close');
    await h.waitForEvent(b, 'in-app:message-dismissed');
    // Dismissed in B: A doesn't show it again, nor does a reload.
    await a.evaluate(() => window.herald.page());
    const answered = a.waitForResponse((r) => r.url().includes('/v1/in-app/messages'));
    await a.reload();
    await answered;
    await a.waitForFunction(() => window.herald && !Array.isArray(window.herald));
    expect((await h.frames(a)).map((f) => f.messageId)).not.toContain(shared);
    await expect
      .poll(
        async () =>
          (await h.server().admin('GET', `/workspaces/${w.ws.id}/messages/${shared}/metrics`)).body,
        WAIT,
      )
      .toMatchObject({ dismissals: 1 });
    await h.context.close();
  });

  it('maxViews holds across reloads and tabs', async () => {
    const w = await h.workspace();
    const once = await w.launch({
      name: 'Once',
      frequency: { maxViews: 1, cooldownSeconds: 0 },
      steps: [{ name: 'main', html: '<h2>Once</h2>' }],
    });
    const always = await w.launch({
      name: 'Always',
      display: { type: 'overlay', position: 'top-right' },
      steps: [{ name: 'main', html: '<h2>Always</h2>' }],
    });
    const page = await h.newPage();
    await page.goto(h.hostPage('/once', w));
    await h.frameOf(page, once);
    await h.waitForEvent(page, 'in-app:message-opened', 2);
    await page.reload();
    await h.frameOf(page, always);
    expect((await h.frames(page)).map((f) => f.messageId)).toEqual([always]);
    // Another tab: 'Always' is on screen in the first tab, so it waits until that tab closes;
    // 'Once' never comes back.
    const tab = await h.newPage(h.context);
    await page.close();
    await tab.goto(h.hostPage('/once', w));
    await h.frameOf(tab, always);
    expect((await h.frames(tab)).map((f) => f.messageId)).toEqual([always]);
    await h.context.close();
  });

  it('works on a host page with a strict Content-Security-Policy, with no unsafe-inline', async () => {
    const w = await h.workspace();
    const id = await w.launch({
      name: 'Strict',
      display: { type: 'modal', position: 'center' },
      steps: [
        {
          name: 'main',
          html: '<h2 style="color:#a0f">Strict</h2><script>document.body.append("ran")</script>',
        },
      ],
    });
    const herald = h.server().url;
    const policy = `default-src 'self'; script-src 'self' ${herald}; frame-src ${herald}; connect-src ${herald}`;
    h.site.page(
      '/csp.js',
      `window.__violations = [];
       document.addEventListener('securitypolicyviolation', function (e) {
         window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
       });
       ${h.setup(w)}`,
    );
    const url = h.site.page(
      '/csp',
      `<!doctype html><html><head><meta charset="utf-8"><title>Strict</title>
       <script src="${herald}/sdk/herald.js"></script><script src="/csp.js"></script></head>
       <body><h1>Strict</h1></body></html>`,
      { 'content-security-policy': policy },
    );
    const page = await h.newPage();
    await page.goto(url);
    const { frame, box } = await h.frameOf(page, id);
    await h.waitForEvent(page, 'in-app:message-opened');
    expect(box.width).toBeCloseTo(480, 0);
    // The message's own inline style and script ran inside the frame.
    await expect.poll(() => frame.textContent('body')).toContain('ran');
    expect(
      await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    ).toEqual([]);
    await page.screenshot({ path: 'test-results/inapp/csp.png' });
    await h.context.close();
  });

  it("a message's script can read neither the host page's DOM nor its cookies", async () => {
    const w = await h.workspace();
    const probe = `<h2>Probe</h2><script>
      var found = [];
      try { found.push('dom:' + parent.document.title); } catch (e) { found.push('dom:blocked'); }
      try { found.push('cookie:' + document.cookie); } catch (e) { found.push('cookie:blocked'); }
      try { found.push('top:' + top.location.href); } catch (e) { found.push('top:blocked'); }
      var a = document.createElement('a');
      a.href = 'herald://action/probe?value=' + encodeURIComponent(found.join(','));
      document.body.appendChild(a);
      a.click();
    </script>`;
    const id = await w.launch({ name: 'Probe', steps: [{ name: 'main', html: probe }] });
    const page = await h.newPage();
    await page.goto(h.hostPage('/probe', w));
    await page.evaluate(() => (document.cookie = 'secret=hunter2'));
    const [action] = await h.waitForEvent(page, 'in-app:message-action');
    expect(action!.detail).toMatchObject({ messageId: id, actionName: 'probe' });
    expect(action!.detail.actionValue).toBe('dom:blocked,cookie:blocked,top:blocked');
    await h.context.close();
  });
});
