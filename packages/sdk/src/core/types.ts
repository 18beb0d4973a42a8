import type { Listener } from './emitter.js';
import type { Traits } from './identity.js';
import type { CookieOptions } from './storage.js';

export type { Listener, Traits, CookieOptions };

/** Options of `createHerald(writeKey, options)` and `herald.load(writeKey, options)`. */
export interface HeraldOptions {
  /**
   * The Herald server, e.g. `https://herald.example.com` (a path prefix is kept). Default: where
   * herald.js was loaded from; for the ESM build, the page's own origin.
   */
  host?: string;
  /** Send as soon as this many events wait. Default 10. */
  flushAt?: number;
  /** Otherwise send this many milliseconds after an event. Default 1000. */
  flushInterval?: number;
  /** The first-party cookie that backs up the anonymous ID and userId. */
  cookie?: CookieOptions;
  /** Settings of plugins, by name (`"In-App"`); the analytics core ignores them. */
  integrations?: Record<string, unknown>;
}

/** Per-call options, the last argument of every call. */
export interface CallOptions {
  /** Merged over the automatic context (page, library, locale…). */
  context?: Record<string, unknown>;
  integrations?: Record<string, unknown>;
  /** When it happened, if not now. */
  timestamp?: Date | string | number;
}

/** An event as it is queued and sent to `POST /v1/batch`, and as listeners receive it. */
export interface HeraldEvent {
  type: 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias';
  messageId: string;
  anonymousId: string;
  userId?: string;
  /** ISO 8601 */
  timestamp: string;
  context: Record<string, unknown>;
  integrations?: Record<string, unknown>;
  event?: string;
  name?: string;
  category?: string;
  properties?: Record<string, unknown>;
  traits?: Traits;
  groupId?: string;
  previousId?: string;
}

type Id = string | number | null | undefined;

/**
 * The Herald API, on `window.herald` or from `createHerald`. No method ever throws: problems are
 * reported on the console.
 */
export interface Herald {
  /**
   * Says who the visitor is; traits are merged into the stored ones.
   * @example herald.identify('user-42', { email: 'ada@example.com', plan: 'pro' });
   */
  identify(userId?: Id, traits?: Traits, options?: CallOptions): void;
  identify(traits: Traits, options?: CallOptions): void;
  /**
   * Records an action.
   * @example herald.track('Plan Upgraded', { plan: 'pro' });
   */
  track(event: string, properties?: Traits, options?: CallOptions): void;
  /**
   * Records a page view with url, path, referrer, title and search; page rules test `name`
   * when one is given. Call it on every route change of a single-page app.
   * @example herald.page(); herald.page('Pricing'); herald.page('Docs', 'Install', { version: 2 });
   */
  page(name?: string | null, properties?: Traits, options?: CallOptions): void;
  page(category: string, name: string, properties?: Traits, options?: CallOptions): void;
  page(properties?: Traits, options?: CallOptions): void;
  /** @example herald.screen('Checkout', { step: 2 }); */
  screen(name?: string | null, properties?: Traits, options?: CallOptions): void;
  /**
   * Links `previousId` (default: the current userId, else the anonymous ID) to `userId`.
   * @example herald.alias('user-42');
   */
  alias(userId: string | number, previousId?: Id, options?: CallOptions): void;
  /** @example herald.group('acme', { name: 'Acme Inc.' }); */
  group(groupId: string | number, traits?: Traits, options?: CallOptions): void;
  group(traits: Traits, options?: CallOptions): void;
  /** Forgets the user, traits, group and anonymous ID (on logout). */
  reset(): void;
  /**
   * Sets the anonymous ID (when given) and answers the current one.
   * @example herald.setAnonymousId('a1b2c3'); herald.setAnonymousId(); // 'a1b2c3'
   */
  setAnonymousId(id?: string): string | null;
  /**
   * Runs `callback` once Herald has loaded.
   * @example herald.ready(() => console.log(herald.user().anonymousId));
   */
  ready(callback?: () => void): Promise<void>;
  /**
   * Listens to calls (`identify`, `track`, `page`, `screen`, `group`, `alias` with the event,
   * `reset`) and to plugin events such as `in-app:message-opened`.
   * @example herald.on('track', (event) => console.log(event.event));
   */
  on(type: string, listener: Listener): void;
  /** Removes one listener, or every listener of `type`. */
  off(type: string, listener?: Listener): void;
  /** Stops storing and sending anything, and wipes what was stored, until `optIn()`. */
  optOut(): void;
  optIn(): void;
  /** Who Herald thinks the visitor is. */
  user(): { anonymousId: string | null; userId: string | null; traits: Traits };
  /** Sends queued events now (they are sent on their own within `flushInterval` anyway). */
  flush(): Promise<void>;
}
