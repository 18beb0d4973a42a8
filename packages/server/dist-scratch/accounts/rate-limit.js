/** Beyond this many tracked keys the oldest are forgotten, so memory stays bounded. */
const MAX_KEYS = 50_000;
export class LoginRateLimiter {
    failures = new Map();
    maxFailures;
    maxFailuresPerIp;
    windowMs;
    constructor(options = {}) {
        this.maxFailures = options.maxFailures ?? 5;
        this.maxFailuresPerIp = options.maxFailuresPerIp ?? 50;
        this.windowMs = options.windowMs ?? 15 * 60 * 1000;
    }
    /** Seconds to wait before this IP may try this email again; 0 when it may try now. */
    retryAfter(ip, email, now = Date.now()) {
        const wait = Math.max(this.waitFor(`e:${ip}\n${email}`, this.maxFailures, now), this.waitFor(`i:${ip}`, this.maxFailuresPerIp, now));
        return wait > 0 ? Math.ceil(wait / 1000) : 0;
    }
    recordFailure(ip, email, now = Date.now()) {
        this.push(`e:${ip}\n${email}`, now);
        this.push(`i:${ip}`, now);
    }
    /** A successful login clears that IP + email's failures (not the IP's total). */
    recordSuccess(ip, email) {
        this.failures.delete(`e:${ip}\n${email}`);
    }
    waitFor(key, limit, now) {
        const times = this.live(key, now);
        if (times.length < limit)
            return 0;
        return times[times.length - limit] + this.windowMs - now;
    }
    live(key, now) {
        const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
        if (times.length === 0)
            this.failures.delete(key);
        else
            this.failures.set(key, times);
        return times;
    }
    push(key, now) {
        const times = this.live(key, now);
        times.push(now);
        // Keep no more history than the largest limit needs.
        if (times.length > this.maxFailuresPerIp)
            times.shift();
        this.failures.delete(key);
        this.failures.set(key, times);
        if (this.failures.size > MAX_KEYS) {
            const oldest = this.failures.keys().next().value;
            if (oldest !== undefined)
                this.failures.delete(oldest);
        }
    }
}
//# sourceMappingURL=rate-limit.js.map