import type { FastifyRequest } from 'fastify';

/**
 * Whether the browser reached us over https: TLS on this socket, or a proxy in front saying so.
 * `X-Forwarded-Proto` is trusted only where a lie harms the liar alone: a session cookie's Secure
 * flag (a cookie its browser will not send back over http), the protocol in a settings document
 * that is private to the client that asked.
 */
export function overHttps(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return request.protocol === 'https' || first === 'https';
}
