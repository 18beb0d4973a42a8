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
export declare class LoginRateLimiter {
    private readonly failures;
    private readonly maxFailures;
    private readonly maxFailuresPerIp;
    private readonly windowMs;
    constructor(options?: LoginRateLimitOptions);
    /** Seconds to wait before this IP may try this email again; 0 when it may try now. */
    retryAfter(ip: string, email: string, now?: number): number;
    recordFailure(ip: string, email: string, now?: number): void;
    /** A successful login clears that IP + email's failures (not the IP's total). */
    recordSuccess(ip: string, email: string): void;
    private waitFor;
    private live;
    private push;
}
//# sourceMappingURL=rate-limit.d.ts.map