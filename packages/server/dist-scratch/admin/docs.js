import swagger, {} from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { openApiDocument } from './openapi.js';
/**
 * The admin API's documentation: Swagger UI at `/api/docs`, the OpenAPI document at
 * `/api/docs/json`. Public: it describes the API and holds no secret.
 */
export async function registerApiDocs(app) {
    // Our document is OpenAPI 3.1, which the plugin serves as is; its types stop at 3.0.
    const document = openApiDocument;
    await app.register(swagger, { mode: 'static', specification: { document } });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}
//# sourceMappingURL=docs.js.map