/**
 * Compares a secret a client sent with the expected one in constant time. Both sides are hashed
 * first, so neither the content nor the length of the secret leaks through timing.
 */
export declare function safeEqual(given: string, expected: string): boolean;
//# sourceMappingURL=constant-time.d.ts.map