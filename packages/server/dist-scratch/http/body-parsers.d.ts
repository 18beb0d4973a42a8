import type { FastifyInstance } from 'fastify';
declare module 'fastify' {
    interface FastifyRequest {
        /** The body as received, on routes that keep it (see {@link keepRawJsonBodies}). */
        rawBody?: string;
    }
}
/**
 * Browsers send tracking batches as `text/plain` so that no CORS preflight is needed; such a body
 * is JSON all the same and goes through Fastify's own hardened JSON parser (which refuses
 * `__proto__` and `constructor.prototype` poisoning).
 */
export declare function installBodyParsers(app: FastifyInstance): void;
/**
 * For the routes registered in `app`'s scope: parse JSON bodies (either content type) with the
 * same hardened parser, and keep the text as received in `request.rawBody`. The tracking API
 * logs that text as it is: parsing once and keeping the string costs nothing more, where
 * serialising the parsed body again would cost as much as parsing it.
 */
export declare function keepRawJsonBodies(app: FastifyInstance): void;
//# sourceMappingURL=body-parsers.d.ts.map