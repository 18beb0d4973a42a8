import { describe, expect, it } from 'vitest';
import { HeraldError } from '../errors.js';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst of twice the rate, then answers rate_limited with Retry-After', () => {
    let now = 0;
    const limiter = new RateLimiter(5, () => now);
    for (let i = 0; i < 10; i++) limiter.take('ws');
    try {
      limiter.take('ws');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HeraldError);
      expect((error as HeraldError).code).toBe('rate_limited');
      expect((error as HeraldError).retryAfter).toBe(1);
    }
    now += 1000; // five tokens come back
    for (let i = 0; i < 5; i++) limiter.take('ws');
    expect(() => limiter.take('ws')).toThrow(HeraldError);
  });

  it('keeps one bucket per workspace', () => {
    const limiter = new RateLimiter(1, () => 0);
    limiter.take('a');
    limiter.take('a');
    expect(() => limiter.take('a')).toThrow();
    expect(() => limiter.take('b')).not.toThrow();
  });

  it('is off at rate 0', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) limiter.take('ws');
  });
});
