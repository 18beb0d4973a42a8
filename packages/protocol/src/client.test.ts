import { describe, expect, it } from 'vitest';
import { createEmitter, isRetryable, MAX_RETRY_AFTER_MS, retryAfterMs } from './client.js';

describe('what every client does alike', () => {
  it('keeps calling listeners when one throws, and tells who threw', () => {
    const threw: string[] = [];
    const events = createEmitter((type) => threw.push(type));
    const heard: number[] = [];
    events.on('track', () => {
      throw new Error('a listener');
    });
    events.on('track', (n: never) => heard.push(n));
    events.emit('track', 1);
    events.off('track');
    events.emit('track', 2);
    expect(heard).toEqual([1]);
    expect(threw).toEqual(['track']);
  });

  it('retries what may succeed later, and reads Retry-After either way', () => {
    expect([0, 408, 429, 500, 503].every(isRetryable)).toBe(true);
    expect([200, 202, 400, 401, 413].some(isRetryable)).toBe(false);
    const now = Date.parse('2026-05-01T09:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 01 May 2026 09:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('Fri, 01 May 2026 08:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
