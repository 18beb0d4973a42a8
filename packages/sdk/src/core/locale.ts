import { isLocaleTag } from '@herald/protocol';
import type { Store } from './storage.js';

const KEY = 'herald_locale';

/**
 * The visitor's language, for messages with translations and every event's `context.locale`:
 * what the site set with `setLocale()` (kept across pages), else a `locale` trait, else the
 * browser's (`navigator.language`).
 *
 * @example
 * const locale = createLocale(localStore(), () => identity.traits());
 * locale.set('pt-BR'); locale.get(); // 'pt-BR'
 */
export function createLocale(store: Store, traits: () => Record<string, unknown>) {
  return {
    get: (): string => {
      const trait = traits().locale;
      return store.get(KEY) ?? (isLocaleTag(trait) ? trait : navigator.language);
    },
    /** A tag sets it; null forgets it; anything else is ignored. Answers whether it changed. */
    set(tag: unknown): boolean {
      if ((tag !== null && !isLocaleTag(tag)) || store.get(KEY) === tag) return false;
      store.set(KEY, tag);
      return true;
    },
  };
}
