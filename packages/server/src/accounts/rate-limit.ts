/**
 * Counts failed logins per IP + email (and per IP alone, so that one client cannot try a
 * password against many addresses) in a sliding window, in this node's memory. Once a key has
 * `maxFailures` failures in the window, further attempts are refused until the oldest one leaves
 * the window, right password or not, so guessing costs an attacker real time.
 */
export interface LoginRateLimitOptions {
  /** Failures allowed per IP + email in the window. Default 5. */
  maxFailures?: number;
  /** Failures allowed per IP, all emails together. Default 50. */
  maxFailuresPerIp?: number;
  /** Default 15 minutes. */
  windowMs?: number;
}

/** Beyond this many tracked keys the oldest are forgotten, so memory stays bounded. */
const MAX_KEYS = 50_000;

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly maxFailuresPerIp: number;
  private readonly windowMs: number;

  constructor(options: LoginRateLimitOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.maxFailuresPerIp = options.maxFailuresPerIp ?? 50;
    this.windowMs = options.windowMs ?? 15 * 60 * 1000;
  }

  /** Seconds to wait before this IP may try this email again; 0 when it may try now. */
  retryAfter(ip: string, email: string, now = Date.now()): number {
    const wait = Math.max(
      this.waitFor(`e:${ip}\n${email}`, this.maxFailures, now),
      this.waitFor(`i:${ip}`, this.maxFailuresPerIp, now),
    );
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  recordFailure(ip: string, email: string, now = Date.now()): void {
    this.push(`e:${ip}\n${email}`, now);
    this.push(`i:${ip}`, now);
  }

  /** A successful login clears that IP + email's failures (not the IP's total). */
  recordSuccess(ip: string, email: string): void {
    this.failures.delete(`e:${ip}\n${email}`);
  }

  private waitFor(key: string, limit: number, now: number): number {
    const times = this.live(key, now);
    if (times.length < limit) return 0;
    return times[times.length - limit]! + this.windowMs - now;
  }

  private live(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private push(key: string, now: number): void {
    const times = this.live(key, now);
    times.push(now);
    // Keep no more history than the largest limit needs.
    if (times.length > this.maxFailuresPerIp) times.shift();
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}
