import type { Resource } from './operations.js';
import { dateTime, list, pathParam, ref, ws } from './shared.js';

/** Workspaces and their keys: admin/workspaces.ts, admin/keys.ts. */

const notFound = { not_found: 'No such workspace' };

const settings = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  inApp: ref('InAppSettings'),
  identityVerification: {
    type: 'boolean',
    description: 'Delivery requires a userHash or userToken for each userId',
  },
};

export const workspaces: Resource = {
  tag: { name: 'Workspaces', description: 'Workspaces, their settings and their keys' },
  paths: {
    '/workspaces': {
      post: {
        operationId: 'createWorkspace',
        summary: 'Create a workspace',
        description: 'The answer holds its write key (public) and its secret key (server side).',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: settings,
        },
        status: 201,
        answer: ref('Workspace'),
      },
      get: {
        operationId: 'listWorkspaces',
        summary: 'List workspaces',
        answer: list(ref('Workspace')),
      },
    },
    '/workspaces/{ws}': {
      get: {
        operationId: 'getWorkspace',
        summary: 'Read a workspace',
        parameters: [ws],
        answer: ref('Workspace'),
        errors: notFound,
      },
      patch: {
        operationId: 'updateWorkspace',
        summary: 'Change a workspace’s settings',
        description: 'Only the fields sent change; `inApp` and `inApp.caps` merge key by key.',
        parameters: [ws],
        body: {
          type: 'object',
          minProperties: 1,
          additionalProperties: false,
          properties: settings,
        },
        answer: ref('Workspace'),
        errors: notFound,
      },
    },
    '/workspaces/{ws}/keys/{kind}/rotate': {
      post: {
        operationId: 'rotateKey',
        summary: 'Replace the write or the secret key',
        description:
          'The old key stops working within seconds on every node; sites must then use the new write key.',
        parameters: [ws, pathParam('kind', 'Which key', { enum: ['write', 'secret'] })],
        answer: {
          type: 'object',
          required: ['kind', 'key'],
          properties: { kind: { enum: ['write', 'secret'] }, key: { type: 'string' } },
        },
        errors: notFound,
      },
    },
  },
  schemas: {
    InAppSettings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', description: 'In-app messages are delivered' },
        anonymous: { type: 'boolean', description: 'Anonymous visitors get messages too' },
        caps: {
          type: 'object',
          additionalProperties: false,
          description:
            'At most this many different messages per visitor per session and per rolling 24 hours; null: no cap. Absent until set.',
          properties: {
            perSession: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
            perDay: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
          },
        },
      },
    },
    Workspace: {
      type: 'object',
      required: [
        'id',
        'name',
        'writeKey',
        'secretKey',
        'inApp',
        'identityVerification',
        'createdAt',
        'updatedAt',
      ],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        writeKey: { type: 'string', description: 'Public: ingestion and delivery only' },
        secretKey: { type: 'string', description: 'Server side: identity verification' },
        inApp: ref('InAppSettings'),
        identityVerification: { type: 'boolean' },
        createdAt: dateTime,
        updatedAt: dateTime,
      },
    },
  },
};
