// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueue, type Queue, type QueuedEvent, type QueueOptions } from './queue.js';
import { localStore } from './storage.js';

// The network is the boundary: `fetch` and `sendBeacon` are stubbed, the queue's storage is the
// page's real localStorage, and time is vitest's fake clock (no test waits on real time).

type Reply = number | 'network' | { status: number; headers: Record<string, string> };
interface Sent {
  url: string;
  init: RequestInit;
  writeKey: string;
  sentAt: string;
  ids: string[];
}

let replies: Reply[];
let sent: Sent[];
let beacons: { url: string; ids: string[] }[];
let beaconAccepts: boolean;
let queues: Queue[];

const URL = 'https://herald.test/v1/batch';
const event = (n: number, extra: Record<string, unknown> = {}): QueuedEvent => ({
  messageId: `m${n}`,
  type: 'track',
  event: `Event ${n}`,
  anonymousId: 'anon',
  ...extra,
});
const open = (options: Partial<QueueOptions> = {}) => {
  const queue = createQueue({
    writeKey: 'wk',
    url: URL,
    flushAt: 3,
    flushInterval: 1000,
    store: localStore(),
    ...options,
  });
  queues.push(queue);
  return queue;
};
/** Lets pending promise callbacks (the stubbed fetch and what follows it) run. */
const settle = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};
const sentIds = () => sent.flatMap((request) => request.ids);
const stored = () =>
  Object.keys(localStorage)
    .filter((key) => key.startsWith('herald_queue:wk:'))
    .flatMap((key) =>
      (JSON.parse(localStorage.getItem(key)!) as { e: QueuedEvent[] }).e.map((e) => e.messageId),
    );
const setOnline = (online: boolean) =>
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });

beforeEach(() => {
  vi.useFakeTimers();
  replies = [];
  sent = [];
  beacons = [];
  beaconAccepts = true;
  queues = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as {
      writeKey: string;
      sentAt: string;
      batch: QueuedEvent[];
    };
    sent.push({
      url,
      init,
      writeKey: body.writeKey,
      sentAt: body.sentAt,
      ids: body.batch.map((e) => e.messageId),
    });
    const reply = replies.shift() ?? 200;
    if (reply === 'network') throw new TypeError('Failed to fetch');
    const { status, headers } = typeof reply === 'number' ? { status: reply, headers: {} } : reply;
    return new Response('{}', { status, headers });
  });
  Object.defineProperty(navigator, 'sendBeacon', {
    configurable: true,
    value: (url: string, body: string) => {
      if (!beaconAccepts) return false;
      beacons.push({
        url,
        ids: (JSON.parse(body) as { batch: QueuedEvent[] }).batch.map((e) => e.messageId),
      });
      return true;
    },
  });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  for (const queue of queues) queue.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  delete (navigator as { sendBeacon?: unknown }).sendBeacon;
  delete (navigator as { onLine?: unknown }).onLine;
  localStorage.clear();
});

describe('queue: sending', () => {
  it('sends a batch as soon as flushAt events wait, as text/plain without credentials', async () => {
    const queue = open();
    queue.push(event(1));
    queue.push(event(2));
    await settle();
    expect(sent).toEqual([]);
    queue.push(event(3));
    await settle();
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request!.url).toBe(URL);
    expect(request!.writeKey).toBe('wk');
    expect(request!.ids).toEqual(['m1', 'm2', 'm3']);
    expect(Date.parse(request!.sentAt)).toBe(Date.now());
    // A string body without headers is sent as text/plain: no CORS preflight.
    expect(typeof request!.init.body).toBe('string');
    expect(request!.init.headers).toBeUndefined();
    expect(request!.init.credentials).toBe('omit');
    expect(queue.size()).toBe(0);
  });

  it('sends fewer events flushInterval after the first one', async () => {
    open().push(event(1));
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(sentIds()).toEqual(['m1']);
  });

  it('keeps events in localStorage until the server has them', async () => {
    replies = ['network'];
    const queue = open({ flushAt: 1 });
    queue.push(event(1));
    await settle();
    expect(sent).toHaveLength(1);
    expect(stored()).toEqual(['m1']);
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(sent).toHaveLength(2);
    expect(stored()).toEqual([]);
  });

  it('splits a large queue into batches under the server limits', async () => {
    const queue = open({ flushAt: 1000 });
    const big = 'x'.repeat(20_000);
    for (let n = 1; n <= 30; n++) queue.push(event(n, { properties: { big } }));
    await queue.flush();
    await settle();
    expect(sentIds()).toHaveLength(30);
    expect(sent.length).toBeGreaterThan(1);
    for (const request of sent)
      expect((request.init.body as string).length).toBeLessThan(500 * 1024);
  });
});

