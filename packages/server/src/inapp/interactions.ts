import type { Interaction, InteractionCondition } from '@herald/protocol';
import { invalid } from '../errors.js';
import { boolean, type Fields, integer, oneOf, text } from '../http/fields.js';
import type { InteractionFacts } from '../store/interactions.js';

export type { InteractionFacts };

/**
 * Earlier interactions as targeting: "has seen / clicked / dismissed / converted on message X
 * (within N days)", or has not. Message audiences use them for identified people and anonymous
 * visitors alike (inapp/delivery.ts); segments use them for people (campaigns/conditions.ts).
 *
 * What a person did is read from their message states and conversions: under every key of
 * theirs (their userIds and the anonymous IDs linked to them, so what they did before they
 * signed up counts), or, for an anonymous visitor, under their anonymous ID
 * (store/interactions.ts). "Clicked" is their first click on the message, "seen" their last
 * view, "dismissed" their dismissal, "converted" their conversion.
 *
 * @example
 * { type: 'message', messageId: 'msg_8Hq2', interaction: 'clicked', withinDays: 30, negate: true }
 * // people who have not clicked msg_8Hq2 in the last 30 days (or ever)
 */
export const INTERACTIONS: readonly Interaction[] = ['seen', 'clicked', 'dismissed', 'converted'];

export const NO_INTERACTIONS: InteractionFacts = new Map();

const DAY = 86_400_000;
const MAX_DAYS = 365;

export function interactionMatches(
  condition: InteractionCondition,
  facts: InteractionFacts,
  now: number,
): boolean {
  const at = facts.get(condition.messageId)?.[condition.interaction];
  const did =
    at !== undefined &&
    (condition.withinDays === undefined || now - at <= condition.withinDays * DAY);
  return condition.negate ? !did : did;
}

/** Validates one condition; `raw.type` has been read as `message` by the caller, or is absent. */
export function parseInteraction(raw: Fields, path: string): InteractionCondition {
  const condition: InteractionCondition = {
    type: 'message',
    messageId: text(raw.messageId, `${path}.messageId`, 64),
    interaction: oneOf(raw.interaction, `${path}.interaction`, INTERACTIONS),
  };
  if (raw.withinDays !== undefined && raw.withinDays !== null) {
    condition.withinDays = integer(raw.withinDays, `${path}.withinDays`, 1, MAX_DAYS);
  }
  if (raw.negate !== undefined && raw.negate !== null) {
    condition.negate = boolean(raw.negate, `${path}.negate`);
  }
  for (const key of Object.keys(raw)) {
    if (!['type', 'messageId', 'interaction', 'withinDays', 'negate'].includes(key)) {
      throw invalid(`${path}.${key}`, 'is not a field of a message condition');
    }
  }
  return condition;
}

/** The messages some conditions ask about: what facts need loading. */
export function messagesAskedAbout(conditions: Iterable<InteractionCondition>): string[] {
  return [...new Set([...conditions].map((c) => c.messageId))];
}
