import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HeraldError } from '../errors.js';
/**
 * Answers every error in the catalogue's shape. Errors raised by Fastify itself (body parsing,
 * schema validation, size limits) are translated to catalogue codes; anything unexpected is
 * logged and answered as a generic 500 that reveals nothing.
 */
export declare function installErrorHandler(app: FastifyInstance): void;
/**
 * Fastify's `frameworkErrors` option: errors raised before routing (a URL that is not valid
 * percent-encoding, `FST_ERR_BAD_URL`) bypass the error handler; answer them in the catalogue's
 * shape too.
 */
export declare function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void;
/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (headers or URL beyond
 * 16 KB, a malformed request line, a timeout) never reaches Fastify's routing; it is answered
 * here, on the raw socket, in the catalogue's shape, and the connection closed.
 */
export declare function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void;
export declare function toHeraldError(error: unknown): HeraldError;
//# sourceMappingURL=error-handler.d.ts.map