describe('queue: failures', () => {
  it('retries network errors, 408, 429 and 5xx with exponential backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1); // the top of the jitter range
    replies = ['network', 500, 408, 429, 503];
    open({ flushAt: 1 }).push(event(1));
    await settle();
    for (const delay of [1000, 2000, 4000, 8000, 16_000]) {
      const before = sent.length;
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(sent.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      await settle();
      expect(sent.length).toBe(before + 1);
    }
    expect(sentIds()).toEqual(['m1', 'm1', 'm1', 'm1', 'm1', 'm1']);
  });

  it('jitters the backoff down to half', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    replies = [500];
    open({ flushAt: 1 }).push(event(1));
    await settle();
    await vi.advanceTimersByTimeAsync(499);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(sent).toHaveLength(2);
  });

  it('waits as long as Retry-After says', async () => {
    replies = [{ status: 429, headers: { 'Retry-After': '7' } }];
    open({ flushAt: 1 }).push(event(1));
    await settle();
    await vi.advanceTimersByTimeAsync(6999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(sent).toHaveLength(2);
  });

  it('drops a batch the server refuses for good (4xx other than 408 and 429)', async () => {
    replies = [401];
    const queue = open({ flushAt: 2 });
    queue.push(event(1));
    queue.push(event(2));
    await settle();
    expect(queue.size()).toBe(0);
    queue.push(event(3));
    queue.push(event(4));
    await settle();
    expect(sentIds()).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('splits a batch refused with 400 until only the bad event is dropped', async () => {
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      const batch = (JSON.parse(init.body as string) as { batch: QueuedEvent[] }).batch;
      const ids = batch.map((e) => e.messageId);
      sent.push({ url: URL, init, writeKey: 'wk', sentAt: '', ids });
      return new Response('{}', { status: ids.includes('m3') ? 400 : 200 });
    });
    const queue = open({ flushAt: 8 });
    for (let n = 1; n <= 8; n++) queue.push(event(n));
    await settle();
    const accepted = sent.filter((request) => !request.ids.includes('m3')).flatMap((r) => r.ids);
    expect(accepted.sort()).toEqual(['m1', 'm2', 'm4', 'm5', 'm6', 'm7', 'm8']);
    expect(sent.at(-2)!.ids).toEqual(['m3']);
    expect(queue.size()).toBe(0);
  });

  it('waits for the browser to be online', async () => {
    setOnline(false);
    const queue = open({ flushAt: 1 });
    queue.push(event(1));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toEqual([]);
    setOnline(true);
    dispatchEvent(new Event('online'));
    await settle();
    expect(sentIds()).toEqual(['m1']);
  });

  it('keeps at most 500 events, dropping the oldest', () => {
    setOnline(false);
    const queue = open({ flushAt: 10_000 });
    for (let n = 1; n <= 510; n++) queue.push(event(n));
    expect(queue.size()).toBe(500);
    expect(stored()[0]).toBe('m11');
  });
});

describe('queue: pages and tabs', () => {
  it('beacons what is queued on pagehide, in chunks under 64 KB', () => {
    setOnline(false);
    const queue = open({ flushAt: 100 });
    const big = 'x'.repeat(25_000);
    for (let n = 1; n <= 3; n++) queue.push(event(n, { properties: { big } }));
    dispatchEvent(new Event('pagehide'));
    expect(beacons.map((b) => b.ids)).toEqual([['m1', 'm2'], ['m3']]);
    expect(beacons[0]!.url).toBe(URL);
  });

  it('a reloaded page sends what the previous one could not, once', async () => {
    replies = ['network'];
    beaconAccepts = false;
    const before = open({ flushAt: 2 });
    before.push(event(1));
    before.push(event(2));
    await settle();
    dispatchEvent(new Event('pagehide'));
    before.stop();

    const after = open({ flushAt: 2 });
    await settle();
    expect(sent.at(-1)!.ids).toEqual(['m1', 'm2']);
    expect(stored()).toEqual([]);
    after.push(event(3));
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(sentIds().filter((id) => id !== 'm1' && id !== 'm2')).toEqual(['m3']);
  });

  it("a tab leaves a live tab's events alone and takes them once that tab has gone quiet", async () => {
    setOnline(false);
    const first = open();
    first.push(event(1));
    const second = open();
    second.push(event(2));
    setOnline(true);
    await second.flush();
    await settle();
    expect(sentIds()).toEqual(['m2']);

    // The first tab crashes: no pagehide, its heartbeat stops, and later the second takes over.
    first.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await settle();
    expect(sentIds()).toEqual(['m2', 'm1']);
    expect(stored()).toEqual([]);
  });

  it('events recorded after pagehide (unload handlers) are beaconed and left for the next page', () => {
    setOnline(false);
    const queue = open();
    dispatchEvent(new Event('pagehide'));
    queue.push(event(1));
    expect(beacons.map((b) => b.ids)).toEqual([['m1']]);
    const key = Object.keys(localStorage).find((k) => k.startsWith('herald_queue:wk:'))!;
    expect(JSON.parse(localStorage.getItem(key)!).t).toBe(0);
  });

  it('clear() forgets the queues of every tab', () => {
    setOnline(false);
    open().push(event(1));
    const second = open();
    second.push(event(2));
    second.clear();
    expect(stored()).toEqual([]);
  });
});
