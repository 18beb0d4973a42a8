import type { InAppEventType } from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { IngestEffect } from '../store/ingest-effect.js';
import { readJson } from '../store/json.js';
import type { Schema, StatMetric } from '../store/schema.js';
import type { ChangeBus } from './bus.js';

/** What the in-app event intake stores in an `inapp` event's properties. */
export interface InAppEventProperties {
  kind: InAppEventType;
  messageId: string;
  version: number;
  deliveryId: string;
  /** The verified visitor the message was delivered to. */
  visitor: string;
  queueId?: string;
  actionName?: string;
  actionValue?: string;
  step?: string;
  error?: string;
}

const HOUR = 3_600_000;

/**
 * Applies the SDK's reports about messages it showed, in the ingest transaction: a view counts
 * toward frequency and figures, a dismissal is final, a click is a tracked response. Test sends
 * are consumed when opened and count nowhere. Afterwards every node learns that the visitor
 * changed, so other tabs drop a dismissed message and cached answers are recomputed.
 */
export function inAppEffect(bus: ChangeBus): IngestEffect {
  return {
    async apply(batch) {
      const reports = batch.events
        .filter((e) => e.type === 'inapp')
        .map((e) => ({
          at: e.timestamp,
          ...readJson<InAppEventProperties>(e.properties, {} as InAppEventProperties),
        }));
      if (reports.length === 0) return;
      const { trx, workspaceId } = batch;
      const known = new Set(
        (
          await trx
            .selectFrom('messages')
            .select('id')
            .where('workspace_id', '=', workspaceId)
            .where('id', 'in', [...new Set(reports.map((r) => r.messageId))])
            .execute()
        ).map((r) => r.id),
      );
      const visitors = new Set<string>();
      for (const report of reports) {
        // A message deleted since it was shown has no figures left to update.
        if (!known.has(report.messageId)) continue;
        visitors.add(report.visitor);
        if (report.queueId) {
          if (report.kind === 'opened') await consume(trx, report);
          continue;
        }
        await record(trx, workspaceId, report);
      }
      batch.afterCommit(() => {
        for (const visitor of visitors) bus.publish({ kind: 'visitor', workspaceId, visitor });
      });
    },
  };
}

async function record(
  trx: Kysely<Schema>,
  workspaceId: string,
  report: InAppEventProperties & { at: number },
): Promise<void> {
  const { at } = report;
  const state = (changes: { views?: boolean; dismissed?: boolean; clicked?: boolean }) =>
    trx
      .insertInto('message_states')
      .values({
        message_id: report.messageId,
        visitor: report.visitor,
        workspace_id: workspaceId,
        views: changes.views ? 1 : 0,
        first_viewed_at: changes.views ? at : null,
        last_viewed_at: changes.views ? at : null,
        dismissed_at: changes.dismissed ? at : null,
        first_clicked_at: changes.clicked ? at : null,
      })
      .onConflict((oc) =>
        oc.columns(['message_id', 'visitor']).doUpdateSet((eb) => ({
          ...(changes.views
            ? {
                views: eb('message_states.views', '+', 1),
                first_viewed_at: eb.fn.coalesce('message_states.first_viewed_at', eb.val(at)),
                last_viewed_at: eb.val(at),
              }
            : {}),
          ...(changes.dismissed
            ? { dismissed_at: eb.fn.coalesce('message_states.dismissed_at', eb.val(at)) }
            : {}),
          ...(changes.clicked
            ? { first_clicked_at: eb.fn.coalesce('message_states.first_clicked_at', eb.val(at)) }
            : {}),
        })),
      )
      .execute();

  switch (report.kind) {
    case 'opened':
      await state({ views: true });
      await bump(trx, report.messageId, at, 'view', '');
      break;
    case 'dismissed':
      await state({ dismissed: true });
      await bump(trx, report.messageId, at, 'dismissal', '');
      break;
    case 'action':
      await state({ clicked: true });
      await bump(trx, report.messageId, at, 'click', report.actionName ?? '');
      break;
    case 'error':
      await bump(trx, report.messageId, at, 'error', '');
      break;
    case 'changed':
      break;
  }
}

/** Adds one to a message's hourly counter. */
export async function bump(
  trx: Kysely<Schema>,
  messageId: string,
  at: number,
  metric: StatMetric,
  action: string,
): Promise<void> {
  await trx
    .insertInto('message_stats')
    .values({ message_id: messageId, hour: Math.floor(at / HOUR) * HOUR, metric, action, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['message_id', 'hour', 'metric', 'action'])
        .doUpdateSet((eb) => ({ count: eb('message_stats.count', '+', 1) })),
    )
    .execute();
}

/** Marks a queued test as shown; only the visitor it was queued for can. */
async function consume(
  trx: Kysely<Schema>,
  report: InAppEventProperties & { at: number },
): Promise<void> {
  await trx
    .updateTable('message_queue')
    .set({ consumed_at: report.at })
    .where('id', '=', report.queueId!)
    .where('visitor', '=', report.visitor)
    .where('consumed_at', 'is', null)
    .execute();
}
