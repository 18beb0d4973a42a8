import { HeraldError } from '../errors.js';
/**
 * A token bucket per key (a workspace): `ratePerSecond` on average, bursts up to twice that.
 * Kept per node: with N nodes a workspace may send N times the rate, which is what an operator
 * who adds nodes for more traffic wants.
 *
 * @example
 * const limiter = new RateLimiter(100);
 * limiter.take('ws_1'); // throws rate_limited (429, Retry-After) once the bucket is empty
 */
export class RateLimiter {
    ratePerSecond;
    now;
    buckets = new Map();
    constructor(ratePerSecond, now = Date.now) {
        this.ratePerSecond = ratePerSecond;
        this.now = now;
    }
    take(key) {
        if (this.ratePerSecond <= 0)
            return;
        const capacity = this.ratePerSecond * 2;
        const now = this.now();
        const bucket = this.buckets.get(key) ?? { tokens: capacity, updated: now };
        bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updated) / 1000) * this.ratePerSecond);
        bucket.updated = now;
        this.buckets.set(key, bucket);
        if (bucket.tokens < 1) {
            const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerSecond));
            throw new HeraldError('rate_limited', `This workspace sends more than ${this.ratePerSecond} requests a second; retry in ${retryAfter} s`, undefined, retryAfter);
        }
        bucket.tokens -= 1;
    }
}
//# sourceMappingURL=rate-limit.js.map