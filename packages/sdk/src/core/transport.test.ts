// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { beacon, post, retryAfter } from './transport.js';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  delete (navigator as { sendBeacon?: unknown }).sendBeacon;
});

describe('retryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores nonsense', () => {
    expect(retryAfter('7')).toBe(7000);
    expect(retryAfter(' 0 ')).toBe(0);
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfter(inOneMinute)).toBeGreaterThan(55_000);
    expect(retryAfter(new Date(Date.now() - 60_000).toUTCString())).toBe(0);
    expect(retryAfter('soon')).toBeUndefined();
    expect(retryAfter(null)).toBeUndefined();
    expect(retryAfter('999999')).toBe(3_600_000);
  });
});

describe('post', () => {
  it('answers the status and Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      async () => new Response('', { status: 429, headers: { 'Retry-After': '3' } }),
    );
    expect(await post('https://herald.test/v1/batch', '{}')).toEqual({
      status: 429,
      retryAfter: 3000,
    });
  });

  it('answers status 0 when the network fails', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await post('https://herald.test/v1/batch', '{}')).toEqual({ status: 0 });
  });

  it('gives up on a request that hangs for 30 seconds', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) =>
          init.signal!.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    );
    const answer = post('https://herald.test/v1/batch', '{}');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await answer).toEqual({ status: 0 });
  });
});

describe('beacon', () => {
  it('uses sendBeacon when there is one, else a keepalive fetch', () => {
    const sendBeacon = vi.fn(() => true);
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: sendBeacon });
    expect(beacon('https://herald.test/v1/batch', '{"a":1}')).toBe(true);
    expect(sendBeacon).toHaveBeenCalledWith('https://herald.test/v1/batch', '{"a":1}');

    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: undefined });
    const fetch = vi.fn(async () => new Response(''));
    vi.stubGlobal('fetch', fetch);
    expect(beacon('https://herald.test/v1/batch', '{}')).toBe(true);
    expect(fetch).toHaveBeenCalledWith(
      'https://herald.test/v1/batch',
      expect.objectContaining({ keepalive: true }),
    );
  });

  it('answers false when the browser refuses (over its 64 KB budget)', () => {
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: () => false });
    expect(beacon('https://herald.test/v1/batch', '{}')).toBe(false);
  });
});
