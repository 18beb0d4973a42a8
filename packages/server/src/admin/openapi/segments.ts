import { conditionSchemas } from './conditions.js';
import type { Resource } from './operations.js';
import {
  before,
  dateTime,
  deleted,
  list,
  page,
  pathParam,
  queryParam,
  ref,
  text,
  ws,
} from './shared.js';

/**
 * Segments and their members: admin/segments.ts. Membership is built by a job when a segment is
 * created or its conditions change, then kept up to date as calls arrive.
 */

const id = pathParam('id', 'Segment id (`seg_…`)');
const notFound = { not_found: 'No such workspace or segment' };

export const segments: Resource = {
  tag: {
    name: 'Segments',
    description: 'People by their traits and events, in AND/OR groups (docs/campaigns.md)',
  },
  paths: {
    '/workspaces/{ws}/segments': {
      post: {
        operationId: 'createSegment',
        summary: 'Create a segment',
        description:
          'Its build counts past events and decides everyone; meanwhile `building` is true and `members` grows.',
        parameters: [ws],
        body: {
          type: 'object',
          required: ['name', 'conditions'],
          properties: { name: text(200), conditions: ref('ConditionGroup') },
        },
        status: 201,
        answer: ref('Segment'),
        errors: { not_found: 'No such workspace' },
      },
      get: {
        operationId: 'listSegments',
        summary: 'List segments with their live member counts, newest first',
        parameters: [ws],
        answer: list(ref('Segment')),
        errors: { not_found: 'No such workspace' },
      },
    },
    '/workspaces/{ws}/segments/{id}': {
      get: {
        operationId: 'getSegment',
        summary: 'Read a segment',
        parameters: [ws, id],
        answer: ref('Segment'),
        errors: notFound,
      },
      patch: {
        operationId: 'updateSegment',
        summary: 'Rename a segment or change its conditions',
        description:
          'New conditions start a new build (an older build in progress stops); the same conditions again, or a new name, build nothing.',
        parameters: [ws, id],
        body: {
          type: 'object',
          properties: { name: text(200), conditions: ref('ConditionGroup') },
        },
        answer: ref('Segment'),
        errors: notFound,
      },
      delete: {
        operationId: 'deleteSegment',
        summary: 'Delete a segment and its memberships',
        parameters: [ws, id],
        answer: deleted,
        errors: {
          ...notFound,
          conflict: 'A scheduled or sending broadcast goes to this segment',
        },
      },
    },
    '/workspaces/{ws}/segments/{id}/members': {
      get: {
        operationId: 'listSegmentMembers',
        summary: 'The segment’s members, newest first, a page at a time',
        description:
          'Ordered by entry time, then profile: people who join meanwhile do not shift the pages still to come. Pass `next` as `before` for the following page. Other query parameters are refused.',
        parameters: [
          ws,
          id,
          queryParam('limit', 'Members per page', {
            type: 'integer',
            minimum: 1,
            maximum: 1000,
            default: 100,
          }),
          before,
        ],
        answer: page(ref('SegmentMember')),
        errors: notFound,
      },
    },
  },
  schemas: {
    ...conditionSchemas,
    Segment: {
      type: 'object',
      required: ['id', 'name', 'conditions', 'members', 'building', 'createdAt', 'updatedAt'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        conditions: ref('ConditionGroup'),
        members: { type: 'integer', description: 'A live count' },
        building: {
          type: 'boolean',
          description: 'Its build is under way: `members` is partial and growing',
        },
        createdAt: dateTime,
        updatedAt: dateTime,
      },
    },
    SegmentMember: {
      type: 'object',
      required: ['userId', 'email', 'enteredAt'],
      properties: {
        userId: { type: 'string' },
        email: { type: ['string', 'null'] },
        enteredAt: dateTime,
      },
    },
  },
};
