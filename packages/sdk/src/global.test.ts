// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Herald, HeraldEvent } from './core/types.js';
import { install } from './global.js';
import { METHODS, snippet } from './snippet/snippet.js';

// The snippet and the global that herald.js installs, in happy-dom; `fetch` (the network) is
// stubbed to record what would reach the server. The same flows run in Chromium in e2e/.

type Stub = unknown[][] & Record<string, unknown>;
let sent: { url: string; writeKey: string; batch: HeraldEvent[] }[];
let errors: unknown[][];
const globals = window as unknown as Record<string, unknown>;

const settle = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};
/** The script element herald.js would run as. */
const script = (attributes: Record<string, string>) => {
  const element = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
};
const sentEvents = async (herald: Herald) => {
  await herald.flush();
  await settle();
  return sent.flatMap((request) => request.batch);
};

// happy-dom does not run external scripts; let it say so quietly (herald.js is `install` here).
const happyDom = (
  window as unknown as { happyDOM?: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }
).happyDOM;
if (happyDom) happyDom.settings.handleDisabledFileLoadingAsSuccess = true;

beforeEach(() => {
  sent = [];
  errors = [];
  history.replaceState(null, '', '/first');
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({
      url,
      ...(JSON.parse(init.body as string) as { writeKey: string; batch: HeraldEvent[] }),
    });
    return new Response('{"success":true}');
  });
  vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
  document.head.innerHTML = '';
});

describe('snippet', () => {
  it('puts a stub on the global that records calls with the page they were made on', () => {
    snippet(window, document, 'snip1', 'https://herald.test');
    const stub = globals.snip1 as Stub;
    for (const method of METHODS) expect(typeof stub[method]).toBe('function');
    document.title = 'First';
    expect((stub.track as (...args: unknown[]) => unknown)('Clicked', { a: 1 })).toBe(stub);
    expect(stub[0]).toEqual([
      'track',
      'Clicked',
      { a: 1 },
      {
        __t: 'hpc',
        u: 'http://localhost:3000/first',
        r: document.referrer,
        t: 'First',
        d: expect.any(Number),
      },
    ]);
  });

  it('load() adds herald.js from the Herald server and remembers its arguments', () => {
    snippet(window, document, 'snip2', 'https://herald.test');
    const stub = globals.snip2 as Stub;
    (stub.load as (key: string, options?: object) => void)('wk', { flushAt: 5 });
    const added = document.head.querySelector('script')!;
    expect(added.src).toBe('https://herald.test/sdk/herald.js');
    expect(added.async).toBe(true);
    expect(added.getAttribute('data-global')).toBe('snip2');
    expect(stub._writeKey).toBe('wk');
    expect(stub._loadOptions).toEqual({ flushAt: 5 });

    snippet(window, document, 'snip3', 'https://herald.test');
    ((globals.snip3 as Stub).load as (key: string, options?: object) => void)('wk', {
      host: 'https://other.test/herald',
    });
    expect(document.head.querySelectorAll('script')[1]!.src).toBe(
      'https://other.test/herald/sdk/herald.js',
    );
  });

  it('runs its setup calls; a second copy logs an error and does nothing, setup included', () => {
    const firstSetup = vi.fn();
    const secondSetup = vi.fn();
    snippet(window, document, 'snip4', 'https://herald.test', firstSetup);
    const stub = globals.snip4 as Stub;
    const track = stub.track;
    snippet(window, document, 'snip4', 'https://elsewhere.test', secondSetup);
    expect(errors).toEqual([['Herald snippet included twice.']]);
    expect(firstSetup).toHaveBeenCalledOnce();
    expect(secondSetup).not.toHaveBeenCalled();
    expect(globals.snip4).toBe(stub);
    expect(stub.track).toBe(track);
  });
});

describe('herald.js on the global', () => {
  it('takes over from the snippet and replays its calls in order, each with its own page', async () => {
    snippet(window, document, 'g1', 'https://herald.test');
    const stub = globals.g1 as Stub;
    document.title = 'First';
    (stub.track as (...args: unknown[]) => void)('Before', { a: 1 });
    history.replaceState(null, '', '/second');
    document.title = 'Second';
    (stub.page as () => void)();
    (stub.load as (key: string) => void)('wk');

    install(script({ src: 'https://herald.test/sdk/herald.js', 'data-global': 'g1' }));
    const herald = globals.g1 as Herald;
    expect(Array.isArray(herald)).toBe(false);
    const events = await sentEvents(herald);
    expect(sent[0]!.url).toBe('https://herald.test/v1/batch');
    expect(sent[0]!.writeKey).toBe('wk');
    expect(events.map((event) => event.type)).toEqual(['track', 'page']);
    expect(events[0]!.context.page).toMatchObject({ path: '/first', title: 'First' });
    expect(events[1]!.properties).toMatchObject({ path: '/second', title: 'Second' });
    expect(Date.parse(events[0]!.timestamp)).toBeLessThanOrEqual(Date.parse(events[1]!.timestamp));
  });

  it('with data-write-key alone, loads with defaults and records the page', async () => {
    install(
      script({
        src: 'https://herald.test/base/sdk/herald.js',
        'data-write-key': 'wk2',
        'data-global': 'g2',
      }),
    );
    const events = await sentEvents(globals.g2 as Herald);
    expect(sent[0]!.url).toBe('https://herald.test/base/v1/batch');
    expect(sent[0]!.writeKey).toBe('wk2');
    expect(events.map((event) => event.type)).toEqual(['page']);
  });

  it('without the snippet, buffers calls until herald.load(writeKey, options)', async () => {
    install(script({ src: 'https://herald.test/sdk/herald.js', 'data-global': 'g3' }));
    const herald = globals.g3 as Herald & { load(key: string, options?: object): void };
    herald.identify('u1');
    history.replaceState(null, '', '/later');
    herald.track('Buffered');
    expect(sent).toEqual([]);
    herald.load('wk3', { host: 'https://custom.test' });
    herald.track('Direct');
    const events = await sentEvents(herald);
    expect(sent[0]!.url).toBe('https://custom.test/v1/batch');
    expect(events.map((event) => event.type)).toEqual(['identify', 'track', 'track']);
    expect(events[0]!.context.page).toMatchObject({ path: '/first' });
    expect(events[1]).toMatchObject({ event: 'Buffered', userId: 'u1' });
    expect(herald.user().userId).toBe('u1');
  });

  it('a second herald.js or load() logs and does nothing', () => {
    install(
      script({
        src: 'https://herald.test/sdk/herald.js',
        'data-global': 'g4',
        'data-write-key': 'wk',
      }),
    );
    const herald = globals.g4;
    install(
      script({
        src: 'https://herald.test/sdk/herald.js',
        'data-global': 'g4',
        'data-write-key': 'wk',
      }),
    );
    expect(globals.g4).toBe(herald);
    expect(errors).toHaveLength(1);
    snippet(window, document, 'g4', 'https://herald.test');
    expect(errors).toHaveLength(2);
    expect(() => (herald as { load(key: string): void }).load('other')).not.toThrow();
  });

  it('defaults to window.herald', () => {
    install(script({ src: 'https://herald.test/sdk/herald.js' }));
    expect(typeof (globals.herald as Herald).track).toBe('function');
    delete globals.herald;
  });
});
