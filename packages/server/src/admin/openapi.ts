/**
 * The admin API described as OpenAPI 3.1, served at `/api/docs` (and as JSON at
 * `/api/docs/json`). Written by hand: most admin bodies are validated by code that gives
 * field-by-field errors, so there are no route schemas to derive it from. A test checks that every
 * operation described here is a route the server has.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  '400': { $ref: '#/components/responses/Invalid' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '404': { $ref: '#/components/responses/NotFound' },
};
const param = (name: string, description: string, where: 'path' | 'query' = 'path') => ({
  name,
  in: where,
  required: where === 'path',
  description,
  schema: { type: 'string' },
});
const ws = param('ws', 'Workspace id (`ws_…`)');
const id = param('id', 'Message id (`msg_…`)');
const userId = param('userId', 'The person’s userId (canonical or merged by alias)');
const anonymousId = param('anonymousId', 'An anonymous ID');
const segmentId = param('id', 'Segment id (`seg_…`)');
const body = (schema: object) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const transition = (verb: string, what: string) => ({
  post: {
    tags: ['Messages'],
    summary: `${verb} a message`,
    description: what,
    parameters: [ws, id],
    responses: {
      '200': json(ref('Message')),
      '409': { $ref: '#/components/responses/Conflict' },
      ...errors,
    },
  },
});

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Herald admin API',
    version: '1',
    description:
      'JSON over HTTP. Authenticate with `Authorization: Bearer <master key>` (or the dashboard’s session cookie with `X-Herald-CSRF: 1`). Errors are `{"error": {"code", "message", "field"?}}` with stable codes.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ masterKey: [] }],
  tags: [{ name: 'Workspaces' }, { name: 'Messages' }, { name: 'People' }, { name: 'Segments' }],
  paths: {
    '/workspaces': {
      post: {
        tags: ['Workspaces'],
        summary: 'Create a workspace',
        requestBody: body(ref('WorkspaceInput')),
        responses: { '201': json(ref('Workspace'), 'Created'), ...errors },
      },
      get: {
        tags: ['Workspaces'],
        summary: 'List workspaces',
        responses: {
          '200': json({
            type: 'object',
            properties: { data: { type: 'array', items: ref('Workspace') } },
          }),
        },
      },
    },
    '/workspaces/{ws}': {
      get: {
        tags: ['Workspaces'],
        summary: 'Read a workspace',
        parameters: [ws],
        responses: { '200': json(ref('Workspace')), ...errors },
      },
      patch: {
        tags: ['Workspaces'],
        summary: 'Change a workspace’s settings',
        parameters: [ws],
        requestBody: body(ref('WorkspaceInput')),
        responses: { '200': json(ref('Workspace')), ...errors },
      },
    },
    '/workspaces/{ws}/keys/{kind}/rotate': {
      post: {
        tags: ['Workspaces'],
        summary: 'Replace the write or the secret key',
        parameters: [
          ws,
          { ...param('kind', '`write` or `secret`'), schema: { enum: ['write', 'secret'] } },
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: { kind: { type: 'string' }, key: { type: 'string' } },
          }),
          ...errors,
        },
      },
    },
    '/workspaces/{ws}/messages': {
      post: {
        tags: ['Messages'],
        summary: 'Create a message (a draft)',
        parameters: [ws],
        requestBody: body(ref('MessageDefinition')),
        responses: { '201': json(ref('Message'), 'Created'), ...errors },
      },
      get: {
        tags: ['Messages'],
        summary: 'List messages with their figures at a glance',
        parameters: [ws, { ...param('status', 'draft, active, paused or archived', 'query') }],
        responses: {
          '200': json({
            type: 'object',
            properties: { data: { type: 'array', items: ref('Message') } },
          }),
          ...errors,
        },
      },
    },
    '/workspaces/{ws}/messages/{id}': {
      get: {
        tags: ['Messages'],
        summary: 'Read a message',
        parameters: [ws, id],
        responses: { '200': json(ref('Message')), ...errors },
      },
      patch: {
        tags: ['Messages'],
        summary: 'Edit a message',
        description:
          'A draft changes in place. A launched message changes only with `"newVersion": true`, and gets a new content version; without it the answer is 409 `message_live`.',
        parameters: [ws, id],
        requestBody: body({
          allOf: [
            ref('MessageDefinition'),
            { type: 'object', properties: { newVersion: { type: 'boolean' } } },
          ],
        }),
        responses: {
          '200': json(ref('Message')),
          '409': { $ref: '#/components/responses/Conflict' },
          ...errors,
        },
      },
      delete: {
        tags: ['Messages'],
        summary: 'Delete a draft or an archived message, with its figures',
        parameters: [ws, id],
        responses: {
          '200': json({
            type: 'object',
            properties: { deleted: { const: true }, id: { type: 'string' } },
          }),
          '409': { $ref: '#/components/responses/Conflict' },
          ...errors,
        },
      },
    },
    '/workspaces/{ws}/messages/{id}/launch': transition(
      'Launch',
      'A draft or paused message becomes active: open pages learn of it at once.',
    ),
    '/workspaces/{ws}/messages/{id}/pause': transition('Pause', 'An active message stops showing.'),
    '/workspaces/{ws}/messages/{id}/archive': transition(
      'Archive',
      'Final: the message stops and can no longer be edited.',
    ),
    '/workspaces/{ws}/messages/{id}/test': {
      post: {
        tags: ['Messages'],
        summary: 'Show the message to one person, whatever the targeting',
        parameters: [ws, id],
        requestBody: body({
          type: 'object',
          description: 'Exactly one of userId, email, anonymousId.',
          properties: {
            userId: { type: 'string' },
            email: { type: 'string' },
            anonymousId: { type: 'string' },
          },
        }),
        responses: {
          '202': json(
            {
              type: 'object',
              properties: { queued: { const: true }, expiresAt: { type: 'string' } },
            },
            'Queued',
          ),
          ...errors,
        },
      },
    },
    '/workspaces/{ws}/messages/{id}/metrics': {
      get: {
        tags: ['Messages'],
        summary: 'Views, unique viewers, dismissals, clicks per action, conversions, over time',
        parameters: [
          ws,
          id,
          param('from', 'ISO 8601 (default: the message’s creation)', 'query'),
          param('to', 'ISO 8601 (default: now)', 'query'),
          { ...param('interval', '`hour` or `day`', 'query'), schema: { enum: ['hour', 'day'] } },
        ],
        responses: { '200': json(ref('Metrics')), ...errors },
      },
    },
    '/workspaces/{ws}/people': {
      get: {
        tags: ['People'],
        summary: 'Search people by userId or email prefix, or exact anonymous ID',
        parameters: [
          ws,
          param('q', 'What to look for', 'query'),
          param('limit', '1 to 100', 'query'),
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: { data: { type: 'array', items: ref('PersonSummary') } },
          }),
          ...errors,
        },
      },
    },
    '/workspaces/{ws}/people/{userId}': {
      get: {
        tags: ['People'],
        summary: 'A person',
        parameters: [ws, userId],
        responses: { '200': json(ref('Person')), ...errors },
      },
      delete: {
        tags: ['People'],
        summary: 'Erase a person: profile, identities and every event',
        parameters: [ws, userId],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              deleted: { const: true },
              userId: { type: 'string' },
              events: { type: 'integer' },
            },
          }),
          ...errors,
        },
      },
    },
    '/workspaces/{ws}/people/{userId}/activity': {
      get: {
        tags: ['People'],
        summary: 'The person’s merged history, newest first',
        parameters: [
          ws,
          userId,
          param('limit', '1 to 500 (default 50)', 'query'),
          param('before', 'The `next` cursor of the previous page', 'query'),
        ],
        responses: { '200': json(ref('ActivityPage')), ...errors },
      },
    },
    '/workspaces/{ws}/anonymous/{anonymousId}': {
      get: {
        tags: ['People'],
        summary: 'An anonymous visitor and the person they merged into, if any',
        parameters: [ws, anonymousId],
        responses: {
          '200': json({
            type: 'object',
            properties: { anonymousId: { type: 'string' }, userId: { type: ['string', 'null'] } },
          }),
          ...errors,
        },
      },
    },
    '/workspaces/{ws}/anonymous/{anonymousId}/activity': {
      get: {
        tags: ['People'],
        summary: 'An anonymous ID’s events, newest first',
        parameters: [
          ws,
          anonymousId,
          param('limit', '1 to 500 (default 50)', 'query'),
          param('before', 'Cursor', 'query'),
        ],
        responses: { '200': json(ref('ActivityPage')), ...errors },
      },
    },
    '/workspaces/{ws}/segments/{id}/members': {
      get: {
        tags: ['Segments'],
        summary: 'The segment’s members, newest first, a page at a time',
        description:
          'Pass the answer’s `next` as `before` for the following (older) page; `next` is null on the last page.',
        parameters: [
          ws,
          segmentId,
          param('limit', '1 to 1000 (default 100)', 'query'),
          param('before', 'The `next` cursor of the previous page', 'query'),
        ],
        responses: { '200': json(ref('SegmentMembersPage')), ...errors },
      },
    },
  },
  components: {
    securitySchemes: { masterKey: { type: 'http', scheme: 'bearer' } },
    responses: {
      Invalid: json(ref('Error'), 'Invalid input; `field` names it'),
      Unauthorized: json(ref('Error'), 'Missing or wrong credentials'),
      NotFound: json(ref('Error'), 'No such workspace, message, person or segment'),
      Conflict: json(ref('Error'), 'Not possible in the current status'),
    },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              field: { type: 'string' },
            },
          },
        },
      },
      WorkspaceInput: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          inApp: {
            type: 'object',
            properties: { enabled: { type: 'boolean' }, anonymous: { type: 'boolean' } },
          },
          identityVerification: { type: 'boolean' },
        },
      },
      Workspace: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          writeKey: { type: 'string', description: 'Public: ingestion and delivery only' },
          secretKey: { type: 'string', description: 'Server side: identity verification' },
          inApp: {
            type: 'object',
            properties: { enabled: { type: 'boolean' }, anonymous: { type: 'boolean' } },
          },
          identityVerification: { type: 'boolean' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      PageRule: {
        type: 'object',
        required: ['op', 'value'],
        properties: {
          op: { enum: ['matches', 'contains', 'equals', 'regex'] },
          value: { type: 'string' },
        },
      },
      Display: {
        type: 'object',
        required: ['type'],
        properties: {
          type: { enum: ['modal', 'overlay', 'inline', 'tooltip'] },
          position: {
            type: 'string',
            description:
              'modal: center|top|bottom; overlay: top-left…bottom-right; tooltip: top|bottom|left|right',
          },
          selector: { type: 'string', description: 'inline and tooltip: CSS selector' },
          width: { type: 'string' },
          overlayColor: { type: 'string' },
          dismissOnOutsideClick: { type: 'boolean' },
        },
      },
      MessageDefinition: {
        type: 'object',
        required: ['name', 'steps'],
        properties: {
          name: { type: 'string' },
          description: { type: 'string' },
          audience: {
            type: 'object',
            properties: {
              type: { enum: ['anonymous', 'identified'] },
              segment: { type: ['string', 'null'] },
            },
          },
          priority: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
          pageRules: {
            type: 'object',
            properties: {
              include: { type: 'array', items: ref('PageRule') },
              exclude: { type: 'array', items: ref('PageRule') },
            },
          },
          frequency: {
            type: 'object',
            properties: {
              maxViews: { type: ['integer', 'null'] },
              cooldownSeconds: { type: 'integer' },
            },
          },
          schedule: {
            type: 'object',
            properties: {
              startAt: { type: ['string', 'null'] },
              endAt: { type: ['string', 'null'] },
              timezone: { type: ['string', 'null'] },
            },
          },
          goal: {
            type: 'object',
            properties: {
              criteria: { enum: ['click', 'view'] },
              windowDays: { type: 'integer' },
              event: { type: ['string', 'null'] },
            },
          },
          display: ref('Display'),
          steps: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['name', 'html'],
              properties: {
                name: { type: 'string' },
                html: { type: 'string' },
                display: ref('Display'),
              },
            },
          },
        },
      },
      Message: {
        allOf: [
          ref('MessageDefinition'),
          {
            type: 'object',
            properties: {
              id: { type: 'string' },
              status: { enum: ['draft', 'active', 'paused', 'archived'] },
              version: { type: 'integer' },
              launchedAt: { type: ['string', 'null'], format: 'date-time' },
              createdAt: { type: 'string', format: 'date-time' },
              updatedAt: { type: 'string', format: 'date-time' },
            },
          },
        ],
      },
      Metrics: {
        type: 'object',
        properties: {
          views: { type: 'integer' },
          uniqueViewers: { type: 'integer' },
          dismissals: { type: 'integer' },
          clicks: { type: 'object', additionalProperties: { type: 'integer' } },
          conversions: { type: 'integer' },
          conversionRate: { type: 'number' },
          series: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                t: { type: 'string' },
                views: { type: 'integer' },
                dismissals: { type: 'integer' },
                clicks: { type: 'integer' },
                conversions: { type: 'integer' },
              },
            },
          },
        },
      },
      PersonSummary: {
        type: 'object',
        properties: {
          userId: { type: 'string' },
          email: { type: ['string', 'null'] },
          traits: { type: 'object' },
          lastSeenAt: { type: 'string' },
        },
      },
      Person: {
        type: 'object',
        properties: {
          userId: { type: 'string' },
          aliases: { type: 'array', items: { type: 'string' } },
          email: { type: ['string', 'null'] },
          traits: { type: 'object' },
          anonymousIds: { type: 'array', items: { type: 'string' } },
          createdAt: { type: 'string' },
          updatedAt: { type: 'string' },
          lastSeenAt: { type: 'string' },
        },
      },
      ActivityPage: {
        type: 'object',
        properties: {
          data: {
            type: 'array',
            items: {
              type: 'object',
              description: 'An event, shaped like the tracking call it came from',
            },
          },
          next: { type: ['string', 'null'] },
        },
      },
      SegmentMembersPage: {
        type: 'object',
        properties: {
          data: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                userId: { type: 'string' },
                email: { type: ['string', 'null'] },
                enteredAt: { type: 'string', format: 'date-time' },
              },
            },
          },
          next: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;
