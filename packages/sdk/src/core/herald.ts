import { TRACKING_LIMITS } from '@herald/protocol';
import {
  eventContext,
  fromSnapshot,
  isSnapshot,
  pageProperties,
  type PageSnapshot,
  snapshot,
} from './context.js';
import { createEmitter } from './emitter.js';
import { createIdentity, type Traits } from './identity.js';
import { createLocale } from './locale.js';
import { trace, warn, warnOnce } from './log.js';
import { compatMethods, type CompatApi } from '../compat/methods.js';
import { createMiddlewares } from '../compat/middleware.js';
import type { Plugin } from './plugin.js';
import { createQueue, type QueuedEvent } from './queue.js';
import { createSession } from './session.js';
import { cookieStore, localStore } from './storage.js';
import type { CallOptions, Herald, HeraldEvent, HeraldOptions } from './types.js';
import { uuid } from './uuid.js';

/** What the browser global needs on top of the public API. */
export interface HeraldInternal extends Herald, CompatApi {
  /** Runs a call the snippet buffered: `[method, ...args, pageSnapshot?]`. */
  replay(call: unknown[]): void;
}

// Arguments arrive from untyped pages; each method sorts out its own overloads.
type Args = [unknown?, unknown?, unknown?, unknown?];

const isObject = (value: unknown): value is Traits =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const id = (value: unknown) =>
  value === null || value === undefined || value === '' ? null : String(value);

/**
 * Creates a Herald client for the site that owns `writeKey`. Use it when you bundle your site's
 * code; pages without a bundler use the snippet or `<script src=".../sdk/herald.js">`.
 *
 * @example
 * import { createHerald } from '@herald/sdk';
 * const herald = createHerald('WRITE_KEY', { host: 'https://herald.example.com' });
 * herald.page();
 */
export function createHerald(writeKey: string, options?: HeraldOptions): Herald {
  return createInternal(writeKey, options);
}

