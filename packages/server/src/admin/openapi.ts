import { broadcasts } from './openapi/broadcasts.js';
import { campaigns } from './openapi/campaigns.js';
import { messages } from './openapi/messages.js';
import { type Method, operation, type Resource } from './openapi/operations.js';
import { people } from './openapi/people.js';
import { segments } from './openapi/segments.js';
import { session } from './openapi/session.js';
import { type JsonSchema, sharedSchemas } from './openapi/shared.js';
import { workspaces } from './openapi/workspaces.js';

/**
 * The admin API described as OpenAPI 3.1, served at `/api/docs` (and as JSON at
 * `/api/docs/json`). Written by hand, one file per resource under `openapi/`: most admin bodies
 * are validated by code that gives field-by-field errors, so there are no route schemas to derive
 * it from. A test (docs.test.ts) checks that the document and the routes under `/api/v1` are the
 * same set, both ways.
 */

const RESOURCES: Resource[] = [
  session,
  workspaces,
  messages,
  people,
  segments,
  broadcasts,
  campaigns,
];

/** Every path of every resource, each operation tagged with its resource. */
function paths(): Record<string, Record<string, JsonSchema>> {
  const all: Record<string, Record<string, JsonSchema>> = {};
  for (const resource of RESOURCES) {
    for (const [path, methods] of Object.entries(resource.paths)) {
      if (all[path]) throw new Error(`OpenAPI: ${path} is described twice`);
      all[path] = Object.fromEntries(
        Object.entries(methods).map(([method, spec]) => [
          method,
          operation(method as Method, resource.tag.name, spec),
        ]),
      );
    }
  }
  return all;
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Herald admin API',
    version: '1',
    description: [
      'JSON over HTTP. Authenticate with `Authorization: Bearer <master key>`, or with the dashboard’s session cookie; a change signed in by cookie also sends `X-Herald-CSRF: 1`.',
      'Errors are `{"error": {"code", "message", "field"?}}` with a stable `code` (packages/server/src/errors.ts); `field` names the offending input as a dotted path. Any route may also answer 500 `internal_error`, or 503 `unavailable` while the server shuts down.',
      'Text fields are never blank and never hold NUL characters; nor do path parameters.',
    ].join('\n\n'),
  },
  servers: [{ url: '/api/v1' }],
  security: [{ masterKey: [] }, { session: [] }],
  tags: RESOURCES.map((resource) => resource.tag),
  paths: paths(),
  components: {
    securitySchemes: {
      masterKey: { type: 'http', scheme: 'bearer', description: 'The master key' },
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: 'herald_session',
        description: 'Set by `POST /login`; changes also need `X-Herald-CSRF: 1`',
      },
    },
    schemas: {
      ...sharedSchemas,
      ...Object.assign({}, ...RESOURCES.map((resource) => resource.schemas)),
    } as Record<string, JsonSchema>,
  },
};
