import type { EventType } from '../../store/schema.js';
import type { Resource } from './operations.js';
import { before, dateTime, list, page, pathParam, queryParam, ref, ws } from './shared.js';

/** People, anonymous visitors and their activity: admin/people.ts, admin/people-search.ts. */

const EVENT_TYPES: EventType[] = [
  'identify',
  'track',
  'page',
  'screen',
  'group',
  'alias',
  'inapp',
  'segment',
];

const id = { type: 'string', minLength: 1, maxLength: 1024 };
const userId = pathParam('userId', 'One of the person’s userIds (canonical or merged)', id);
const anonymousId = pathParam('anonymousId', 'An anonymous ID', id);
const limit = queryParam('limit', 'Events per page', {
  type: 'integer',
  minimum: 1,
  maximum: 500,
  default: 50,
});
const noPerson = { not_found: 'No such workspace, or nobody with that userId' };

export const people: Resource = {
  tag: {
    name: 'People',
    description: 'People and anonymous visitors, as ingestion made them; reads wait for it',
  },
  paths: {
    '/workspaces/{ws}/people': {
      get: {
        operationId: 'searchPeople',
        summary: 'Search people by userId or email prefix (any case), or exact anonymous ID',
        description: 'Most recently seen first; without `q`, the people seen most recently.',
        parameters: [
          ws,
          queryParam('q', 'What to look for', { type: 'string', maxLength: 1024 }),
          queryParam('limit', 'How many', {
            type: 'integer',
            minimum: 1,
            maximum: 100,
            default: 25,
          }),
        ],
        answer: list(ref('PersonSummary')),
        errors: { not_found: 'No such workspace' },
      },
    },
    '/workspaces/{ws}/people/{userId}': {
      get: {
        operationId: 'getPerson',
        summary: 'A person',
        parameters: [ws, userId],
        answer: ref('Person'),
        errors: noPerson,
      },
      delete: {
        operationId: 'erasePerson',
        summary:
          'Erase every row about a person: profile, identities, events, memberships, counters, message states, queue entries, conversions, pending sends (SECURITY.md, Erasure)',
        parameters: [ws, userId],
        answer: {
          type: 'object',
          required: ['deleted', 'userId', 'events'],
          properties: {
            deleted: { const: true },
            userId: { type: 'string', description: 'Their canonical userId' },
            events: { type: 'integer', description: 'Events erased' },
          },
        },
        errors: noPerson,
      },
    },
    '/workspaces/{ws}/people/{userId}/activity': {
      get: {
        operationId: 'getPersonActivity',
        summary: 'The person’s merged history, newest first, a page at a time',
        parameters: [ws, userId, limit, before],
        answer: ref('ActivityPage'),
        errors: noPerson,
      },
    },
    '/workspaces/{ws}/anonymous/{anonymousId}': {
      get: {
        operationId: 'getAnonymous',
        summary: 'An anonymous visitor and the person they merged into, if any',
        parameters: [ws, anonymousId],
        answer: {
          type: 'object',
          required: ['anonymousId', 'userId'],
          properties: { anonymousId: { type: 'string' }, userId: { type: ['string', 'null'] } },
        },
        errors: { not_found: 'No such workspace' },
      },
    },
    '/workspaces/{ws}/anonymous/{anonymousId}/activity': {
      get: {
        operationId: 'getAnonymousActivity',
        summary: 'An anonymous ID’s events, newest first, a page at a time',
        parameters: [ws, anonymousId, limit, before],
        answer: ref('ActivityPage'),
        errors: { not_found: 'No such workspace' },
      },
    },
  },
  schemas: {
    PersonSummary: {
      type: 'object',
      required: ['userId', 'email', 'traits', 'lastSeenAt'],
      properties: {
        userId: { type: 'string' },
        email: { type: ['string', 'null'] },
        traits: { type: 'object' },
        lastSeenAt: dateTime,
      },
    },
    Person: {
      type: 'object',
      required: [
        'userId',
        'aliases',
        'email',
        'traits',
        'anonymousIds',
        'createdAt',
        'updatedAt',
        'lastSeenAt',
      ],
      properties: {
        userId: { type: 'string', description: 'Canonical' },
        aliases: {
          type: 'array',
          items: { type: 'string' },
          description: 'Other userIds merged into this person',
        },
        email: { type: ['string', 'null'] },
        traits: { type: 'object' },
        anonymousIds: { type: 'array', items: { type: 'string' } },
        createdAt: dateTime,
        updatedAt: dateTime,
        lastSeenAt: dateTime,
      },
    },
    ActivityPage: page({
      type: 'object',
      description:
        'An event, shaped like the tracking call it came from; type `segment` records entering and leaving segments',
      required: ['id', 'messageId', 'type', 'userId', 'anonymousId', 'timestamp', 'receivedAt'],
      properties: {
        id: { type: 'integer' },
        messageId: { type: 'string', description: 'The tracking call’s messageId' },
        type: { enum: EVENT_TYPES },
        userId: { type: ['string', 'null'] },
        anonymousId: { type: ['string', 'null'] },
        event: { type: 'string', description: 'track' },
        name: { type: 'string', description: 'page, screen, inapp and segment events' },
        groupId: { type: 'string' },
        previousId: { type: 'string' },
        properties: { type: 'object' },
        traits: { type: 'object' },
        context: { type: 'object' },
        timestamp: dateTime,
        receivedAt: dateTime,
      },
    }),
  },
};