export function createInternal(
  writeKey: string,
  options: HeraldOptions = {},
  plugins: Plugin[] = [],
): HeraldInternal {
  const host = (options.host ?? location.origin).replace(/\/+$/, '');
  const identity = createIdentity(localStore(), cookieStore(options.cookie));
  const locale = createLocale(localStore(), () => identity.traits());
  const events = createEmitter();
  const queue = createQueue({
    writeKey,
    url: `${host}/v1/batch`,
    flushAt: options.flushAt ?? 10,
    flushInterval: options.flushInterval ?? 1000,
    // Its own store: a full quota here must not cost the identity its localStorage.
    store: localStore(),
  });
  const session = createSession(localStore(), () => !identity.optedOut());
  const encoder = new TextEncoder();
  const middlewares = createMiddlewares();
  /** The page of the buffered call being replayed, if any. */
  let pinned: PageSnapshot | undefined;

  const record = (
    type: HeraldEvent['type'],
    fields: Partial<HeraldEvent>,
    callOptions: unknown,
    page = pinned ?? snapshot(),
  ) => {
    if (identity.optedOut()) return;
    session.touch();
    const call = (isObject(callOptions) ? callOptions : {}) as CallOptions;
    const event = {
      type,
      messageId: uuid(),
      anonymousId: identity.anonymousId(),
      userId: identity.userId() ?? undefined,
      timestamp: new Date(call.timestamp ?? (page.d || Date.now())).toISOString(),
      context: { ...eventContext(page), locale: locale.get(), ...call.context },
      integrations: call.integrations,
      ...fields,
    };
    // Copies through JSON: later changes to the caller's objects (or a middleware's) don't leak
    // in, and an event that can't be serialised or is too large is refused here, not by the
    // server.
    middlewares.run(JSON.parse(JSON.stringify(event)) as HeraldEvent, (event) => {
      const json = JSON.stringify(event);
      if (encoder.encode(json).length > TRACKING_LIMITS.maxCallBytes) {
        return warn(`${type} dropped: larger than ${TRACKING_LIMITS.maxCallBytes / 1024} KB`);
      }
      const queued = JSON.parse(json) as QueuedEvent;
      trace(type, queued);
      queue.push(queued);
      events.emit(type, queued);
    });
  };

  const api = {
    identify(...[userId, traits, callOptions]: Args) {
      if (isObject(userId)) [userId, traits, callOptions] = [null, userId, traits];
      identity.identify(id(userId), isObject(traits) ? traits : undefined);
      record('identify', { traits: identity.traits() }, callOptions);
    },
    track(...[event, properties, callOptions]: Args) {
      if (typeof event !== 'string' || !event) return warn('track() needs an event name');
      record('track', { event, properties: isObject(properties) ? properties : {} }, callOptions);
    },
    page(...[a, b, c, d]: Args) {
      // page(category, name, …) when the second argument is a string, else page(name, …) or
      // page(properties, …), as in Segment's analytics.js.
      const [category, name, properties, callOptions] =
        typeof b === 'string' ? [a, b, c, d] : isObject(a) ? [null, null, a, b] : [null, a, b, c];
      const page = pinned ?? snapshot();
      const fields = { name: id(name) ?? undefined, category: id(category) ?? undefined };
      record(
        'page',
        {
          ...fields,
          properties: {
            ...pageProperties(page),
            ...fields,
            ...(isObject(properties) ? properties : {}),
          },
        },
        callOptions,
        page,
      );
    },
    screen(...[name, properties, callOptions]: Args) {
      if (isObject(name)) [name, properties, callOptions] = [null, name, properties];
      record(
        'screen',
        { name: id(name) ?? undefined, properties: isObject(properties) ? properties : {} },
        callOptions,
      );
    },
    alias(...[userId, previousId, callOptions]: Args) {
      const to = id(userId);
      if (!to) return warn('alias() needs a userId');
      const from = id(previousId) ?? identity.userId() ?? identity.anonymousId() ?? undefined;
      record('alias', { userId: to, previousId: from }, callOptions);
    },
    group(...[groupId, traits, callOptions]: Args) {
      if (isObject(groupId)) [groupId, traits, callOptions] = [null, groupId, traits];
      const group = identity.group(id(groupId), isObject(traits) ? traits : undefined);
      const to = id(groupId) ?? group.groupId;
      if (!to) return warn('group() needs a groupId');
      record('group', { groupId: to, traits: group.traits }, callOptions);
    },
    reset() {
      identity.reset();
      events.emit('reset');
    },
    setAnonymousId(anonymousId?: unknown) {
      if (id(anonymousId)) identity.setAnonymousId(id(anonymousId)!);
      return identity.anonymousId();
    },
    setLocale(tag?: unknown) {
      if (tag !== undefined && locale.set(tag)) events.emit('locale');
      return locale.get();
    },
    ready(callback?: unknown) {
      const ready = Promise.resolve();
      if (typeof callback === 'function') {
        ready
          .then(callback as () => void)
          .catch((error: unknown) => warn('a ready() callback threw', error));
      }
      return ready;
    },
    on: (type, listener) => events.on(type, listener),
    off: (type, listener) => events.off(type, listener),
    optOut() {
      identity.optOut();
      queue.clear();
      session.clear();
    },
    optIn: () => identity.optIn(),
    user: () => ({
      anonymousId: identity.anonymousId(),
      userId: identity.userId(),
      traits: identity.traits(),
    }),
    flush: () => queue.flush(),
    replay(call) {
      const [method, ...args] = call;
      if (isSnapshot(args[args.length - 1])) pinned = fromSnapshot(args.pop() as PageSnapshot);
      try {
        const fn = api[method as keyof Herald] as ((...args: unknown[]) => void) | undefined;
        if (typeof fn === 'function') fn(...args);
        else warnOnce(`unknown method ${String(method)}: ignored`);
      } finally {
        pinned = undefined;
      }
    },
  } as HeraldInternal;
  Object.assign(api, compatMethods(api, events, middlewares));

  // Nothing may throw into the host page: every method reports its error and returns.
  for (const name of Object.keys(api) as (keyof HeraldInternal)[]) {
    const method = api[name] as (...args: unknown[]) => unknown;
    (api as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      try {
        return method(...args);
      } catch (error) {
        warn(`${name}() failed`, error);
      }
    };
  }
  // Loading on a page is activity: the first requests belong to a live session.
  session.touch();
  for (const plugin of plugins) {
    try {
      plugin({ writeKey, host, options, api, emitter: events, session });
    } catch (error) {
      warn('a plugin failed to start', error);
    }
  }
  return api;
}
