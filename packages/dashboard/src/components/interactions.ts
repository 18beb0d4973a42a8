import type { Interaction, InteractionCondition } from '@herald/protocol';
import { createContext, useContext } from 'react';

/**
 * "Has seen / clicked / dismissed / converted on message X (within N days)", or has not: what the
 * message editor's audience and the segment builder edit, and its conversion to the API's JSON.
 */
export interface InteractionDraft {
  type: 'message';
  messageId: string;
  interaction: Interaction;
  negate: boolean;
  /** Within the last `withinDays` days; false: ever. */
  windowed: boolean;
  withinDays: number;
}

export const INTERACTION_LABELS: Record<Interaction, string> = {
  seen: 'seen',
  clicked: 'clicked',
  dismissed: 'dismissed',
  converted: 'converted on',
};

export const newInteraction = (messageId = ''): InteractionDraft => ({
  type: 'message',
  messageId,
  interaction: 'seen',
  negate: false,
  windowed: false,
  withinDays: 30,
});

export const interactionDraftOf = (c: InteractionCondition): InteractionDraft => ({
  type: 'message',
  messageId: c.messageId,
  interaction: c.interaction,
  negate: c.negate ?? false,
  windowed: c.withinDays !== undefined,
  withinDays: c.withinDays ?? 30,
});

export function interactionBody(d: InteractionDraft): InteractionCondition {
  const body: InteractionCondition = {
    type: 'message',
    messageId: d.messageId,
    interaction: d.interaction,
  };
  if (d.windowed) body.withinDays = d.withinDays;
  if (d.negate) body.negate = true;
  return body;
}

/** The workspace's messages by id, for conditions to name them. */
export type MessageNames = ReadonlyMap<string, string>;
export const MessageNamesContext = createContext<MessageNames>(new Map());
export const useMessageNames = () => useContext(MessageNamesContext);

/** One condition in words: `has not clicked “Spring sale” in the last 30 days`. */
export function describeInteraction(c: InteractionCondition, names: MessageNames): string {
  const name = names.get(c.messageId);
  const message = name ? `“${name}”` : `message ${c.messageId}`;
  const when = c.withinDays === undefined ? '' : ` in the last ${c.withinDays} days`;
  return `${c.negate ? 'has not' : 'has'} ${INTERACTION_LABELS[c.interaction]} ${message}${when}`;
}
