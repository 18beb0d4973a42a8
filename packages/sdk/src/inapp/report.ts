import {
  IN_APP_LIMITS,
  type InAppEventInput,
  isRetryable,
  type VisitorClaim,
} from '@herald/protocol';
import { beacon, post } from '../core/transport.js';
import { uuid } from '../core/uuid.js';

interface Pending {
  /** The visitor the message was delivered to: its deliveryId is only valid for them. */
  claim: VisitorClaim;
  event: InAppEventInput;
}

export interface Reporter {
  send(claim: VisitorClaim, event: Omit<InAppEventInput, 'id' | 'timestamp'>): void;
}

/**
 * Reports message events to `POST /v1/in-app/events`: batched a moment, sent as text/plain (no
 * CORS preflight), each with a unique id so that retries after network errors or 5xx answers are
 * harmless (the server ignores repeats). Events wait in memory; on `pagehide` what is left goes
 * with sendBeacon.
 */
export function createReporter(url: string): Reporter {
  let pending: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backoff = 1000;

  const batches = () => {
    const groups = new Map<string, Pending[]>();
    for (const item of pending.splice(0)) {
      const key = JSON.stringify(item.claim);
      const group = groups.get(key) ?? [];
      group.push(item);
      groups.set(key, group);
    }
    const out: [Pending[], string][] = [];
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += IN_APP_LIMITS.maxEvents) {
        const slice = group.slice(i, i + IN_APP_LIMITS.maxEvents);
        out.push([
          slice,
          JSON.stringify({ ...slice[0]!.claim, events: slice.map((p) => p.event) }),
        ]);
      }
    }
    return out;
  };

  const flush = async () => {
    timer = undefined;
    for (const [items, body] of batches()) {
      const { status } = await post(url, body);
      // Network errors, 408, 429 and 5xx are retried; other answers are final.
      if (isRetryable(status)) {
        pending.push(...items);
      }
    }
    if (pending.length) {
      schedule(backoff);
      backoff = Math.min(backoff * 2, 60_000);
    } else backoff = 1000;
  };
  const schedule = (ms: number) => {
    if (timer === undefined) timer = setTimeout(() => void flush(), ms);
  };

  addEventListener('pagehide', () => {
    for (const [, body] of batches()) beacon(url, body);
  });

  return {
    send(claim, event) {
      pending.push({ claim, event: { ...event, id: uuid(), timestamp: new Date().toISOString() } });
      pending = pending.slice(-500);
      schedule(50);
    },
  };
}
