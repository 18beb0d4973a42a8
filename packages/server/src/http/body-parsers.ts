import type { FastifyInstance } from 'fastify';

/**
 * Browsers send tracking batches as `text/plain` so that no CORS preflight is needed; such a body
 * is JSON all the same and goes through Fastify's own hardened JSON parser (which refuses
 * `__proto__` and `constructor.prototype` poisoning).
 */
export function installBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser(
    'text/plain',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
}
