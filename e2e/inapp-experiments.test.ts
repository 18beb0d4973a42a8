import { assignVariant, type Experiment, HOLDOUT } from '@herald/protocol';
import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { type InAppWorkspace, useInAppHarness, WAIT } from './support/inapp-harness.js';

// Experiments and languages as visitors meet them: each browser gets its own language, a
// visitor in the holdout sees nothing while the server counts their exposure, and the figures
// come out per variant.

const EXPERIMENT: Experiment = {
  holdoutPercent: 30,
  variants: [
    { key: 'A', name: 'Plain', weight: 1, steps: [{ name: 'main', html: '<h2>Plain</h2>' }] },
    { key: 'B', name: 'Bold', weight: 1, steps: [{ name: 'main', html: '<h2>Bold</h2>' }] },
  ],
};

describeInChromium('experiments and languages in the browser', (browser) => {
  const h = useInAppHarness(browser);

  /** A page of a browser whose language is `locale`, as the visitor `anonymousId` if given. */
  const visit = async (w: InAppWorkspace, path: string, locale: string, anonymousId?: string) => {
    const context = await browser().newContext({ locale });
    if (anonymousId) {
      // The SDK's cookie copy of the anonymous ID restores it (core/identity.ts); an init
      // script would also run in the sandboxed message frames, which have no storage.
      await context.addCookies([
        { name: 'herald_anonymous_id', value: anonymousId, url: h.site.url },
      ]);
    }
    const page = await h.newPage(context);
    await page.goto(h.hostPage(path, w));
    return { context, page };
  };

  it('two browsers in two languages each see theirs; setLocale() switches without a reload', async () => {
    const w = await h.workspace();
    const id = await w.launch({
      name: 'Welcome',
      steps: [
        {
          name: 'main',
          html: '<h2>Welcome</h2>',
          locales: { de: { html: '<h2>Willkommen</h2>' }, 'pt-BR': { html: '<h2>Bem-vindo</h2>' } },
        },
      ],
    });
    const german = await visit(w, '/de', 'de-DE');
    const brazilian = await visit(w, '/pt', 'pt-BR');
    const french = await visit(w, '/fr', 'fr-FR');
    const heading = async (page: typeof german.page) =>
      (await h.frameOf(page, id)).frame.textContent('h2');
    await expect.poll(() => heading(german.page), WAIT).toBe('Willkommen');
    await expect.poll(() => heading(brazilian.page), WAIT).toBe('Bem-vindo');
    await expect.poll(() => heading(french.page), WAIT).toBe('Welcome');

    await german.page.evaluate(() => window.herald.setLocale('pt-BR'));
    await expect.poll(() => heading(german.page), WAIT).toBe('Bem-vindo');
    for (const { context } of [german, brazilian, french]) await context.close();

    // The views count per language and together; a person's exposure is in their first one.
    await expect.poll(async () => (await w.client.metrics(id)).views, WAIT).toBe(4);
    const { locales } = await w.client.metrics(id);
    expect(locales).toMatchObject({
      de: { exposed: 1, views: 1 },
      'pt-BR': { exposed: 1, views: 2 },
      default: { exposed: 1, views: 1 },
    });
  });

  it('a visitor in the holdout sees nothing, and counts as exposed; a variant shows its own', async () => {
    const w = await h.workspace();
    const id = await w.launch({ name: 'Offer', experiment: EXPERIMENT });
    const find = (wanted: string) => {
      for (let i = 0; ; i++) {
        const anonymousId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        if (assignVariant(EXPERIMENT, id, `a:${anonymousId}`) === wanted) return anonymousId;
      }
    };
    const bold = await visit(w, '/offer', 'en-US', find('B'));
    await expect
      .poll(async () => (await h.frameOf(bold.page, id)).frame.textContent('h2'), WAIT)
      .toBe('Bold');

    const held = await visit(w, '/offer', 'en-US', find(HOLDOUT));
    await expect
      .poll(async () => (await w.client.metrics(id)).experiment.holdout.exposed, WAIT)
      .toBe(1);
    expect(await h.frames(held.page)).toEqual([]);
    // Reloading does not report the exposure again, nor show anything.
    await held.page.reload();
    await held.page.waitForFunction(() => window.herald && !Array.isArray(window.herald));
    const figures = (await w.client.metrics(id)).experiment;
    expect(figures.holdout).toMatchObject({ exposed: 1, views: 0 });
    expect(
      figures.variants.map((v: { key: string; exposed: number }) => [v.key, v.exposed]),
    ).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
    expect(await h.frames(held.page)).toEqual([]);
    for (const { context } of [bold, held]) await context.close();
  });
});
