import { isRetryable, TRACKING_LIMITS } from '@herald/protocol';
import { warn } from './log.js';
import type { Store } from './storage.js';
import { beacon, post } from './transport.js';
import { uuid } from './uuid.js';

/** A tracking call ready to send; `messageId` lets the server drop copies. */
export type QueuedEvent = { messageId: string } & Record<string, unknown>;

export interface QueueOptions {
  writeKey: string;
  /** `<host>/v1/batch` */
  url: string;
  /** Send as soon as this many events wait. */
  flushAt: number;
  /** Otherwise send this many milliseconds after an event arrives. */
  flushInterval: number;
  /** Where the queue survives reloads (localStorage, or memory when there is none). */
  store: Store;
}

export interface Queue {
  push(event: QueuedEvent): void;
  /** Sends what is due; resolves when this tab has nothing more it can send now. */
  flush(): Promise<void>;
  /** Forgets every queued event of this write key, in every tab. */
  clear(): void;
  /** Events this tab holds. */
  size(): number;
  /** Stops timers and listeners; what is queued stays stored for a later page to send. */
  stop(): void;
}

/** At most this many events wait per tab; the oldest are dropped first. */
const MAX_EVENTS = 500;
/** Requests stay well under the server's body and call limits (the envelope needs room). */
const BATCH_BYTES = TRACKING_LIMITS.maxBatchBytes * 0.9;
const BATCH_CALLS = 100;
/** Browsers allow 64 KB of beacon/keepalive data in flight per page. */
const BEACON_BYTES = 60_000;
/** A tab refreshes its queue's timestamp this often while it holds events… */
const HEARTBEAT_MS = 30_000;
/** …so a queue untouched this long belongs to a tab that is gone (throttled tabs tick ≥ 1/min). */
const STALE_MS = 300_000;
const MAX_BACKOFF_MS = 60_000;

interface Stored {
  /** When the owner last touched it; 0 = released on pagehide, any page may take it now. */
  t: number;
  e: QueuedEvent[];
}

const encoder = new TextEncoder();
const bytes = (event: QueuedEvent) => encoder.encode(JSON.stringify(event)).length + 1;

/**
 * The durable send queue. Each tab keeps its events under its own localStorage key
 * (`herald_queue:<writeKey>:<tab>`), written through on every change, so events survive reloads,
 * crashes and offline periods, and no two tabs send the same events: a tab only sends its own
 * key, and takes over another key only once that tab released it (pagehide) or went silent.
 *
 * Answers: 2xx sent; 408, 429, 5xx and network errors retried with exponential backoff, jitter
 * and Retry-After; other 4xx dropped, after splitting a refused batch (400/413) down to the one
 * event the server refuses.
 *
 * @example
 * const queue = createQueue({ writeKey, url: `${host}/v1/batch`, flushAt: 10, flushInterval: 1000, store: localStore() });
 * queue.push({ messageId: uuid(), type: 'track', event: 'Signed Up', anonymousId });
 */
export function createQueue(options: QueueOptions): Queue {
  const { store, url } = options;
  const prefix = `herald_queue:${options.writeKey}:`;
  const key = prefix + uuid().slice(0, 8);
  let busy = false;
  let released = false;
  let retryAt = 0;
  let attempts = 0;
  let limit = BATCH_CALLS;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const load = (from: string): Stored | null => {
    try {
      return JSON.parse(store.get(from) ?? 'null') as Stored | null;
    } catch {
      return null;
    }
  };
  const read = () => load(key)?.e ?? [];
  const save = (events: QueuedEvent[]) =>
    store.set(
      key,
      events.length
        ? JSON.stringify({ t: released ? 0 : Date.now(), e: events.slice(-MAX_EVENTS) })
        : null,
    );
  const body = (batch: QueuedEvent[]) =>
    JSON.stringify({ writeKey: options.writeKey, batch, sentAt: new Date().toISOString() });
  const take = (events: QueuedEvent[], maxBytes: number) => {
    let size = 0;
    let count = 0;
    while (count < events.length && count < limit) {
      size += bytes(events[count]!);
      if (count && size > maxBytes) break;
      count++;
    }
    return events.slice(0, count);
  };
  const schedule = (ms: number) => {
    timer ??= setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
  };

  /** Takes over the queues of tabs that released theirs or went silent; theirs are older. */
  const adopt = () => {
    let events = read();
    const count = events.length;
    for (const other of store.keys(prefix)) {
      const stored = load(other);
      if (other === key || (stored && stored.t > Date.now() - STALE_MS)) continue;
      store.set(other, null);
      const mine = new Set(events.map((event) => event.messageId));
      events = [...(stored?.e ?? []).filter((event) => !mine.has(event.messageId)), ...events];
    }
    if (events.length !== count) save(events);
  };

  const flush = async (): Promise<void> => {
    const wait = retryAt - Date.now();
    if (busy || wait > 0) return void (wait > 0 && schedule(wait));
    // Offline, every attempt would fail: the 'online' event resumes.
    if (navigator.onLine === false) return;
    const batch = take(read(), BATCH_BYTES);
    if (!batch.length) return;
    busy = true;
    const { status, retryAfter } = await post(url, body(batch));
    busy = false;
    if ((status === 400 || status === 413) && batch.length > 1) {
      // One bad event refuses the whole batch: halve until it is alone, then drop only it.
      limit = Math.ceil(batch.length / 2);
    } else if (status >= 200 && !isRetryable(status)) {
      if (status > 299) warn(`the server refused ${batch.length} event(s) with HTTP ${status}`);
      const done = new Set(batch.map((event) => event.messageId));
      save(read().filter((event) => !done.has(event.messageId)));
      attempts = 0;
      limit = BATCH_CALLS;
    } else {
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts++) * (0.5 + Math.random() / 2);
      retryAt = Date.now() + (retryAfter ?? backoff);
    }
    return flush();
  };

  /** The page is going away: release the queue to the next page and beacon what fits. */
  const hide = () => {
    released = true;
    let events = read();
    save(events);
    while (events.length) {
      const batch = take(events, BEACON_BYTES);
      if (!beacon(url, body(batch))) break;
      events = events.slice(batch.length);
    }
  };
  const show = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    // Back from the back/forward cache: own the queue again, if no other page took it meanwhile.
    released = false;
    save(read());
    void flush();
  };
  const online = () => {
    retryAt = attempts = 0;
    void flush();
  };
  const heartbeat = setInterval(() => {
    save(read());
    adopt();
    void flush();
  }, HEARTBEAT_MS);
  addEventListener('pagehide', hide);
  addEventListener('pageshow', show);
  addEventListener('online', online);
  adopt();
  void flush();

  return {
    push(event) {
      const events = read();
      events.push(event);
      save(events);
      if (released) beacon(url, body([event]));
      else if (events.length >= options.flushAt) void flush();
      else schedule(options.flushInterval);
    },
    flush,
    clear: () => store.keys(prefix).forEach((other) => store.set(other, null)),
    size: () => read().length,
    stop() {
      clearInterval(heartbeat);
      clearTimeout(timer);
      removeEventListener('pagehide', hide);
      removeEventListener('pageshow', show);
      removeEventListener('online', online);
    },
  };
}
