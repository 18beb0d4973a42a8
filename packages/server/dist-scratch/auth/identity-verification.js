import { createHmac } from 'node:crypto';
import { safeEqual } from './constant-time.js';
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
export function userHashFor(secretKey, userId) {
    return createHmac('sha256', secretKey).update(userId).digest('hex');
}
export function verifyUserHash(secretKey, userId, userHash) {
    return safeEqual(userHash.toLowerCase(), userHashFor(secretKey, userId));
}
/** Verifies an HS256 JWT for `userId`: signature, `sub`, and `exp`/`nbf` when present. */
export function verifyUserToken(secretKey, userId, token, now = Date.now()) {
    const parts = token.split('.');
    if (parts.length !== 3)
        return false;
    const [header, payload, signature] = parts;
    const expected = createHmac('sha256', secretKey)
        .update(`${header}.${payload}`)
        .digest('base64url');
    if (!safeEqual(signature, expected))
        return false;
    const decoded = (part) => {
        try {
            const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
            return typeof value === 'object' && value !== null
                ? value
                : undefined;
        }
        catch {
            return undefined;
        }
    };
    // Only HS256: a token must never pick its own algorithm ("none", or a public-key one).
    if (decoded(header)?.alg !== 'HS256')
        return false;
    const claims = decoded(payload);
    if (!claims || claims.sub !== userId)
        return false;
    const seconds = now / 1000;
    if (typeof claims.exp === 'number' && seconds >= claims.exp)
        return false;
    if (typeof claims.nbf === 'number' && seconds < claims.nbf)
        return false;
    return true;
}
//# sourceMappingURL=identity-verification.js.map