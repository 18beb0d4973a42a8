import type { DeliveredInbox, VisitorMessageState } from '@herald/protocol';
import type { QueueKind } from '../store/schema.js';
import type { InAppCaps } from '../store/workspaces.js';
import type { PreparedMessage } from './catalogue.js';
import type { PreparedContent } from './content.js';

/** A message chosen for a visitor's answer, with what the answer says about it. */
export interface Chosen {
  prepared: PreparedMessage;
  state: VisitorMessageState;
  priority: number;
  queueId?: string;
  kind?: QueueKind;
  expiresAt?: number;
  /** The triggering event's properties, for Liquid's `event`. */
  event?: Record<string, unknown>;
  /** What of the message this visitor gets (set once chosen). */
  content?: PreparedContent;
  /** Its item in the visitor's inbox, when it is in the inbox. */
  inbox?: DeliveredInbox;
  /** Only for the inbox: not to be shown on the page. */
  inboxOnly?: boolean;
}

const DAY = 86_400_000;

/**
 * The workspace's caps: once a visitor has been shown `perDay` messages in the last 24 hours (or
 * `perSession` since their session began), only messages already shown in that window are
 * delivered; before that, at most as many new ones as the cap leaves, highest priority first.
 * Test sends are exempt, and so is what goes only to the inbox; a message kept in the inbox
 * that a cap keeps off the page stays in the inbox. `chosen` arrives sorted by priority.
 */
export function applyCaps(
  chosen: Chosen[],
  states: Map<string, VisitorMessageState>,
  caps: InAppCaps | undefined,
  sessionStartedAt: number | undefined,
  now: number,
): Chosen[] {
  const windows: Array<{ cap: number; since: number }> = [];
  if (caps?.perDay) windows.push({ cap: caps.perDay, since: now - DAY });
  if (caps?.perSession && sessionStartedAt !== undefined) {
    windows.push({ cap: caps.perSession, since: sessionStartedAt });
  }
  if (windows.length === 0) return chosen;
  const shownSince = (since: number) => {
    const shown = new Set<string>();
    for (const [id, state] of states) {
      if (state.lastViewedAt !== null && state.lastViewedAt >= since) shown.add(id);
    }
    return shown;
  };
  const limits = windows.map((w) => ({ ...w, shown: shownSince(w.since), added: 0 }));
  return chosen.filter((c) => {
    if (c.kind === 'test' || c.inboxOnly) return true;
    const id = c.prepared.message.id;
    if (limits.every((l) => l.shown.has(id))) return true;
    if (limits.some((l) => !l.shown.has(id) && l.shown.size + l.added >= l.cap)) {
      if (c.inbox) c.inboxOnly = true;
      return c.inbox !== undefined;
    }
    for (const l of limits) if (!l.shown.has(id)) l.added++;
    return true;
  });
}
