import type { Listener } from './emitter.js';
import type { Traits } from './identity.js';
import type { CookieOptions } from './storage.js';
import type { Inbox } from '../inapp/inbox.js';

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
  /**
   * Show anonymous visitors their messages too (the workspace must allow them). Same as the
   * In-App integration's own `anonymousInApp`.
   */
  anonymousInApp?: boolean;
  /** The inbox: `{ launcher: true }` shows the built-in bell and panel (loaded on demand). */
  inbox?: { launcher?: boolean | InboxLauncherOptions };
  /**
   * Settings of plugins, by name (`"In-App"`); the analytics core ignores them. Without an
   * `"In-App"` entry the workspace's switch decides; `"In-App": false` turns in-app off.
   */
  integrations?: Record<string, unknown>;
}

/** How the inbox's built-in launcher looks, and where it goes. */
export interface InboxLauncherOptions {
  /** A corner of the window (default bottom-right); ignored when mounted into an element. */
  position?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
  /** A CSS selector of the element to mount it in, instead of a corner. */
  target?: string;
  /** Only this topic's items. */
  topic?: string;
  /** The panel's heading and the bell's label. Default "Inbox". */
  label?: string;
  /** The badge's and links' colour, e.g. "#4f46e5" (also `--herald-inbox-accent` in CSS). */
  accent?: string;
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
   * Sets the visitor's language (a BCP 47 tag; `null` goes back to the default) and answers the
   * current one: what was set, else a `locale` trait, else the browser's. Messages with
   * translations show in it; events carry it as `context.locale`.
   * @example herald.setLocale('pt-BR'); herald.setLocale(); // 'pt-BR'
   */
  setLocale(locale?: string | null): string;
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
  /**
   * With the in-app plugin: shows a message the visitor is eligible for now, whatever its page
   * rules and trigger; answers whether it is one of theirs (it shows once they are fetched).
   * @example herald.showMessage('msg_8Hq2…');
   */
  showMessage?(messageId: string): boolean;
  /** With the in-app plugin: takes every message off the screen until the next `page()`. */
  hideMessages?(): void;
  /**
   * With the in-app plugin: the visitor's inbox (its items, read state, the launcher).
   * @example herald.inbox?.unreadCount().then((n) => badge.textContent = String(n));
   */
  inbox?: Inbox;
}
