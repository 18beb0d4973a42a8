import { warn } from './log';
import type { Storage } from './storage';
import { isRetryable } from '@herald/protocol';
import type { Answer } from './transport';

export interface QueueOptions<T> {
  storage: Storage;
  /** The storage key the pending items live under. */
  key: string;
  /** Sends one batch; its answer decides what happens to the items. */
  send(items: T[]): Promise<Answer>;
  /** Items per batch. */
  batchSize: number;
  /** Send as soon as this many wait. */
  flushAt: number;
  /** Otherwise this long after the first waits, in ms. */
  flushInterval: number;
  /** At most this many wait: the oldest go first when an app stays offline for ever. */
  maxItems?: number;
}

export interface Queue<T> {
  /** Loads what a previous run left unsent. */
  restore(): Promise<void>;
  push(item: T): Promise<void>;
  /**
   * Sends what waits now, batch after batch, unless a failure says to wait; `retryNow` (the app
   * came back to the foreground, the network is back) does not wait.
   */
  flush(retryNow?: boolean): Promise<void>;
  clear(): Promise<void>;
  /** Stops its timer (the client is closed); what waits stays stored for the next run. */
  stop(): void;
  readonly size: number;
}

const MAX_BACKOFF_MS = 60_000;

/**
 * A durable send queue: every item is written to storage before it is sent, and leaves storage
 * only once the server acknowledged it (or refused it for good, a 4xx: retrying would not help).
 * A network error, 408, 429 or 5xx keeps the batch and tries again later, with exponential
 * backoff (1 s doubling to a minute) or the server's Retry-After. Items carry their own ids, so
 * a batch the server got but whose answer was lost is harmless to send again.
 *
 * @example
 * const queue = createQueue({ storage, key: 'queue', send: (batch) => postJson(url, { batch }),
 *   batchSize: 100, flushAt: 20, flushInterval: 10_000 });
 */
export function createQueue<T>(o: QueueOptions<T>): Queue<T> {
  let items: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending: Promise<void> | undefined;
  let backoff = 1000;
  /** Until when a failure said to wait (epoch ms). */
  let pausedUntil = 0;
  const max = o.maxItems ?? 1000;

  const persist = () => o.storage.set(o.key, items);
  const schedule = (ms: number) => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void queue.flush();
    }, ms);
  };

  const drain = async () => {
    while (items.length > 0) {
      if (Date.now() < pausedUntil) return schedule(pausedUntil - Date.now());
      const batch = items.slice(0, o.batchSize);
      const answer = await o.send(batch);
      if (isRetryable(answer.status)) {
        const wait = answer.retryAfter ?? backoff;
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        pausedUntil = Date.now() + wait;
        return schedule(wait);
      }
      if (answer.status >= 400)
        warn(`the server refused ${batch.length} events (${answer.status})`);
      backoff = 1000;
      // Only what was sent goes: pushes made while it was on its way stay.
      items = items.slice(batch.length);
      await persist();
    }
  };

  const queue: Queue<T> = {
    get size() {
      return items.length;
    },
    async restore() {
      const stored = await o.storage.get<T[]>(o.key);
      if (Array.isArray(stored)) items = [...stored, ...items];
    },
    async push(item) {
      items.push(item);
      if (items.length > max) items = items.slice(-max);
      await persist();
      if (items.length >= o.flushAt) void queue.flush();
      else schedule(o.flushInterval);
    },
    flush(retryNow = false) {
      if (retryNow) pausedUntil = 0;
      // One drain at a time; a flush asked for meanwhile joins it.
      sending ??= drain().finally(() => (sending = undefined));
      return sending;
    },
    async clear() {
      items = [];
      queue.stop();
      await o.storage.remove(o.key);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
  return queue;
}
