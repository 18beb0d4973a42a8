import type { AudienceType, Display, Frequency } from './message.js';

/**
 * Who may see a message, and when: pure rules that the server applies when it answers a visitor
 * and the SDK applies again on every page without a round trip. Times are epoch milliseconds.
 */

/** What one visitor has done with one message so far. */
export interface VisitorMessageState {
  views: number;
  /** When it was last shown to them; null if never. */
  lastViewedAt: number | null;
  /** A dismissed message never returns (unless the message sets `reEligibleAfterSeconds`). */
  dismissed: boolean;
  /** When it was dismissed (epoch ms), for re-eligibility; absent from older servers. */
  dismissedAt?: number | null;
  /** In an experiment: the variant (or `holdout`) they were first exposed to. */
  variant?: string;
}

export const NEVER_SEEN: VisitorMessageState = { views: 0, lastViewedAt: null, dismissed: false };

/**
 * Anonymous messages go to visitors who are not identified, never to identified people (once
 * identified, anonymous messages stop); identified messages only to identified people.
 */
export function audienceAllows(audience: AudienceType, identified: boolean): boolean {
  return audience === 'anonymous' ? !identified : identified;
}

/** Within [startAt, endAt): null bounds are open. */
export function scheduleAllows(startAt: number | null, endAt: number | null, now: number): boolean {
  return (startAt === null || now >= startAt) && (endAt === null || now < endAt);
}

/**
 * Never after a dismissal; at most `maxViews` views (null: no limit); and not again before
 * `cooldownSeconds` have passed since the last view.
 */
export function frequencyAllows(
  frequency: Frequency,
  state: VisitorMessageState,
  now: number,
): boolean {
  const maxed = frequency.maxViews !== null && state.views >= frequency.maxViews;
  if (state.dismissed || maxed) return reEligible(frequency, state, now);
  if (frequency.cooldownSeconds > 0 && state.lastViewedAt !== null) {
    return now - state.lastViewedAt >= frequency.cooldownSeconds * 1000;
  }
  return true;
}

/**
 * Whether a dismissed or maxed-out message is eligible again: `reEligibleAfterSeconds` after the
 * dismissal (or, when only maxed out, after the last view). The next view starts the count over.
 */
export function reEligible(frequency: Frequency, state: VisitorMessageState, now: number): boolean {
  const after = frequency.reEligibleAfterSeconds;
  if (after === undefined || after === null) return false;
  const since = state.dismissed ? (state.dismissedAt ?? null) : state.lastViewedAt;
  return since !== null && now - since >= after * 1000;
}

/** What `byPriority` orders. */
export interface Prioritised {
  id: string;
  priority: number;
  /** Epoch ms of the launch; equal priorities show in launch order, one after the other. */
  launchedAt: number | null;
}

/** Priority 1 first; among equals, the first launched first; then by id, so the order is total. */
export function byPriority(a: Prioritised, b: Prioritised): number {
  return (
    a.priority - b.priority ||
    (a.launchedAt ?? Infinity) - (b.launchedAt ?? Infinity) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * The place on the page a message occupies: one message per slot at a time. All modals share one
 * slot (they cover the page); overlays have one per position; inline messages and tooltips one
 * per element they attach to.
 */
export function slotOf(display: Pick<Display, 'type' | 'position' | 'selector'>): string {
  switch (display.type) {
    case 'modal':
      return 'modal';
    case 'overlay':
      return `overlay:${display.position ?? 'bottom-right'}`;
    default:
      return `${display.type}:${display.selector ?? ''}`;
  }
}
