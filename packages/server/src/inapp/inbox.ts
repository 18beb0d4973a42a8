import type { DeliveredInbox } from '@herald/protocol';
import type { StoredMessageState } from '../store/message-states.js';
import type { PreparedInbox } from './catalogue.js';

/**
 * The inbox on the delivery path. A message kept in the inbox is delivered to a visitor for as
 * long as its item is in their inbox — after they dismissed it, saw it as often as its frequency
 * allows, or a cap kept it off the page — until they archive it or it expires; it then carries
 * `inboxOnly`, and the SDK lists it without showing it. Its read state is the server's (the
 * visitor's message state), so every tab and device of theirs agrees: a read or an archive is an
 * in-app report, and the change reaches their other pages over the stream (effects.ts).
 *
 * @example
 * const item = inboxItem(prepared.inbox, state, arrivedAt, Date.now());
 * if (item) delivered.inbox = item;
 */
export function inboxItem(
  inbox: PreparedInbox,
  state: Pick<StoredMessageState, 'readAt' | 'archivedAt'>,
  arrivedAt: number,
  now: number,
): DeliveredInbox | undefined {
  if (state.archivedAt !== undefined) return undefined;
  if (inbox.expiresAt !== null && now >= inbox.expiresAt) return undefined;
  return {
    topic: inbox.topic,
    title: inbox.title,
    at: arrivedAt,
    readAt: state.readAt ?? null,
    expiresAt: inbox.expiresAt,
  };
}

/** When a standing (targeted) message arrived in every inbox: its launch, or its start if later. */
export function arrivalOf(launchedAt: number | null, startAt: number | null): number {
  return Math.max(launchedAt ?? 0, startAt ?? 0);
}
