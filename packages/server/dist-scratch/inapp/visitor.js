import { TRACKING_LIMITS } from '@herald/protocol';
import { verifyUserHash, verifyUserToken } from '../auth/identity-verification.js';
import { HeraldError, invalid } from '../errors.js';
/**
 * Reads who is asking from an in-app request (query string or body). A claimed userId counts only
 * with a valid proof when the workspace verifies identities; otherwise the request is refused, so
 * that nobody sees another person's messages or personal data by claiming their userId.
 */
export function visitorFrom(claim, workspace) {
    const anonymousId = id(claim.anonymousId, 'anonymousId');
    const userId = id(claim.userId, 'userId');
    if (anonymousId === null && userId === null) {
        throw invalid('anonymousId', 'or userId is required');
    }
    if (userId !== null && workspace.identityVerification) {
        const hash = typeof claim.userHash === 'string' ? claim.userHash : undefined;
        const token = typeof claim.userToken === 'string' ? claim.userToken : undefined;
        const verified = (hash !== undefined && verifyUserHash(workspace.secretKey, userId, hash)) ||
            (token !== undefined && verifyUserToken(workspace.secretKey, userId, token));
        if (!verified)
            throw new HeraldError('identity_not_verified');
    }
    return {
        anonymousId,
        userId,
        identified: userId !== null,
        key: userId !== null ? `u:${userId}` : `a:${anonymousId}`,
    };
}
function id(value, field) {
    if (value === undefined || value === null || value === '')
        return null;
    if (typeof value !== 'string')
        throw invalid(field, 'must be a string');
    if (value.length > TRACKING_LIMITS.maxIdLength) {
        throw invalid(field, `must be at most ${TRACKING_LIMITS.maxIdLength} characters`);
    }
    if (value.includes('\u0000'))
        throw invalid(field, 'must not contain NUL characters');
    return value;
}
//# sourceMappingURL=visitor.js.map