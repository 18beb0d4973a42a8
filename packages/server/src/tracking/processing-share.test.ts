import { describe, expect, it } from 'vitest';
import { processingShare } from './processing-share.js';

describe('processingShare', () => {
  const share = { busyShare: 0.05, fromMs: 5_000, fullMs: 30_000 };

  it('keeps to the busy share while the lag is small', () => {
    expect(processingShare(0, share)).toBe(0.05);
    expect(processingShare(5_000, share)).toBe(0.05);
  });

  it('grows with the lag, linearly, to one half', () => {
    expect(processingShare(17_500, share)).toBeCloseTo(0.275);
    expect(processingShare(30_000, share)).toBe(0.5);
    expect(processingShare(600_000, share)).toBe(0.5);
  });

  it('never goes below a busy share larger than one half', () => {
    expect(processingShare(60_000, { ...share, busyShare: 0.8 })).toBe(0.8);
  });
});
