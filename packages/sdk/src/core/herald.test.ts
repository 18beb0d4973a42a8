// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VERSION } from './context.js';
import { createHerald } from './herald.js';
import type { Herald, HeraldEvent } from './types.js';

// `fetch` is the boundary: it is stubbed to record what would reach the server.

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let sent: { url: string; writeKey: string; batch: HeraldEvent[] }[];
let warnings: unknown[][];

const open = (): Herald => createHerald('wk', { host: 'https://herald.test/', flushAt: 1 });
const settle = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};
/** Everything sent so far, in order. */
const events = async () => {
  await settle();
  return sent.flatMap((request) => request.batch);
};
const last = async () => (await events()).at(-1)!;

beforeEach(() => {
  sent = [];
  warnings = [];
  history.replaceState(
    null,
    '',
    'http://localhost:3000/pricing?utm_source=news&utm_campaign=spring&x=1#plans',
  );
  document.title = 'Pricing';
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({
      url,
      ...(JSON.parse(init.body as string) as { writeKey: string; batch: HeraldEvent[] }),
    });
    return new Response('{"success":true}');
  });
  vi.spyOn(console, 'warn').mockImplementation((...args) => void warnings.push(args));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
  for (const pair of document.cookie.split('; ')) {
    if (pair) document.cookie = `${pair.split('=')[0]}=; path=/; max-age=0`;
  }
});

