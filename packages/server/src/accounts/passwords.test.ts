import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';
import { LoginRateLimiter } from './rate-limit.js';

describe('passwords', () => {
  it('hashes with scrypt N=2^15 and a random salt per password', async () => {
    const a = await hashPassword('a long passphrase');
    const b = await hashPassword('a long passphrase');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('a long passphrase', a)).toBe(true);
    expect(await verifyPassword('a long passphrasE', a)).toBe(false);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    for (const stored of ['', 'plain', 'scrypt$99$8$1$abc$def', 'bcrypt$1$2$3$4$5']) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });
});

describe('login rate limiter', () => {
  it('counts failures in a sliding window, per IP + email and per IP', () => {
    const limiter = new LoginRateLimiter({ maxFailures: 3, maxFailuresPerIp: 5, windowMs: 60_000 });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) limiter.recordFailure('1.1.1.1', 'a@x', t0 + i);
    expect(limiter.retryAfter('1.1.1.1', 'a@x', t0 + 10)).toBe(60);
    expect(limiter.retryAfter('1.1.1.1', 'b@x', t0 + 10)).toBe(0);
    expect(limiter.retryAfter('2.2.2.2', 'a@x', t0 + 10)).toBe(0);
    // Five failures from one IP, whatever the emails, lock that IP out.
    limiter.recordFailure('1.1.1.1', 'b@x', t0 + 20);
    limiter.recordFailure('1.1.1.1', 'c@x', t0 + 21);
    expect(limiter.retryAfter('1.1.1.1', 'd@x', t0 + 30)).toBeGreaterThan(0);
    // The oldest failures leave the window: tries are allowed again.
    expect(limiter.retryAfter('1.1.1.1', 'a@x', t0 + 60_001)).toBe(0);
  });

  it('forgets an IP + email after a success', () => {
    const limiter = new LoginRateLimiter({ maxFailures: 2 });
    limiter.recordFailure('ip', 'a@x');
    limiter.recordFailure('ip', 'a@x');
    expect(limiter.retryAfter('ip', 'a@x')).toBeGreaterThan(0);
    limiter.recordSuccess('ip', 'a@x');
    expect(limiter.retryAfter('ip', 'a@x')).toBe(0);
  });
});
