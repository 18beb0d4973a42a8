import { type InAppEventInput, isRetryable, type VisitorClaim } from '@herald/protocol';
import { createQueue } from '../core/queue';
import type { Storage } from '../core/storage';
import { type Answer, postJson } from '../core/transport';

/** A report and the visitor it is about: its deliveryId is valid for that visitor only. */
export interface PendingReport {
  claim: VisitorClaim;
  event: InAppEventInput;
}

/**
 * What the user did with messages, on its way to `POST /v1/in-app/events` through a durable
 * queue like the analytics calls' (kept across restarts, retried, each report with its own id so
 * that a resend is harmless). A batch holding several visitors' reports goes as one request per
 * visitor; the worst answer decides whether the batch is tried again.
 */
export function createReports(storage: Storage, host: string) {
  return createQueue<PendingReport>({
    storage,
    key: 'inapp-reports',
    batchSize: 100,
    flushAt: 1,
    flushInterval: 200,
    async send(items) {
      const groups = new Map<string, PendingReport[]>();
      for (const item of items) {
        const key = JSON.stringify(item.claim);
        groups.set(key, [...(groups.get(key) ?? []), item]);
      }
      let worst: Answer = { status: 200 };
      for (const group of groups.values()) {
        const answer = await postJson(`${host}/v1/in-app/events`, {
          ...group[0]!.claim,
          events: group.map((item) => item.event),
        });
        if (isRetryable(answer.status)) worst = answer;
        else if (worst.status < 400 && answer.status >= 400) worst = answer;
      }
      return worst;
    },
  });
}
