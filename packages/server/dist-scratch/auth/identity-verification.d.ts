/**
 * Identity verification: the site's backend proves that the visitor is `userId`, so that nobody
 * can read another person's messages by claiming their userId in the browser. Two proofs are
 * accepted, both made with the workspace's secret key, which never leaves the site's backend:
 *
 * - `userHash`: hex HMAC-SHA256(secretKey, userId), as Intercom and others do;
 * - `userToken`: a short-lived JWT signed with HS256, whose `sub` is the userId.
 *
 * @example
 * // On the site's backend:
 * const userHash = createHmac('sha256', secretKey).update(userId).digest('hex');
 */
export declare function userHashFor(secretKey: string, userId: string): string;
export declare function verifyUserHash(secretKey: string, userId: string, userHash: string): boolean;
/** Verifies an HS256 JWT for `userId`: signature, `sub`, and `exp`/`nbf` when present. */
export declare function verifyUserToken(secretKey: string, userId: string, token: string, now?: number): boolean;
//# sourceMappingURL=identity-verification.d.ts.map