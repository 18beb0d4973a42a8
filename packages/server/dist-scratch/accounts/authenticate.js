import { requireMasterKey } from '../auth/master-key.js';
import { HeraldError } from '../errors.js';
import { readCookie, SESSION_COOKIE, setSessionCookie } from './cookies.js';
/** The header a cookie-signed request must carry to change anything. */
export const CSRF_HEADER = 'x-herald-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Refuses a state-changing request without `X-Herald-CSRF: 1`. A cross-site form cannot set a
 * custom header, and a cross-site script that tries needs a CORS preflight, which the admin API
 * never grants; so the header proves the request came from the dashboard's own pages.
 */
export function requireCsrfHeader(request) {
    if (SAFE_METHODS.has(request.method))
        return;
    if (request.headers[CSRF_HEADER] !== '1')
        throw new HeraldError('csrf_required');
}
/**
 * The admin API's gate: a request passes with the master key as a bearer token (scripts, CI) or
 * with a dashboard session cookie (people), in which case a change also needs the CSRF header.
 * An Authorization header, when sent, is the credential that counts: a wrong one is refused even
 * beside a valid cookie.
 */
export function authenticateAdmin(accounts, masterKey) {
    return async (request, reply) => {
        if (request.headers.authorization !== undefined) {
            requireMasterKey(request, masterKey);
            return;
        }
        const token = readCookie(request, SESSION_COOKIE);
        const session = token ? await accounts.findSession(token) : undefined;
        if (!token || !session) {
            throw new HeraldError('unauthorized', token
                ? 'Your session has ended; sign in again'
                : 'Sign in, or send the master key as "Authorization: Bearer <key>"');
        }
        requireCsrfHeader(request);
        if (session.renewed) {
            setSessionCookie(request, reply, token, (session.expiresAt - Date.now()) / 1000);
        }
    };
}
//# sourceMappingURL=authenticate.js.map