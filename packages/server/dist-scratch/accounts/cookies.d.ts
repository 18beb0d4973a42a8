import type { FastifyReply, FastifyRequest } from 'fastify';
/** The dashboard's session cookie. */
export declare const SESSION_COOKIE = "herald_session";
/** The value of one cookie of the request, if sent. */
export declare function readCookie(request: FastifyRequest, name: string): string | undefined;
/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site request
 * carries it), Path=/, and Secure when the request came over https.
 */
export declare function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void;
export declare function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void;
//# sourceMappingURL=cookies.d.ts.map