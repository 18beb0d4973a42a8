import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRepository } from './repository.js';
/** The header a cookie-signed request must carry to change anything. */
export declare const CSRF_HEADER = "x-herald-csrf";
/**
 * Refuses a state-changing request without `X-Herald-CSRF: 1`. A cross-site form cannot set a
 * custom header, and a cross-site script that tries needs a CORS preflight, which the admin API
 * never grants; so the header proves the request came from the dashboard's own pages.
 */
export declare function requireCsrfHeader(request: FastifyRequest): void;
/**
 * The admin API's gate: a request passes with the master key as a bearer token (scripts, CI) or
 * with a dashboard session cookie (people), in which case a change also needs the CSRF header.
 * An Authorization header, when sent, is the credential that counts: a wrong one is refused even
 * beside a valid cookie.
 */
export declare function authenticateAdmin(accounts: AccountRepository, masterKey: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
//# sourceMappingURL=authenticate.d.ts.map