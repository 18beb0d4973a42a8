import { AppState } from 'react-native';
import type { TrackingCall } from '@herald/protocol';
import { type AppInfo, appContext } from './context';
import { createEmitter, type Listener } from './emitter';
import { createIdentity, type Traits, type User } from './identity';
import { warn } from './log';
import { createQueue } from './queue';
import { asyncStorage, type Storage } from './storage';
import { postJson } from './transport';
import { uuid } from './uuid';
import type { InApp } from '../inapp/controller';

export interface HeraldOptions {
  writeKey: string;
  /** The Herald server, e.g. `https://herald.example.com`. */
  host: string;
  /** Show anonymous users their messages too (the workspace must allow them). */
  anonymousInApp?: boolean;
  /** Send as soon as this many events wait. Default 20. */
  flushAt?: number;
  /** Otherwise this many ms after an event. Default 10,000 (and whenever the app goes to the background). */
  flushInterval?: number;
  /** The app's name, version and build, when expo-application does not give them. */
  app?: AppInfo;
  /** False turns in-app messages off. Default on. */
  inApp?: boolean;
  /** hex HMAC-SHA256(secretKey, userId), when the workspace verifies identities. */
  userHash?: string;
  /** Or a JWT (HS256, secret key) whose `sub` is the userId. */
  userToken?: string;
  /** Where to keep state; default AsyncStorage. */
  storage?: Storage;
}

/** An event as queued and sent to `POST /v1/batch`, and as listeners receive it. */
export type HeraldEvent = TrackingCall & {
  messageId: string;
  anonymousId: string;
  timestamp: string;
  context: Record<string, unknown>;
};

/** What the in-app part needs from the core (inapp/controller.ts). */
export interface CoreHooks {
  options: HeraldOptions;
  storage: Storage;
  user(): User;
  emitter: ReturnType<typeof createEmitter>;
  /** Resolves once the stored state is loaded. */
  ready: Promise<void>;
  optedOut(): boolean;
}

export interface Herald {
  /** Resolves once the stored identity and queue are loaded (calls made before wait for it). */
  ready: Promise<void>;
  identify(userId?: string | null, traits?: Traits): void;
  track(event: string, properties?: Record<string, unknown>): void;
  /** The screen the user is on: in-app page rules are tested against its name. */
  screen(name: string, properties?: Record<string, unknown>): void;
  alias(userId: string, previousId?: string): void;
  group(groupId: string, traits?: Traits): void;
  reset(): void;
  optOut(): void;
  optIn(): void;
  on(type: string, listener: Listener): void;
  off(type: string, listener?: Listener): void;
  /** Sends what waits now. */
  flush(): Promise<void>;
  user(): User;
  /** Stops timers and listeners (tests, or an app that makes a new client). */
  close(): void;
  /** In-app messages (absent with `inApp: false`): what `<HeraldProvider>` shows. */
  inApp?: InApp;
  /** @internal For the in-app plugin and the UI. */
  readonly core: CoreHooks;
}

/**
 * The analytics core for apps: Segment-compatible calls queued durably (AsyncStorage) and sent
 * in batches to `/v1/batch`, with the app's context. Nothing it does throws into the app.
 * `createHerald` (create.ts) adds in-app messages to it.
 */
export function createAnalytics(options: HeraldOptions): Herald {
  const storage = options.storage ?? asyncStorage(options.writeKey);
  const emitter = createEmitter();
  const identity = createIdentity(storage);
  const context = appContext(options.app);
  let optedOut = false;
  const queue = createQueue<HeraldEvent>({
    storage,
    key: 'queue',
    batchSize: 100,
    flushAt: options.flushAt ?? 20,
    flushInterval: options.flushInterval ?? 10_000,
    send: (batch) =>
      postJson(`${options.host}/v1/batch`, {
        writeKey: options.writeKey,
        batch,
        sentAt: new Date().toISOString(),
      }),
  });
  const ready = (async () => {
    optedOut = (await storage.get<boolean>('optedOut')) === true;
    await identity.load();
    await queue.restore();
    if (queue.size > 0 && !optedOut) void queue.flush();
  })().catch((error: unknown) => warn('could not load the stored state', error));

  /** Calls run in order, after the stored state is loaded; none throws into the app. */
  let chain: Promise<unknown> = ready;
  const run = (what: string, fn: () => Promise<unknown> | void) => {
    chain = chain.then(fn).catch((error: unknown) => warn(what, error));
  };
  const send = async (call: TrackingCall) => {
    if (optedOut) return;
    const user = identity.get();
    const event = {
      ...call,
      messageId: uuid(),
      anonymousId: user.anonymousId,
      ...(user.userId ? { userId: user.userId } : {}),
      timestamp: new Date().toISOString(),
      context: { ...context, ...call.context },
    } as HeraldEvent;
    await queue.push(event);
    emitter.emit(event.type, event);
  };

  const appState = AppState.addEventListener('change', (state) => {
    // Going away: send what waits while the app may still run. Back: retry at once.
    if (state !== 'active') void queue.flush();
    else if (!optedOut) void queue.flush(true);
  });

  const herald: Herald = {
    ready: ready.then(() => undefined),
    identify(userId, traits = {}) {
      run('identify', async () => {
        const id = userId === null || userId === undefined || userId === '' ? null : String(userId);
        await identity.identify(id, traits && typeof traits === 'object' ? traits : {});
        await send({ type: 'identify', traits: identity.get().traits });
      });
    },
    track(event, properties = {}) {
      if (typeof event !== 'string' || !event) return warn('track needs an event name');
      run('track', () => send({ type: 'track', event, properties }));
    },
    screen(name, properties = {}) {
      run('screen', () => send({ type: 'screen', name: String(name), properties }));
    },
    alias(userId, previousId) {
      run('alias', async () => {
        const from = previousId ?? identity.get().userId ?? identity.get().anonymousId;
        await send({ type: 'alias', userId: String(userId), previousId: from });
      });
    },
    group(groupId, traits = {}) {
      run('group', () => send({ type: 'group', groupId: String(groupId), traits }));
    },
    reset() {
      run('reset', async () => {
        await identity.reset();
        emitter.emit('reset');
      });
    },
    optOut() {
      run('optOut', async () => {
        optedOut = true;
        await queue.clear();
        await storage.set('optedOut', true);
        emitter.emit('optOut');
      });
    },
    optIn() {
      run('optIn', async () => {
        optedOut = false;
        await storage.remove('optedOut');
        emitter.emit('optIn');
      });
    },
    on: (type, listener) => emitter.on(type, listener),
    off: (type, listener) => emitter.off(type, listener),
    flush: async () => {
      await chain;
      if (!optedOut) await queue.flush(true);
    },
    user: () => identity.get(),
    close() {
      appState.remove();
      queue.stop();
      emitter.emit('close');
    },
    core: {
      options,
      storage,
      emitter,
      ready: ready.then(() => undefined),
      user: () => identity.get(),
      optedOut: () => optedOut,
    },
  };
  return herald;
}
