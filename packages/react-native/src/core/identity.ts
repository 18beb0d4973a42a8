import type { Storage } from './storage';
import { uuid } from './uuid';

export type Traits = Record<string, unknown>;

/** Who the SDK thinks is using the app. */
export interface User {
  anonymousId: string;
  userId: string | null;
  traits: Traits;
}

/**
 * All the identity rules in one place: an anonymous ID made once per install and kept across
 * launches; `identify(userId)` attaches the person (their traits merge, a new userId starts
 * afresh); `reset()` forgets them and starts a new anonymous visitor. Everything is written
 * through to storage, so a restart finds the same person.
 */
export function createIdentity(storage: Storage) {
  let user: User = { anonymousId: uuid(), userId: null, traits: {} };
  const save = () => storage.set('user', user);
  return {
    async load(): Promise<void> {
      const stored = await storage.get<User>('user');
      if (stored && typeof stored.anonymousId === 'string' && stored.anonymousId) {
        user = {
          anonymousId: stored.anonymousId,
          userId: stored.userId ?? null,
          traits: stored.traits ?? {},
        };
      } else await save();
    },
    get: (): User => user,
    async identify(userId: string | null, traits: Traits): Promise<void> {
      const same = userId === null || userId === user.userId;
      user = {
        anonymousId: user.anonymousId,
        userId: userId ?? user.userId,
        traits: same ? { ...user.traits, ...traits } : { ...traits },
      };
      await save();
    },
    async reset(): Promise<void> {
      user = { anonymousId: uuid(), userId: null, traits: {} };
      await save();
    },
  };
}

export type Identity = ReturnType<typeof createIdentity>;
