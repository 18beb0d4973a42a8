/**
 * A token bucket per key (a workspace): `ratePerSecond` on average, bursts up to twice that.
 * Kept per node: with N nodes a workspace may send N times the rate, which is what an operator
 * who adds nodes for more traffic wants.
 *
 * @example
 * const limiter = new RateLimiter(100);
 * limiter.take('ws_1'); // throws rate_limited (429, Retry-After) once the bucket is empty
 */
export declare class RateLimiter {
    private readonly ratePerSecond;
    private readonly now;
    private readonly buckets;
    constructor(ratePerSecond: number, now?: () => number);
    take(key: string): void;
}
//# sourceMappingURL=rate-limit.d.ts.map