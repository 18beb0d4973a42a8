import type { Store } from './storage.js';

/** Without activity for this long, the next activity starts a new session: 30 minutes. */
export const SESSION_TIMEOUT_MS = 30 * 60_000;

const KEY = 'herald_session';

/**
 * The visitor's session. Every rule about sessions lives here:
 * - activity (the SDK loading on a page, every call, the visitor acting on a message) renews
 *   the session, or starts a new one when there is none or the last activity was 30 minutes
 *   ago or more (the usual analytics rule);
 * - nothing else renews it: polls, the event stream and messages shown are not the visitor's
 *   doing, so an idle tab keeps its old session until the visitor comes back;
 * - it is kept in localStorage as `"<startedAt> <lastActivityAt>"` (epoch ms), so the tabs of a
 *   browser share one session (memory when localStorage is unavailable);
 * - while opted out nothing is recorded, and opting out wipes it.
 */
export interface Session {
  /** Records activity now. */
  touch(): void;
  /** When the latest session began (epoch ms), ended or not; undefined before any activity. */
  startedAt(): number | undefined;
  /** Forgets the session (opt-out). */
  clear(): void;
}

/**
 * @example
 * const session = createSession(localStore(), () => !identity.optedOut());
 * session.touch();
 * session.startedAt(); // 1767225600000, the same in every tab until 30 idle minutes have passed
 */
export function createSession(
  store: Store,
  allowed: () => boolean,
  now: () => number = Date.now,
): Session {
  const read = (): [number, number] | undefined => {
    const [start, last] = (store.get(KEY) ?? '').split(' ').map(Number);
    // NaN (nothing stored, or garbage) fails both comparisons.
    return start! > 0 && last! >= start! ? [start!, last!] : undefined;
  };
  return {
    touch() {
      if (!allowed()) return;
      const time = now();
      const session = read();
      // A clock set back before the session began starts a new one rather than send a start
      // in the future (which would lift the per-session cap).
      const live = session && time >= session[0] && time - session[1] < SESSION_TIMEOUT_MS;
      store.set(KEY, live ? `${session[0]} ${Math.max(time, session[1])}` : `${time} ${time}`);
    },
    startedAt: () => read()?.[0],
    clear: () => store.set(KEY, null),
  };
}
