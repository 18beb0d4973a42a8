import { ApiError } from '../api/client.js';
import type { Campaign, CampaignTrigger } from '../api/types.js';
import { largestUnit } from '../components/duration-input.js';
import {
  checkFilters,
  describeFilter,
  type FilterDraft,
  filterBody,
  filterDraftOf,
} from '../segments/conditions.js';

/**
 * What the campaign form edits, and its conversion to and from the admin API. The delay is an
 * amount and a unit, as people think of it (2 hours), sent in seconds.
 */
export interface CampaignDraft {
  name: string;
  messageId: string;
  trigger: CampaignTrigger['type'];
  event: string;
  where: FilterDraft[];
  segmentId: string;
  delay: number;
  /** Seconds per unit of `delay`. */
  delayUnit: number;
  expiresDays: number;
}

export const DELAY_UNITS = [
  { label: 'minutes', seconds: 60 },
  { label: 'hours', seconds: 3600 },
  { label: 'days', seconds: 86400 },
];

/** The largest unit that divides the delay evenly: 7200 s is 2 hours; 0 and 90 s are minutes. */
export function delayUnitOf(seconds: number): number {
  return largestUnit(seconds, DELAY_UNITS)?.seconds ?? 60;
}

export function newCampaignDraft(segmentId = ''): CampaignDraft {
  return {
    name: '',
    messageId: '',
    trigger: segmentId ? 'segment_entered' : 'event',
    event: '',
    where: [],
    segmentId,
    delay: 0,
    delayUnit: 60,
    expiresDays: 30,
  };
}

export function campaignDraftOf(c: Campaign): CampaignDraft {
  const unit = delayUnitOf(c.delaySeconds);
  return {
    name: c.name,
    messageId: c.messageId,
    trigger: c.trigger.type,
    event: c.trigger.type === 'event' ? c.trigger.event : '',
    where: c.trigger.type === 'event' ? (c.trigger.where ?? []).map(filterDraftOf) : [],
    segmentId: c.trigger.type === 'segment_entered' ? c.trigger.segmentId : '',
    // Whole seconds that fit no unit (90 s) show as a fraction of a minute.
    delay: c.delaySeconds / unit,
    delayUnit: unit,
    expiresDays: c.expiresDays,
  };
}

export interface CampaignBody {
  name: string;
  messageId?: string;
  trigger: CampaignTrigger;
  delaySeconds: number;
  expiresDays: number;
}

/** The body of a create (with the message) or of an edit (the message cannot change). */
export function campaignBody(d: CampaignDraft, withMessage: boolean): CampaignBody {
  const trigger: CampaignTrigger =
    d.trigger === 'segment_entered'
      ? { type: 'segment_entered', segmentId: d.segmentId }
      : {
          type: 'event',
          event: d.event.trim(),
          ...(d.where.length > 0 ? { where: d.where.map(filterBody) } : {}),
        };
  return {
    name: d.name.trim(),
    ...(withMessage ? { messageId: d.messageId } : {}),
    trigger,
    delaySeconds: Math.round(d.delay * d.delayUnit),
    expiresDays: d.expiresDays,
  };
}

/** What the form can tell before asking the server: a missing choice, an empty filter. */
export function checkCampaign(d: CampaignDraft, withMessage: boolean): ApiError | undefined {
  const problem = (message: string, field: string) =>
    new ApiError(400, 'validation_failed', message, field);
  if (!d.name.trim()) return problem('Give the campaign a name.', 'name');
  if (withMessage && !d.messageId) return problem('Choose a message.', 'messageId');
  if (d.trigger === 'segment_entered') {
    return d.segmentId ? undefined : problem('Choose a segment.', 'trigger.segmentId');
  }
  if (!d.event.trim()) return problem('Name the event, e.g. Order Completed.', 'trigger.event');
  return checkFilters(d.where, 'trigger.where');
}

/** The trigger in words. */
export function describeTrigger(trigger: CampaignTrigger, segmentName?: string): string {
  if (trigger.type === 'segment_entered') {
    return `When someone enters ${segmentName ? `“${segmentName}”` : 'a deleted segment'}`;
  }
  const where = trigger.where?.length
    ? ` where ${trigger.where.map(describeFilter).join(' and ')}`
    : '';
  return `When someone performs “${trigger.event}”${where}`;
}

/** `at once`, `after 2 hours`, `after 90 seconds`. */
export function describeDelay(seconds: number): string {
  if (seconds === 0) return 'at once';
  const unit = DELAY_UNITS.find((u) => u.seconds === delayUnitOf(seconds))!;
  const n = seconds / unit.seconds;
  if (!Number.isInteger(n)) return `after ${seconds} seconds`;
  return `after ${n} ${n === 1 ? unit.label.slice(0, -1) : unit.label}`;
}
