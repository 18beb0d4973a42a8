import { sendable } from './broadcasts.js';
import type { Resource } from './operations.js';
import { dateTime, integer, list, pathParam, ref, text, ws } from './shared.js';

/**
 * Event-triggered campaigns (admin/campaigns.ts): when a person performs an event or enters a
 * segment, queue a message for them, after an optional delay. Active on creation.
 */

const id = pathParam('id', 'Campaign id (`cmp_…`)');
const notFound = { not_found: 'No such workspace or campaign' };

const settings = {
  name: text(200),
  trigger: ref('CampaignTrigger'),
  delaySeconds: {
    ...integer(0, 31_536_000, 0),
    description: 'Between the trigger and the queueing; 0: in the transaction that applies it',
  },
  expiresDays: {
    ...integer(1, 365, 30),
    description: 'Days a queued message waits for the person',
  },
};

export const campaigns: Resource = {
  tag: {
    name: 'Campaigns',
    description: 'A message queued for each person who triggers it (docs/campaigns.md)',
  },
  paths: {
    '/workspaces/{ws}/campaigns': {
      post: {
        operationId: 'createCampaign',
        summary: 'Create a campaign (active at once)',
        parameters: [ws],
        body: {
          type: 'object',
          required: ['name', 'messageId', 'trigger'],
          properties: {
            ...settings,
            messageId: text(64, 'A message whose audience is identified, not archived'),
          },
        },
        status: 201,
        answer: ref('Campaign'),
        errors: {
          ...sendable,
          not_found:
            'No such workspace, message (`messageId`) or segment (`segmentId`, of a segment_entered trigger)',
        },
      },
      get: {
        operationId: 'listCampaigns',
        summary: 'List campaigns with their figures, newest first',
        parameters: [ws],
        answer: list(ref('Campaign')),
        errors: { not_found: 'No such workspace' },
      },
    },
    '/workspaces/{ws}/campaigns/{id}': {
      get: {
        operationId: 'getCampaign',
        summary: 'Read a campaign and its figures',
        parameters: [ws, id],
        answer: ref('Campaign'),
        errors: notFound,
      },
      patch: {
        operationId: 'updateCampaign',
        summary: 'Change a campaign’s name, trigger, delay or expiry',
        description:
          'Only the fields sent change; any other field (`messageId` included) is refused.',
        parameters: [ws, id],
        body: { type: 'object', additionalProperties: false, properties: settings },
        answer: ref('Campaign'),
        errors: {
          not_found: 'No such workspace or campaign, or no segment the trigger names',
        },
      },
    },
    '/workspaces/{ws}/campaigns/{id}/stop': {
      post: {
        operationId: 'stopCampaign',
        summary: 'Stop a campaign',
        description: 'Pending delayed sends are dropped, and entries not yet opened withdrawn.',
        parameters: [ws, id],
        answer: ref('Campaign'),
        errors: notFound,
      },
    },
    '/workspaces/{ws}/campaigns/{id}/start': {
      post: {
        operationId: 'startCampaign',
        summary: 'Resume a stopped campaign',
        parameters: [ws, id],
        answer: ref('Campaign'),
        errors: notFound,
      },
    },
  },
  schemas: {
    CampaignTrigger: {
      oneOf: [
        {
          type: 'object',
          title: 'event',
          description: 'The person performs `event`, its properties passing every filter',
          required: ['type', 'event'],
          properties: {
            type: { const: 'event' },
            event: text(200),
            where: { type: 'array', maxItems: 20, items: ref('PropertyFilter') },
          },
        },
        {
          type: 'object',
          title: 'segment_entered',
          description: 'The person enters the segment',
          required: ['type', 'segmentId'],
          properties: { type: { const: 'segment_entered' }, segmentId: text(64) },
        },
      ],
    },
    Campaign: {
      type: 'object',
      required: [
        'id',
        'name',
        'messageId',
        'status',
        'trigger',
        'delaySeconds',
        'expiresDays',
        'createdAt',
        'updatedAt',
        'figures',
      ],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        messageId: { type: 'string' },
        status: { enum: ['active', 'stopped'] },
        trigger: ref('CampaignTrigger'),
        delaySeconds: { type: 'integer' },
        expiresDays: { type: 'integer' },
        createdAt: dateTime,
        updatedAt: dateTime,
        figures: ref('SendFigures'),
      },
    },
  },
};
