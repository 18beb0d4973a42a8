import { messageSchemas } from './message-definition.js';
import type { OperationSpec, Resource } from './operations.js';
import { deleted, list, pathParam, queryParam, ref, ws } from './shared.js';

/** Messages, their lifecycle, test sends and figures: admin/messages.ts. */

const id = pathParam('id', 'Message id (`msg_…`)');
const notFound = { not_found: 'No such workspace or message' };

/** launch, pause, archive: a status change, refused (409) from a status that does not allow it. */
const transition = (verb: string, description: string): OperationSpec => ({
  operationId: `${verb}Message`,
  summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} a message`,
  description,
  parameters: [ws, id],
  answer: ref('Message'),
  errors: { ...notFound, invalid_transition: 'Not possible from the message’s status' },
});

export const messages: Resource = {
  tag: { name: 'Messages', description: 'In-app messages: draft → active ⇄ paused → archived' },
  paths: {
    '/workspaces/{ws}/messages': {
      post: {
        operationId: 'createMessage',
        summary: 'Create a message (a draft)',
        parameters: [ws],
        body: {
          type: 'object',
          allOf: [ref('MessageDefinition')],
          required: ['name', 'steps'],
          unevaluatedProperties: false,
        },
        status: 201,
        answer: ref('Message'),
        errors: {
          not_found:
            'No such workspace, or no segment named by `audience.segment` or `goal.segment.id`',
        },
      },
      get: {
        operationId: 'listMessages',
        summary: 'List messages with their figures at a glance',
        parameters: [
          ws,
          queryParam('status', 'Only messages in this status', {
            enum: ['draft', 'active', 'paused', 'archived'],
          }),
        ],
        answer: list({
          allOf: [
            ref('Message'),
            {
              type: 'object',
              required: ['stats'],
              properties: {
                stats: {
                  type: 'object',
                  required: ['views', 'clicks', 'conversions'],
                  properties: {
                    views: { type: 'integer' },
                    clicks: { type: 'integer' },
                    conversions: { type: 'integer' },
                  },
                },
              },
            },
          ],
        }),
        errors: { not_found: 'No such workspace' },
      },
    },
    '/workspaces/{ws}/messages/{id}': {
      get: {
        operationId: 'getMessage',
        summary: 'Read a message',
        parameters: [ws, id],
        answer: ref('Message'),
        errors: notFound,
      },
      patch: {
        operationId: 'updateMessage',
        summary: 'Edit a message',
        description:
          'Only the fields sent change. A draft changes in place; a launched message (active or paused) only with `"newVersion": true`, and gets a new content version.',
        parameters: [ws, id],
        body: {
          type: 'object',
          allOf: [ref('MessageDefinition')],
          properties: { newVersion: { type: 'boolean' } },
          unevaluatedProperties: false,
        },
        bodyRequired: false,
        answer: ref('Message'),
        errors: {
          not_found: 'No such workspace or message, or no segment the edit names',
          message_live: 'The message has been launched: send `"newVersion": true`',
          invalid_transition: 'An archived message cannot be edited',
        },
      },
      delete: {
        operationId: 'deleteMessage',
        summary: 'Delete a draft or an archived message, with its figures',
        parameters: [ws, id],
        answer: deleted,
        errors: { ...notFound, invalid_transition: 'Active or paused: archive it first' },
      },
    },
    '/workspaces/{ws}/messages/{id}/launch': {
      post: transition(
        'launch',
        'A draft or paused message becomes active: open pages learn of it at once.',
      ),
    },
    '/workspaces/{ws}/messages/{id}/pause': {
      post: transition('pause', 'An active message stops showing.'),
    },
    '/workspaces/{ws}/messages/{id}/archive': {
      post: transition('archive', 'Final: the message stops and can no longer be edited.'),
    },
    '/workspaces/{ws}/messages/{id}/test': {
      post: {
        operationId: 'testMessage',
        summary: 'Show the message to one person on their next page, whatever the targeting',
        description: 'The entry waits 24 hours for them.',
        parameters: [ws, id],
        body: {
          type: 'object',
          description: 'Exactly one of userId, email, anonymousId',
          minProperties: 1,
          properties: {
            userId: { type: 'string', minLength: 1, maxLength: 1024 },
            email: {
              type: 'string',
              minLength: 1,
              maxLength: 1024,
              description: 'Of a known person',
            },
            anonymousId: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
        status: 202,
        answer: {
          type: 'object',
          required: ['queued', 'messageId', 'expiresAt'],
          properties: {
            queued: { const: true },
            messageId: { type: 'string' },
            userId: { type: 'string' },
            email: { type: 'string' },
            anonymousId: { type: 'string' },
            expiresAt: { type: 'string', format: 'date-time' },
          },
        },
        errors: {
          not_found: 'No such workspace or message, or nobody with that email',
          invalid_transition: 'An archived message cannot be sent',
        },
      },
    },
    '/workspaces/{ws}/messages/{id}/winner': {
      post: {
        operationId: 'declareWinner',
        summary: 'End an experiment: everyone gets this variant, the holdout too',
        parameters: [ws, id],
        body: {
          type: 'object',
          required: ['variant'],
          properties: { variant: { type: 'string', description: 'A variant’s key' } },
        },
        answer: ref('Message'),
        errors: { ...notFound, validation_failed: 'No experiment, or no such variant' },
      },
    },
    '/workspaces/{ws}/messages/{id}/metrics': {
      get: {
        operationId: 'getMessageMetrics',
        summary: 'Views, unique viewers, dismissals, clicks per action, conversions, over time',
        parameters: [
          ws,
          id,
          queryParam('from', 'Default: the message’s creation', {
            type: 'string',
            format: 'date-time',
          }),
          queryParam('to', 'After `from`; default: now', { type: 'string', format: 'date-time' }),
          queryParam('interval', 'Default: `day` over more than 3 days, else `hour`', {
            enum: ['hour', 'day'],
          }),
        ],
        answer: ref('Metrics'),
        errors: notFound,
      },
    },
  },
  schemas: messageSchemas,
};
