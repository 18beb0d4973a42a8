import type { Store } from './storage.js';
import { uuid } from './uuid.js';

/** Traits or properties: any JSON object. */
export type Traits = Record<string, unknown>;

/**
 * Who this browser is. Every rule about identity lives here:
 * - the anonymous ID is a UUID v4 made on first use, kept in localStorage and a first-party
 *   cookie; whichever survived restores the other (localStorage wins when they differ);
 * - the userId is kept the same way, traits and the group in localStorage only;
 * - identifying as a different user than the stored one starts a new anonymous ID and replaces
 *   the traits (the browser changed hands), identifying the same user merges traits;
 * - reset forgets everything, so the next call gets a new anonymous ID;
 * - while opted out nothing is written (only the opt-out flag itself), and opting out wipes
 *   what was stored.
 */
export interface Identity {
  /** The anonymous ID, created on first use; null while opted out and none is stored. */
  anonymousId(): string | null;
  setAnonymousId(id: string): void;
  userId(): string | null;
  traits(): Traits;
  identify(userId: string | null, traits: Traits | undefined): void;
  /** Stores the group (a new groupId replaces the group traits) and answers it. */
  group(
    groupId: string | null,
    traits: Traits | undefined,
  ): { groupId: string | null; traits: Traits };
  reset(): void;
  optedOut(): boolean;
  optOut(): void;
  optIn(): void;
}

const ANONYMOUS_ID = 'herald_anonymous_id';
const USER_ID = 'herald_user_id';
const USER_TRAITS = 'herald_user_traits';
const GROUP_ID = 'herald_group_id';
const GROUP_TRAITS = 'herald_group_traits';
const OPT_OUT = 'herald_opt_out';

/** The keys kept in cookies as well as localStorage. */
const BOTH = [ANONYMOUS_ID, USER_ID, OPT_OUT];

/**
 * @example
 * const identity = createIdentity(localStore(), cookieStore());
 * identity.identify('u1', { plan: 'pro' });
 * identity.anonymousId(); // '3b241101-…', the same after a reload
 */
export function createIdentity(local: Store, cookies: Store): Identity {
  const write = (key: string, value: string | null) => {
    if (key !== OPT_OUT && value !== null && optedOut()) return;
    local.set(key, value);
    if (BOTH.includes(key)) cookies.set(key, value);
  };
  const read = (key: string): string | null => {
    const stored = local.get(key);
    if (!BOTH.includes(key)) return stored;
    const cookie = cookies.get(key);
    const value = stored ?? cookie;
    // Each copy restores the other: cookies get cleared on their own, and so does localStorage.
    if (value !== null && (stored !== value || cookie !== value)) write(key, value);
    return value;
  };
  const json = (key: string): Traits => {
    try {
      const value: unknown = JSON.parse(read(key) ?? '{}');
      return value && typeof value === 'object' ? (value as Traits) : {};
    } catch {
      return {};
    }
  };
  const optedOut = () => read(OPT_OUT) === '1';
  const forget = () =>
    [ANONYMOUS_ID, USER_ID, USER_TRAITS, GROUP_ID, GROUP_TRAITS].forEach((key) => write(key, null));

  return {
    anonymousId() {
      let id = read(ANONYMOUS_ID);
      if (id === null && !optedOut()) write(ANONYMOUS_ID, (id = uuid()));
      return id;
    },
    setAnonymousId: (id) => write(ANONYMOUS_ID, id),
    userId: () => read(USER_ID),
    traits: () => json(USER_TRAITS),
    identify(userId, traits) {
      const current = read(USER_ID);
      const changed = userId !== null && current !== null && userId !== current;
      if (changed) write(ANONYMOUS_ID, null);
      if (userId !== null) write(USER_ID, userId);
      write(USER_TRAITS, JSON.stringify({ ...(changed ? {} : json(USER_TRAITS)), ...traits }));
    },
    group(groupId, traits) {
      const changed = groupId !== null && groupId !== read(GROUP_ID);
      if (changed) write(GROUP_ID, groupId);
      const merged = { ...(changed ? {} : json(GROUP_TRAITS)), ...traits };
      write(GROUP_TRAITS, JSON.stringify(merged));
      return { groupId: read(GROUP_ID), traits: merged };
    },
    reset: forget,
    optedOut,
    optOut() {
      forget();
      write(OPT_OUT, '1');
    },
    optIn: () => write(OPT_OUT, null),
  };
}
