import type { Failures, Resource } from './operations.js';
import { dateTime, integer, list, orNull, pathParam, ref, text, ws } from './shared.js';

/** Broadcasts: one message, now or later, to everyone in a segment (admin/broadcasts.ts). */

const id = pathParam('id', 'Broadcast id (`bc_…`)');
const notFound = { not_found: 'No such workspace or broadcast' };

/** Why a broadcast or campaign may not send a message: shared with campaigns. */
export const sendable: Failures = {
  validation_failed:
    'Invalid input (`field` names it), or `messageId` names a message for anonymous visitors',
  invalid_transition: 'The message is archived',
};

export const broadcasts: Resource = {
  tag: {
    name: 'Broadcasts',
    description: 'One message to everyone in a segment at a given time (docs/campaigns.md)',
  },
  paths: {
    '/workspaces/{ws}/broadcasts': {
      post: {
        operationId: 'createBroadcast',
        summary: 'Send a message to a segment, now or at `sendAt`',
        description:
          'At `sendAt` the message is queued for every member of the segment at that moment; each entry shows at the person’s next eligible page and expires after `expiresDays`.',
        parameters: [ws],
        body: {
          type: 'object',
          required: ['messageId', 'segmentId'],
          properties: {
            messageId: text(64, 'A message whose audience is identified, not archived'),
            segmentId: text(64),
            sendAt: {
              ...orNull(dateTime),
              description: 'Absent, null or in the past: now',
            },
            expiresDays: integer(1, 365, 30),
            name: { ...text(200), default: 'Broadcast' },
          },
        },
        status: 201,
        answer: ref('Broadcast'),
        errors: {
          ...sendable,
          not_found: 'No such workspace, message (`messageId`) or segment (`segmentId`)',
        },
      },
      get: {
        operationId: 'listBroadcasts',
        summary: 'List broadcasts with their figures, newest first',
        parameters: [ws],
        answer: list(ref('Broadcast')),
        errors: { not_found: 'No such workspace' },
      },
    },
    '/workspaces/{ws}/broadcasts/{id}': {
      get: {
        operationId: 'getBroadcast',
        summary: 'Read a broadcast and its figures',
        parameters: [ws, id],
        answer: ref('Broadcast'),
        errors: notFound,
      },
    },
    '/workspaces/{ws}/broadcasts/{id}/stop': {
      post: {
        operationId: 'stopBroadcast',
        summary: 'Stop a broadcast',
        description: 'It sends nothing more, and every entry not yet opened is withdrawn.',
        parameters: [ws, id],
        answer: ref('Broadcast'),
        errors: notFound,
      },
    },
  },
  schemas: {
    Broadcast: {
      type: 'object',
      required: [
        'id',
        'name',
        'messageId',
        'segmentId',
        'status',
        'sendAt',
        'expiresDays',
        'sentAt',
        'stoppedAt',
        'createdAt',
        'figures',
      ],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        messageId: { type: 'string' },
        segmentId: { type: 'string' },
        status: { enum: ['scheduled', 'sending', 'sent', 'stopped'] },
        sendAt: dateTime,
        expiresDays: { type: 'integer' },
        sentAt: orNull(dateTime),
        stoppedAt: orNull(dateTime),
        createdAt: dateTime,
        figures: ref('SendFigures'),
      },
    },
  },
};
