/** How much of the thread ingest processing takes while tracking requests keep arriving. */
export interface ProcessingShare {
  /** The share with no lag to speak of: the rest goes to acknowledging requests. */
  busyShare: number;
  /** The lag (ms) past which the share grows. */
  fromMs: number;
  /** The lag (ms) at which processing takes half of the thread (or `busyShare`, if larger). */
  fullMs: number;
}

/**
 * The share of the thread processing takes at a lag of `lagMs` (the age of the oldest request
 * waiting): `busyShare` up to `fromMs`, growing linearly to one half at `fullMs`. Backpressure
 * that grows with the lag: a burst is taken in at full speed, a sustained overload slows the
 * acknowledgements gradually rather than halving them at once.
 *
 * @example
 * processingShare(17_500, { busyShare: 0.05, fromMs: 5_000, fullMs: 30_000 }); // 0.275
 */
export function processingShare(lagMs: number, { busyShare, fromMs, fullMs }: ProcessingShare) {
  const half = Math.max(busyShare, 0.5);
  const ramp = (lagMs - fromMs) / Math.max(1, fullMs - fromMs);
  return busyShare + (half - busyShare) * Math.min(1, Math.max(0, ramp));
}
