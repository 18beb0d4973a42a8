/**
 * Key-value stores over localStorage and first-party cookies. Either may be missing or throw
 * (private mode, blocked cookies, sandboxed frames, a full quota): then that store quietly keeps
 * its values in memory for the life of the page, so callers never need to care.
 */

export interface Store {
  get(key: string): string | null;
  /** `null` removes the key. */
  set(key: string, value: string | null): void;
  /** Every key that starts with `prefix`. */
  keys(prefix: string): string[];
}

export interface CookieOptions {
  /** Share the cookie with subdomains, e.g. `example.com`. Default: this host only. */
  domain?: string;
  /** Lifetime in days. Default 365. */
  maxAgeDays?: number;
}

/**
 * A store with a memory fallback: `backend` runs until it throws once, then memory takes over
 * (a store that failed once, on quota or security errors, is not trusted again).
 */
function fallback(backend: Store | undefined): Store {
  const memory = new Map<string, string>();
  const fallbackStore: Store = {
    get: (key) => memory.get(key) ?? null,
    set: (key, value) => void (value === null ? memory.delete(key) : memory.set(key, value)),
    keys: (prefix) => [...memory.keys()].filter((key) => key.startsWith(prefix)),
  };
  const use =
    <A extends unknown[], R>(method: (store: Store) => (...args: A) => R) =>
    (...args: A): R => {
      if (backend) {
        try {
          return method(backend)(...args);
        } catch {
          backend = undefined;
        }
      }
      return method(fallbackStore)(...args);
    };
  return { get: use((s) => s.get), set: use((s) => s.set), keys: use((s) => s.keys) };
}

/**
 * localStorage, or memory when it is unavailable.
 *
 * @example
 * const local = localStore();
 * local.set('herald_user_id', 'u1');
 */
export function localStore(): Store {
  let storage: Storage | undefined;
  try {
    // Touching `window.localStorage` itself throws in some sandboxes; a write proves it works.
    storage = window.localStorage;
    storage.setItem('herald_probe', '1');
    storage.removeItem('herald_probe');
  } catch {
    storage = undefined;
  }
  return fallback(
    storage && {
      get: (key) => storage.getItem(key),
      set: (key, value) => (value === null ? storage.removeItem(key) : storage.setItem(key, value)),
      keys(prefix) {
        const keys: string[] = [];
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (key?.startsWith(prefix)) keys.push(key);
        }
        return keys;
      },
    },
  );
}

/**
 * First-party cookies (`path=/`, SameSite=Lax, Secure on https), or memory when cookies are
 * blocked.
 *
 * @example
 * cookieStore({ domain: 'example.com' }).set('herald_anonymous_id', id);
 */
export function cookieStore(options: CookieOptions = {}): Store {
  const read = (key: string): string | null => {
    for (const pair of document.cookie.split('; ')) {
      const at = pair.indexOf('=');
      // An empty value is a deleted cookie (some engines keep `name=` around for a while).
      if (pair.slice(0, at) === key) return decodeURIComponent(pair.slice(at + 1)) || null;
    }
    return null;
  };
  const write = (key: string, value: string | null) => {
    const maxAge = value === null ? 0 : Math.round((options.maxAgeDays ?? 365) * 86400);
    document.cookie =
      `${key}=${encodeURIComponent(value ?? '')}; path=/; max-age=${maxAge}; SameSite=Lax` +
      (options.domain ? `; domain=${options.domain}` : '') +
      (location.protocol === 'https:' ? '; Secure' : '');
  };
  let works = false;
  try {
    write('herald_probe', '1');
    works = read('herald_probe') === '1';
    write('herald_probe', null);
  } catch {
    // Sandboxed documents throw on `document.cookie`: memory it is.
  }
  return fallback(
    works
      ? { get: read, set: write, keys: () => [] /* cookies hold identity only, never listed */ }
      : undefined,
  );
}
