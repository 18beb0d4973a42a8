/**
 * What every Herald client does alike, whatever it runs on (the browser SDK, the React Native
 * SDK): listeners that can never break the caller, and the retry rules of the tracking and
 * in-app APIs (docs/protocol.md).
 */

export type Listener = (...args: never[]) => void;

export interface Emitter {
  on(type: string, listener: Listener): void;
  /** Without a listener, removes every listener of `type`. */
  off(type: string, listener?: Listener): void;
  emit(type: string, ...args: unknown[]): void;
}

/**
 * A minimal event emitter whose listeners cannot break the caller: a throwing listener goes to
 * `threw` (the client's console warning) and the others still run.
 *
 * @example
 * const events = createEmitter((type, error) => console.warn(type, error));
 * events.on('track', (event) => console.log(event.event));
 */
export function createEmitter(threw: (type: string, error: unknown) => void): Emitter {
  let listeners: Array<[string, Listener]> = [];
  return {
    on: (type, listener) => void listeners.push([type, listener]),
    off(type, listener) {
      listeners = listeners.filter(([t, l]) => t !== type || (listener && l !== listener));
    },
    emit(type, ...args) {
      for (const [t, listener] of listeners) {
        if (t !== type) continue;
        try {
          (listener as (...a: unknown[]) => void)(...args);
        } catch (error) {
          threw(type, error);
        }
      }
    },
  };
}

/** A Retry-After longer than this is treated as this: a queue must drain some day. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Whether an answer is worth another try: no answer (status 0), 408, 429 and 5xx are; any
 * other answer is final (a 4xx would fail the same way again).
 */
export const isRetryable = (status: number): boolean =>
  status === 0 || status === 408 || status === 429 || status >= 500;

/** Retry-After in milliseconds, from delta-seconds or an HTTP date; capped, never negative. */
export function retryAfterMs(
  header: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
