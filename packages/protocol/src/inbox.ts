import type { Display } from './message.js';

/**
 * The inbox: a feed of messages that stay until a person archives them (or they expire), with a
 * read state kept by the server per person and per anonymous visitor, so that every tab and
 * device of theirs shows the same unread count.
 *
 * A message is in the inbox when its display type is `inbox` (it lives only there) or when it
 * has `inbox` settings (it shows as usual and is kept in the inbox afterwards).
 */

/** A message's inbox settings, as the admin API takes them. */
export interface InboxSettings {
  /** Groups the feed (`herald.inbox.list({ topic })`); null: no topic. */
  topic?: string | null;
  /** The line the feed shows; null: the first heading (or first words) of the first step. */
  title?: string | null;
  /** ISO 8601: after it the item leaves every inbox; null: it stays until archived. */
  expiresAt?: string | null;
}

/** What a delivered message says about its place in the visitor's inbox. */
export interface DeliveredInbox {
  topic: string | null;
  title: string | null;
  /** Epoch ms it arrived: the launch, the schedule start, or the broadcast's send. */
  at: number;
  /** Epoch ms it was read (opened, or marked read); null: unread. */
  readAt: number | null;
  expiresAt: number | null;
}

/** Whether a message belongs in the inbox. */
export function inInbox(message: { display: Pick<Display, 'type'>; inbox?: unknown }): boolean {
  return (
    message.display.type === 'inbox' || (message.inbox !== undefined && message.inbox !== null)
  );
}

export const INBOX_LIMITS = {
  maxTopicLength: 100,
  maxTitleLength: 200,
} as const;
