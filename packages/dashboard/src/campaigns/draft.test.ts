import { describe, expect, it } from 'vitest';
import type { Campaign } from '../api/types.js';
import {
  campaignBody,
  campaignDraftOf,
  checkCampaign,
  delayUnitOf,
  describeDelay,
  describeTrigger,
  newCampaignDraft,
} from './draft.js';

const FIGURES = { sent: 0, opened: 0, clicked: 0, dismissed: 0, converted: 0, withdrawn: 0 };
const CAMPAIGN: Campaign = {
  id: 'cmp_1',
  name: 'Thanks for a big order',
  messageId: 'msg_1',
  status: 'active',
  trigger: {
    type: 'event',
    event: 'Order Completed',
    where: [{ property: 'total', op: 'greater_than', value: 100 }],
  },
  delaySeconds: 7200,
  expiresDays: 30,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  figures: FIGURES,
};

describe('campaign draft', () => {
  it('round-trips a campaign, the delay as an amount of a unit', () => {
    const draft = campaignDraftOf(CAMPAIGN);
    expect(draft).toMatchObject({ trigger: 'event', delay: 2, delayUnit: 3600 });
    expect(campaignBody(draft, true)).toEqual({
      name: CAMPAIGN.name,
      messageId: 'msg_1',
      trigger: CAMPAIGN.trigger,
      delaySeconds: 7200,
      expiresDays: 30,
    });
    // An edit cannot change the message: the body leaves it out.
    expect(campaignBody(draft, false)).not.toHaveProperty('messageId');
    const odd = campaignDraftOf({ ...CAMPAIGN, delaySeconds: 90 });
    expect(campaignBody(odd, true).delaySeconds).toBe(90);
  });

  it('sends only the fields of the chosen trigger', () => {
    const draft = {
      ...campaignDraftOf(CAMPAIGN),
      trigger: 'segment_entered' as const,
      segmentId: 'seg_1',
    };
    expect(campaignBody(draft, false).trigger).toEqual({
      type: 'segment_entered',
      segmentId: 'seg_1',
    });
    expect(newCampaignDraft('seg_2')).toMatchObject({
      trigger: 'segment_entered',
      segmentId: 'seg_2',
    });
  });

  it('picks the largest unit that divides the delay', () => {
    expect([0, 90, 600, 3600, 5400, 86400 * 3].map(delayUnitOf)).toEqual([
      60, 60, 60, 3600, 60, 86400,
    ]);
    expect([0, 90, 60, 7200, 86400].map(describeDelay)).toEqual([
      'at once',
      'after 90 seconds',
      'after 1 minute',
      'after 2 hours',
      'after 1 day',
    ]);
  });

  it('names the field of what is missing before asking the server', () => {
    const blank = newCampaignDraft();
    expect(checkCampaign(blank, true)?.field).toBe('name');
    expect(checkCampaign({ ...blank, name: 'x' }, true)?.field).toBe('messageId');
    expect(checkCampaign({ ...blank, name: 'x', messageId: 'm' }, true)?.field).toBe(
      'trigger.event',
    );
    const filtered = {
      ...campaignDraftOf(CAMPAIGN),
      where: [{ property: 'plan', op: 'equals' as const, value: '' }],
    };
    expect(checkCampaign(filtered, false)?.field).toBe('trigger.where.0.value');
    expect(checkCampaign(campaignDraftOf(CAMPAIGN), true)).toBeUndefined();
  });

  it('describes triggers in words', () => {
    expect(describeTrigger(CAMPAIGN.trigger)).toBe(
      'When someone performs “Order Completed” where total is greater than 100',
    );
    expect(describeTrigger({ type: 'segment_entered', segmentId: 's' }, 'Pros')).toBe(
      'When someone enters “Pros”',
    );
  });
});