describe('events', () => {
  it('track sends the event with a messageId, identity and the usual context', async () => {
    const herald = open();
    herald.track('Plan Upgraded', { plan: 'pro' });
    const event = await last();
    expect(sent[0]!.url).toBe('https://herald.test/v1/batch');
    expect(sent[0]!.writeKey).toBe('wk');
    expect(event).toMatchObject({
      type: 'track',
      event: 'Plan Upgraded',
      properties: { plan: 'pro' },
      anonymousId: herald.user().anonymousId,
    });
    expect(event.messageId).toMatch(UUID_V4);
    expect(event.userId).toBeUndefined();
    expect(Math.abs(Date.parse(event.timestamp) - Date.now())).toBeLessThan(60_000);
    expect(event.context).toEqual({
      library: { name: 'herald.js', version: VERSION },
      locale: navigator.language,
      userAgent: navigator.userAgent,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      page: {
        path: '/pricing',
        referrer: document.referrer,
        search: '?utm_source=news&utm_campaign=spring&x=1',
        title: 'Pricing',
        url: 'http://localhost:3000/pricing?utm_source=news&utm_campaign=spring&x=1',
      },
      campaign: { source: 'news', name: 'spring' },
    });
  });

  it('page records url, path, referrer, title and search, and the name when given', async () => {
    const herald = open();
    herald.page();
    expect((await last()).properties).toEqual({
      path: '/pricing',
      referrer: document.referrer,
      search: '?utm_source=news&utm_campaign=spring&x=1',
      title: 'Pricing',
      url: 'http://localhost:3000/pricing?utm_source=news&utm_campaign=spring&x=1',
    });

    herald.page('Pricing', { plan: 'pro' });
    expect(await last()).toMatchObject({
      type: 'page',
      name: 'Pricing',
      properties: { name: 'Pricing', plan: 'pro', path: '/pricing' },
    });

    herald.page('Docs', 'Install');
    expect(await last()).toMatchObject({
      name: 'Install',
      category: 'Docs',
      properties: { category: 'Docs', name: 'Install' },
    });

    herald.page({ section: 'top' });
    const event = await last();
    expect(event.name).toBeUndefined();
    expect(event.properties).toMatchObject({ section: 'top', title: 'Pricing' });
  });

  it('identify sets the user on later events; traits merge; identify(traits) keeps the user', async () => {
    const herald = open();
    herald.identify('u1', { email: 'ada@example.com' });
    expect(await last()).toMatchObject({
      type: 'identify',
      userId: 'u1',
      traits: { email: 'ada@example.com' },
    });
    herald.identify({ plan: 'pro' });
    expect(await last()).toMatchObject({
      userId: 'u1',
      traits: { email: 'ada@example.com', plan: 'pro' },
    });
    herald.track('Clicked');
    expect(await last()).toMatchObject({ userId: 'u1', anonymousId: herald.user().anonymousId });
    herald.identify(42);
    expect((await last()).userId).toBe('42');
  });

  it('reset forgets the user and starts a new anonymous ID', async () => {
    const herald = open();
    herald.identify('u1');
    const before = herald.user().anonymousId;
    herald.reset();
    herald.track('After');
    const event = await last();
    expect(event.userId).toBeUndefined();
    expect(event.anonymousId).not.toBe(before);
    expect(herald.user()).toEqual({ anonymousId: event.anonymousId, userId: null, traits: {} });
  });

  it('alias links the previous ID; group, screen and setAnonymousId work', async () => {
    const herald = open();
    const anonymousId = herald.setAnonymousId('anon-1');
    expect(anonymousId).toBe('anon-1');
    herald.alias('u1');
    expect(await last()).toMatchObject({ type: 'alias', userId: 'u1', previousId: 'anon-1' });
    herald.identify('u1');
    herald.alias('u2');
    expect(await last()).toMatchObject({ previousId: 'u1', userId: 'u2' });
    herald.group('acme', { name: 'Acme' });
    expect(await last()).toMatchObject({
      type: 'group',
      groupId: 'acme',
      traits: { name: 'Acme' },
    });
    herald.group({ size: 5 });
    expect(await last()).toMatchObject({ groupId: 'acme', traits: { name: 'Acme', size: 5 } });
    herald.screen('Checkout', { step: 2 });
    expect(await last()).toMatchObject({
      type: 'screen',
      name: 'Checkout',
      properties: { step: 2 },
    });
  });

  it('per-call options set the timestamp and extend the context', async () => {
    open().track(
      'Old',
      {},
      {
        timestamp: '2024-01-02T03:04:05.000Z',
        context: { ip: '1.2.3.4' },
        integrations: { All: true },
      },
    );
    const event = await last();
    expect(event.timestamp).toBe('2024-01-02T03:04:05.000Z');
    expect(event.context).toMatchObject({ ip: '1.2.3.4', library: { name: 'herald.js' } });
    expect(event.integrations).toEqual({ All: true });
  });

  it('copies what it is given: later changes by the page do not leak into queued events', async () => {
    const properties = { n: 1 };
    open().track('Copied', properties);
    properties.n = 2;
    expect((await last()).properties).toEqual({ n: 1 });
  });
});

describe('listeners and readiness', () => {
  it('on() hears each call with its event, off() stops it', async () => {
    const herald = open();
    const heard: string[] = [];
    const listener = (event: HeraldEvent) => heard.push(event.event!);
    herald.on('track', listener);
    herald.on('reset', () => heard.push('reset'));
    herald.track('One');
    herald.reset();
    herald.off('track', listener);
    herald.track('Two');
    expect(heard).toEqual(['One', 'reset']);
  });

  it('ready() runs its callback and resolves', async () => {
    const callback = vi.fn();
    await open().ready(callback);
    await settle();
    expect(callback).toHaveBeenCalledOnce();
  });
});

