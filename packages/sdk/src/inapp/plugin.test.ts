// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInternal } from '../core/herald.js';
import { inApp } from './plugin.js';

// `fetch` and `EventSource` are the boundary: stubbed to record what would reach the server.

let requests: URL[];
let streams: URL[];

const settle = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};
const load = () =>
  createInternal('wk', { host: 'https://herald.test', integrations: { 'In-App': {} } }, [inApp]);
const asked = () =>
  requests
    .filter((url) => url.pathname === '/v1/in-app/messages')
    .map((url) => url.searchParams.get('sessionStartedAt'));
const stored = () => (localStorage.getItem('herald_session') ?? '').split(' ').map(Number);

beforeEach(() => {
  requests = [];
  streams = [];
  vi.stubGlobal('fetch', async (url: string) => {
    requests.push(new URL(url));
    return new Response('{"identified":false,"pollInterval":60,"messages":[]}');
  });
  vi.stubGlobal(
    'EventSource',
    class {
      readyState = 0;
      constructor(url: string) {
        streams.push(new URL(url));
      }
      addEventListener() {}
      close() {}
    },
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('in-app plugin: sessions', () => {
  it('asks for messages with the session start, the same for the whole session', async () => {
    const herald = load();
    await settle();
    const [startedAt] = stored();
    expect(asked()).toEqual([String(startedAt)]);
    herald.page();
    herald.track('Busy');
    await settle();
    // Same session: page() decides locally, no new request.
    expect(asked()).toEqual([String(startedAt)]);
    // The stream only hints; the session goes with the requests for messages.
    expect(streams.length).toBeGreaterThan(0);
    expect(streams[0]!.searchParams.has('sessionStartedAt')).toBe(false);
  });

  it('after 30 idle minutes, the next page() starts a session and asks again at once', async () => {
    const herald = load();
    await settle();
    const [startedAt] = stored();
    const idle = startedAt! - 31 * 60_000;
    localStorage.setItem('herald_session', `${idle - 60_000} ${idle}`);
    await new Promise((resolve) => setTimeout(resolve, 5)); // A new session, a new millisecond.
    herald.page();
    await settle();
    const [first, second] = asked();
    expect(asked()).toHaveLength(2);
    expect(first).toBe(String(startedAt));
    expect(Number(second)).toBeGreaterThan(startedAt!);
    expect(second).toBe(String(stored()[0]));
  });
});
