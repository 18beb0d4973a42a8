// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInternal, type HeraldInternal } from '../core/herald.js';
import type { HeraldEvent } from '../core/types.js';

// The Segment / Customer.io methods as a moved-over site calls them. `fetch` is the boundary:
// it records what would reach the server (the real server is driven in e2e/compat-snippets).

let sent: HeraldEvent[];
let warnings: string[];
const open = (): HeraldInternal =>
  createInternal('wk', { host: 'https://herald.test', flushAt: 1 });
const settle = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

beforeEach(() => {
  sent = [];
  warnings = [];
  document.body.innerHTML = '';
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push(...(JSON.parse(init.body as string) as { batch: HeraldEvent[] }).batch);
    return new Response('{"success":true}');
  });
  vi.spyOn(console, 'warn').mockImplementation((message) => void warnings.push(String(message)));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
});

describe('middlewares', () => {
  it('source then Herald-bound destination middlewares run in order and may change the event', async () => {
    const herald = open();
    const order: string[] = [];
    herald.addDestinationMiddleware(
      'Segment.io',
      ({ payload, next }: { payload: unknown; next: (p: unknown) => void }) => {
        order.push('destination');
        next(payload);
      },
    );
    herald.addSourceMiddleware(
      ({ payload, next }: { payload: { obj: HeraldEvent }; next: (p: unknown) => void }) => {
        order.push('source 1');
        delete payload.obj.properties!.email;
        next(payload);
      },
    );
    herald.addSourceMiddleware(
      ({ payload, next }: { payload: { obj: HeraldEvent }; next: (p: unknown) => void }) => {
        order.push('source 2');
        payload.obj.properties!.seen = true;
        setTimeout(() => next(payload), 5);
      },
    );
    herald.track('Signed Up', { email: 'ada@example.com', plan: 'pro' });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(order).toEqual(['source 1', 'source 2', 'destination']);
    expect(sent[0]).toMatchObject({ event: 'Signed Up', properties: { plan: 'pro', seen: true } });
    expect(sent[0]!.properties).not.toHaveProperty('email');
  });

  it('next(null) drops an event; a throwing middleware drops it with a warning', async () => {
    const herald = open();
    herald.addSourceMiddleware(
      ({ payload, next }: { payload: { obj: HeraldEvent }; next: (p: unknown) => void }) => {
        if (payload.obj.event === 'Internal') return next(null);
        if (payload.obj.event === 'Broken') throw new Error('bug');
        next(payload);
      },
    );
    herald.track('Internal');
    herald.track('Broken');
    herald.track('Kept');
    await settle();
    await vi.waitFor(() => expect(sent.map((event) => event.event)).toEqual(['Kept']));
    expect(warnings.some((w) => w.includes('a middleware threw; track dropped'))).toBe(true);
  });

  it('middlewares of other destinations are accepted, do nothing and say so once', async () => {
    const herald = open();
    const other = vi.fn();
    herald.addDestinationMiddleware('Amplitude', other);
    herald.addDestinationMiddleware('Amplitude', other);
    herald.track('Kept');
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(other).not.toHaveBeenCalled();
    expect(warnings.filter((w) => w.includes('"Amplitude"'))).toHaveLength(1);
  });
});

describe('trackLink and trackForm', () => {
  it('a tracked link records its event, then navigates', async () => {
    const herald = open();
    document.body.innerHTML =
      '<a id="a" href="#pricing">Pricing</a><a id="b" href="#docs" target="_blank">Docs</a>';
    herald.trackLink(document.querySelectorAll('a') as never, (el: Element) => `Clicked ${el.id}`, {
      where: 'nav',
    } as never);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    document.getElementById('a')!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(location.hash).toBe('#pricing'));
    // A new-tab link is left to the browser: nothing before this listener prevented it.
    let newTabPrevented: boolean | undefined;
    document.addEventListener('click', (event) => {
      newTabPrevented = event.defaultPrevented;
      event.preventDefault();
    });
    document
      .getElementById('b')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(newTabPrevented).toBe(false);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent.map((event) => [event.event, event.properties])).toEqual([
      ['Clicked a', { where: 'nav' }],
      ['Clicked b', { where: 'nav' }],
    ]);
  });

  it('a tracked form records its event, then submits; trackSubmit is the same', async () => {
    const herald = open();
    document.body.innerHTML = '<form id="f" action="#sent"><input name="email"></form>';
    const form = document.getElementById('f') as HTMLFormElement;
    const submitted = vi.spyOn(form, 'submit').mockImplementation(() => undefined);
    herald.trackSubmit(
      form as never,
      'Newsletter' as never,
      ((el: Element) => ({ form: el.id })) as never,
    );
    const submit = new Event('submit', { cancelable: true });
    form.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledOnce());
    expect(sent[0]).toMatchObject({ event: 'Newsletter', properties: { form: 'f' } });
  });
});

describe('the other methods of the snippets', () => {
  it('pageview(url) records a page with that path; once() listens once', async () => {
    const herald = open();
    const heard: string[] = [];
    herald.once('page', ((event: HeraldEvent) =>
      heard.push(String(event.properties!.path))) as never);
    herald.pageview('/legacy' as never);
    herald.pageview('/again' as never);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[0]).toMatchObject({ type: 'page', properties: { path: '/legacy' } });
    expect(heard).toEqual(['/legacy']);
  });

  it('debug() traces calls; register() and unknown replayed methods are accepted with one warning', async () => {
    const herald = open();
    const traced = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    herald.debug();
    herald.track('Traced');
    herald.debug(false as never);
    herald.track('Quiet');
    expect(traced).toHaveBeenCalledTimes(1);
    await herald.register();
    herald.replay(['trackSomethingNew', 1]);
    herald.replay(['trackSomethingNew', 2]);
    expect(warnings.filter((w) => w.includes('trackSomethingNew'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('register()'))).toHaveLength(1);
  });
});