describe('session', () => {
  const stored = () => (localStorage.getItem('herald_session') ?? '').split(' ').map(Number);

  it('starts when Herald loads, is renewed by every call, and a reload joins it', async () => {
    const herald = open();
    const [startedAt, loadedAt] = stored();
    expect(Math.abs(startedAt! - Date.now())).toBeLessThan(60_000);
    expect(loadedAt).toBe(startedAt);
    // Idle for 20 minutes: still the same session at the next call, now renewed.
    localStorage.setItem(
      'herald_session',
      `${startedAt! - 20 * 60_000} ${startedAt! - 20 * 60_000}`,
    );
    herald.track('Back');
    expect(stored()[0]).toBe(startedAt! - 20 * 60_000);
    expect(stored()[1]).toBeGreaterThanOrEqual(startedAt!);
    open();
    expect(stored()[0]).toBe(startedAt! - 20 * 60_000);
  });

  it('opting out wipes it and nothing starts one again until optIn', () => {
    const herald = open();
    herald.optOut();
    expect(localStorage.getItem('herald_session')).toBeNull();
    herald.page();
    open();
    expect(localStorage.getItem('herald_session')).toBeNull();
    herald.optIn();
    herald.page();
    expect(localStorage.getItem('herald_session')).not.toBeNull();
  });
});

describe('opting out', () => {
  it('stores and sends nothing while opted out, then resumes after optIn', async () => {
    const herald = open();
    herald.identify('u1');
    await settle();
    const count = sent.length;
    herald.optOut();
    herald.track('Hidden');
    herald.page();
    herald.identify('u2', { a: 1 });
    expect(await events()).toHaveLength(count);
    expect(Object.keys(localStorage)).toEqual(['herald_opt_out']);
    expect(herald.user().anonymousId).toBeNull();

    // A reload keeps the choice.
    open().track('Still hidden');
    expect(await events()).toHaveLength(count);

    herald.optIn();
    herald.track('Visible');
    const visible = await last();
    expect(visible.event).toBe('Visible');
    expect(visible.userId).toBeUndefined();
  });
});

describe('never throws into the page', () => {
  it('reports bad input on the console and carries on', async () => {
    const herald = open();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const calls: (() => unknown)[] = [
      () => herald.track('Circular', circular),
      () => herald.track(undefined as unknown as string),
      () => herald.track('Bad date', {}, { timestamp: 'not a date' }),
      () => herald.track('Huge', { text: 'x'.repeat(40_000) }),
      () => herald.alias(undefined as unknown as string),
      () => herald.group(undefined as unknown as string),
      () => herald.page(null, null as unknown as undefined, null as unknown as undefined),
      () =>
        herald.on('track', () => {
          throw new Error('listener bug');
        }),
      () => herald.track('After a throwing listener'),
      () =>
        herald.ready(() => {
          throw new Error('callback bug');
        }),
    ];
    for (const call of calls) expect(call).not.toThrow();
    await settle();
    const names = (await events()).map((event) => event.event ?? event.type);
    expect(names).toEqual(['page', 'After a throwing listener']);
    expect(warnings.length).toBeGreaterThanOrEqual(7);
  });

  it('works when localStorage and cookies throw', async () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    try {
      const herald = open();
      herald.identify('u1');
      herald.track('Works');
      const event = await last();
      expect(event).toMatchObject({ event: 'Works', userId: 'u1' });
      expect(event.anonymousId).toMatch(UUID_V4);
    } finally {
      delete (document as { cookie?: string }).cookie;
    }
  });
});

describe('setLocale', () => {
  it('answers the browser’s language, a locale trait, or what was set, in that order of weakness', async () => {
    const herald = open();
    expect(herald.setLocale()).toBe(navigator.language);
    herald.identify('ada', { locale: 'de-AT' });
    expect(herald.setLocale()).toBe('de-AT');
    expect(herald.setLocale('pt-BR')).toBe('pt-BR');
    herald.track('Localised');
    expect((await last()).context.locale).toBe('pt-BR');
    // Kept across pages: a new instance reads it back.
    expect(open().setLocale()).toBe('pt-BR');
    expect(herald.setLocale(null)).toBe('de-AT');
  });

  it('ignores what is not a language tag, and tells listeners of a change once', () => {
    const herald = open();
    const changes: unknown[] = [];
    herald.on('locale', () => changes.push(1));
    expect(herald.setLocale('not a tag!')).toBe(navigator.language);
    herald.setLocale('fr');
    herald.setLocale('fr');
    expect(changes).toHaveLength(1);
  });
});
