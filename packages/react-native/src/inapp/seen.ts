import type { DeliveredMessage, VisitorMessageState } from '@herald/protocol';
import type { Storage } from '../core/storage';

/** Per message: [views, lastViewedAt, dismissed (1/0)], for one visitor. */
type Seen = Record<string, [number, number | null, number]>;

/**
 * What this app has done with each message since the server last said, kept in storage so that
 * frequency and dismissals hold at once and across restarts (offline too), without waiting for
 * the next answer. Merged with the server's state by taking the larger view count, the later
 * view, and a dismissal on either side. Kept for the current visitor only.
 */
export function createSeen(storage: Storage, visitor: () => string) {
  let seen: Seen = {};
  let owner = '';
  const save = () => storage.set('inapp-seen', { v: owner, m: seen });
  return {
    async load(): Promise<void> {
      const stored = await storage.get<{ v: string; m: Seen }>('inapp-seen');
      owner = visitor();
      seen = stored && stored.v === owner ? stored.m : {};
    },
    of(message: DeliveredMessage): VisitorMessageState {
      if (owner !== visitor()) {
        owner = visitor();
        seen = {};
      }
      const [views = 0, at = null, gone = 0] = seen[message.id] ?? [];
      const server = message.state;
      return {
        views: Math.max(views, server.views),
        lastViewedAt: Math.max(at ?? 0, server.lastViewedAt ?? 0) || null,
        dismissed: server.dismissed || gone === 1,
      };
    },
    async record(message: DeliveredMessage, change: 'viewed' | 'dismissed'): Promise<void> {
      const state = this.of(message);
      if (change === 'viewed') {
        state.views += 1;
        state.lastViewedAt = Date.now();
      } else state.dismissed = true;
      seen[message.id] = [state.views, state.lastViewedAt, state.dismissed ? 1 : 0];
      const entries = Object.entries(seen).slice(-100);
      seen = Object.fromEntries(entries);
      await save();
    },
  };
}

export type SeenState = ReturnType<typeof createSeen>;
