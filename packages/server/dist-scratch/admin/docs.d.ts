import type { FastifyInstance } from 'fastify';
/**
 * The admin API's documentation: Swagger UI at `/api/docs`, the OpenAPI document at
 * `/api/docs/json`. Public: it describes the API and holds no secret.
 */
export declare function registerApiDocs(app: FastifyInstance): Promise<void>;
//# sourceMappingURL=docs.d.ts.map