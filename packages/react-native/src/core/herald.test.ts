import { createAnalytics, type Herald } from './herald';
import { SERVER_URL, until, workspace } from '../../test/server';
import { startProxy } from '../../test/proxy';

const clients: Herald[] = [];
const client = (writeKey: string, host = SERVER_URL) => {
  const herald = createAnalytics({ writeKey, host, flushInterval: 50 });
  clients.push(herald);
  return herald;
};
afterEach(() => {
  for (const herald of clients.splice(0)) herald.close();
});

describe('the analytics core against a real Herald server', () => {
  it('sends every call in order, with the app’s context, to the same visitor after a restart', async () => {
    const w = await workspace();
    const herald = client(w.writeKey);
    herald.screen('Home', { tab: 'feed' });
    herald.track('Added to cart', { sku: 'A1' });
    herald.identify('ada', { plan: 'pro' });
    herald.group('acme', { size: 12 });
    await herald.flush();
    const anonymousId = herald.user().anonymousId;
    const events = await until(async () => {
      const rows = await w.activity(anonymousId);
      return rows.length >= 4 ? rows : undefined;
    });
    expect(events.map((e) => [e.type, e.name ?? e.event ?? null, e.userId])).toEqual([
      ['screen', 'Home', null],
      ['track', 'Added to cart', null],
      ['identify', null, 'ada'],
      ['group', null, 'ada'],
    ]);
    expect(events[0]!.context).toMatchObject({
      library: { name: '@herald/react-native' },
      os: { name: 'iOS' },
      device: { type: 'ios' },
      locale: expect.any(String),
      timezone: expect.any(String),
    });
    herald.close();

    const again = client(w.writeKey);
    await again.ready;
    expect(again.user()).toEqual({ anonymousId, userId: 'ada', traits: { plan: 'pro' } });
    again.reset();
    await again.flush();
    expect(again.user().anonymousId).not.toBe(anonymousId);
    expect(again.user().userId).toBeNull();
  });

  it('keeps what it could not send offline, across a restart, and sends it once when back', async () => {
    const w = await workspace();
    const proxy = await startProxy(SERVER_URL);
    try {
      proxy.offline();
      const herald = client(w.writeKey, proxy.url);
      for (const n of [1, 2, 3]) herald.track('Offline', { n });
      await herald.flush(); // Fails: no network.
      const anonymousId = herald.user().anonymousId;
      herald.close();

      // The app starts again, still offline, then the network comes back.
      const again = client(w.writeKey, proxy.url);
      await again.ready;
      again.track('Online', { n: 4 });
      await again.flush();
      proxy.online();
      await again.flush();
      const events = await until(async () => {
        const rows = await w.activity(anonymousId);
        return rows.length >= 4 ? rows : undefined;
      });
      // Once each, however often they were tried.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const tracked = (await w.activity(anonymousId)).map((e) => e.properties as { n: number });
      expect(tracked.map((p) => p.n)).toEqual([1, 2, 3, 4]);
      expect(events).toHaveLength(4);
    } finally {
      await proxy.close();
    }
  });

  it('sends nothing once opted out, until opted in', async () => {
    const w = await workspace();
    const herald = client(w.writeKey);
    herald.optOut();
    herald.track('Secret');
    await herald.flush();
    herald.optIn();
    herald.track('Public');
    await herald.flush();
    const anonymousId = herald.user().anonymousId;
    const events = await until(async () => {
      const rows = await w.activity(anonymousId);
      return rows.length >= 1 ? rows : undefined;
    });
    expect(events.map((e) => e.event)).toEqual(['Public']);
  });

  it('never throws into the app', async () => {
    const herald = client('wk_nope', 'http://127.0.0.1:1');
    expect(() => {
      herald.track(undefined as never);
      herald.identify(42 as never, null as never);
      herald.screen(null as never);
      herald.on('track', () => {
        throw new Error('a listener');
      });
      herald.track('Still fine');
    }).not.toThrow();
    await herald.flush();
  });
});
