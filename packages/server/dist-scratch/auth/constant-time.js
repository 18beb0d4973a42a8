import { createHash, timingSafeEqual } from 'node:crypto';
/**
 * Compares a secret a client sent with the expected one in constant time. Both sides are hashed
 * first, so neither the content nor the length of the secret leaks through timing.
 */
export function safeEqual(given, expected) {
    const a = createHash('sha256').update(given).digest();
    const b = createHash('sha256').update(expected).digest();
    return timingSafeEqual(a, b);
}
//# sourceMappingURL=constant-time.js.map