import { type DeliveredMessage, type VisitorMessageState } from '@herald/protocol';
import type { Store } from '../core/storage.js';

const KEY = 'herald_inapp_seen';

/** Per message: [views, lastViewedAt, dismissed (1/0)]. */
type Seen = Record<string, [number, number | null, number]>;

/**
 * What this browser has done with each message since the server last said, so that frequency
 * and dismissals hold at once, in every tab (localStorage is shared) and across reloads, without
 * waiting for the next answer. The server enforces the same rules; the two are merged by taking
 * the larger view count and the later view, and a dismissal on either side.
 * Kept for the current visitor only: a new visitor (login, reset) starts afresh.
 */
export interface LocalState {
  of(message: DeliveredMessage): VisitorMessageState;
  viewed(message: DeliveredMessage): void;
  dismissed(message: DeliveredMessage): void;
}

export function localState(store: Store, visitor: () => string): LocalState {
  const read = (): Seen => {
    try {
      const stored = JSON.parse(store.get(KEY) ?? '{}') as { v?: string; m?: Seen };
      return stored.v === visitor() && stored.m ? stored.m : {};
    } catch {
      return {};
    }
  };
  const of = (message: DeliveredMessage): VisitorMessageState => {
    const [views = 0, at = null, gone = 0] = read()[message.id] ?? [];
    const server = message.state;
    return {
      views: Math.max(views, server.views),
      lastViewedAt: Math.max(at ?? 0, server.lastViewedAt ?? 0) || null,
      dismissed: server.dismissed || gone === 1,
    };
  };
  const write = (message: DeliveredMessage, change: (state: VisitorMessageState) => void) => {
    const state = of(message);
    change(state);
    const seen = read();
    seen[message.id] = [state.views, state.lastViewedAt, state.dismissed ? 1 : 0];
    // Bounded: only the most recent entries survive.
    const entries = Object.entries(seen).slice(-100);
    store.set(KEY, JSON.stringify({ v: visitor(), m: Object.fromEntries(entries) }));
  };
  return {
    of,
    viewed: (message) =>
      write(message, (state) => {
        state.views += 1;
        state.lastViewedAt = Date.now();
      }),
    dismissed: (message) => write(message, (state) => void (state.dismissed = true)),
  };
}
