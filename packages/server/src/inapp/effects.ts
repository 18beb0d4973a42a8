import {
  type InAppReportType,
  inInbox,
  type MessageDefinition,
  reEligible,
} from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { IngestBatch, IngestEffect } from '../store/ingest-effect.js';
import { readJson } from '../store/json.js';
import { stateKeyOf } from '../store/message-states.js';
import { personKeys } from '../store/person-merge.js';
import type { Schema, StatMetric } from '../store/schema.js';
import type { ChangeBus } from './bus.js';
import { recordSplit } from './experiment-effects.js';

/** What the in-app event intake stores in an `inapp` event's properties. */
export interface InAppEventProperties {
  kind: InAppReportType;
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
  /** The language of the content shown (absent: the default content). */
  locale?: string;
  /** `inbox`: opened or clicked in the inbox. */
  surface?: 'inbox';
}

/** A report as the effects apply it: `visitor` is the person's canonical state key. */
export type Report = InAppEventProperties & {
  at: number;
  /** The visitor key the message was delivered to (what its variant was assigned from). */
  deliveredTo: string;
};

const HOUR = 3_600_000;

/**
 * Applies the SDK's reports about messages it showed, in the ingest transaction: a view counts
 * toward frequency and figures, a dismissal is final, a click is a tracked response. Test sends
 * are consumed when opened (in the inbox: when archived) and count nowhere. An inbox item is read
 * once opened or marked read, and archived for good. A person's state is kept under their canonical
 * userId, whichever of their userIds the report came from (store/message-states.ts, stateKeyOf).
 * Afterwards every node learns that the visitor changed (under every userId of the person), so
 * other tabs drop a dismissed message and cached answers are recomputed; so do the visitors
 * whose state an alias merge folded.
 */
export function inAppEffect(bus: ChangeBus): IngestEffect {
  return {
    async apply(batch) {
      const { workspaceId } = batch;
      const visitors = new Set(batch.merges.flatMap((m) => m.visitors));
      const reports = batch.events
        .filter((e) => e.type === 'inapp')
        .map((e) => ({
          at: e.timestamp,
          ...readJson<InAppEventProperties>(e.properties, {} as InAppEventProperties),
        }));
      if (reports.length > 0) await applyReports(batch, reports, visitors);
      if (visitors.size === 0) return;
      // Pages open under any userId of the person show the same state.
      const keys =
        reports.length > 0 ? await personKeys(batch.trx, workspaceId, visitors) : visitors;
      batch.afterCommit(() => {
        for (const visitor of keys) bus.publish({ kind: 'visitor', workspaceId, visitor });
      });
    },
  };
}

/** Applies the batch's reports; adds the visitors whose state changed to `visitors`. */
async function applyReports(
  { trx, workspaceId }: IngestBatch,
  reports: Array<InAppEventProperties & { at: number }>,
  visitors: Set<string>,
): Promise<void> {
  const known = new Map(
    (
      await trx
        .selectFrom('messages')
        .select(['id', 'definition'])
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', [...new Set(reports.map((r) => r.messageId))])
        .execute()
    ).map((r) => [r.id, readJson<MessageDefinition>(r.definition, {} as MessageDefinition)]),
  );
  const keys = new Map<string, string>();
  for (const presented of reports) {
    // A message deleted since it was shown has no figures left to update.
    const definition = known.get(presented.messageId);
    if (definition === undefined) continue;
    let key = keys.get(presented.visitor);
    if (key === undefined) {
      key = await stateKeyOf(trx, workspaceId, presented.visitor);
      keys.set(presented.visitor, key);
    }
    visitors.add(presented.visitor).add(key);
    const report: Report = { ...presented, visitor: key, deliveredTo: presented.visitor };
    if (report.queueId) {
      // Test sends count nowhere; broadcasts and campaigns count like any delivery.
      if (!(await recordQueued(trx, report))) {
        await consumeTest(trx, report, inInbox(definition));
        continue;
      }
    }
    await resetIfReEligible(trx, report, definition);
    await record(trx, workspaceId, report);
    await recordSplit(trx, workspaceId, report, definition);
  }
}

async function record(trx: Kysely<Schema>, workspaceId: string, report: Report): Promise<void> {
  const { at } = report;
  const state = (changes: {
    views?: boolean;
    dismissed?: boolean;
    clicked?: boolean;
    read?: boolean;
    archived?: boolean;
  }) =>
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
        read_at: changes.read ? at : null,
        archived_at: changes.archived ? at : null,
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
          ...(changes.read
            ? { read_at: eb.fn.coalesce('message_states.read_at', eb.val(at)) }
            : {}),
          ...(changes.archived
            ? { archived_at: eb.fn.coalesce('message_states.archived_at', eb.val(at)) }
            : {}),
        })),
      )
      .execute();
  const inbox = report.surface === 'inbox';

  switch (report.kind) {
    case 'opened':
      // Seen on the page or opened in the inbox, an inbox item is read.
      await state({ views: true, read: true });
      await bump(trx, report.messageId, at, 'view', '');
      if (inbox) await bump(trx, report.messageId, at, 'inbox_open', '');
      break;
    case 'dismissed':
      await state({ dismissed: true });
      await bump(trx, report.messageId, at, 'dismissal', '');
      break;
    case 'action':
      await state({ clicked: true });
      await bump(trx, report.messageId, at, 'click', report.actionName ?? '');
      if (inbox) await bump(trx, report.messageId, at, 'inbox_click', report.actionName ?? '');
      break;
    case 'read':
      await state({ read: true });
      await bump(trx, report.messageId, at, 'read', '');
      break;
    case 'archived':
      await state({ read: true, archived: true });
      await bump(trx, report.messageId, at, 'archive', '');
      break;
    case 'error':
      await bump(trx, report.messageId, at, 'error', '');
      break;
    case 'changed':
    case 'held-out':
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

/**
 * What the person did with a broadcast or campaign entry, on the entry itself (its own
 * frequency, the source's figures). Answers false for a test send (or an unknown entry).
 */
async function recordQueued(
  trx: Kysely<Schema>,
  report: InAppEventProperties & { at: number },
): Promise<boolean> {
  const { at } = report;
  const entry = await trx
    .selectFrom('message_queue')
    .select(['kind'])
    .where('id', '=', report.queueId!)
    .where('visitor', '=', report.visitor)
    .executeTakeFirst();
  if (!entry || entry.kind === 'test') return false;
  const update = trx
    .updateTable('message_queue')
    .where('id', '=', report.queueId!)
    .where('visitor', '=', report.visitor);
  if (report.kind === 'opened') {
    await update
      .set((eb) => ({
        views: eb(eb.fn.coalesce('views', eb.val(0)), '+', 1),
        opened_at: eb.fn.coalesce('opened_at', eb.val(at)),
        last_viewed_at: at,
      }))
      .execute();
  } else if (report.kind === 'dismissed') {
    await update
      .set((eb) => ({ dismissed_at: eb.fn.coalesce('dismissed_at', eb.val(at)) }))
      .execute();
  } else if (report.kind === 'action') {
    await update.set((eb) => ({ clicked_at: eb.fn.coalesce('clicked_at', eb.val(at)) })).execute();
  }
  return true;
}

/**
 * A view of a message that was dismissed or shown maxViews times, once its re-eligibility period
 * has passed, starts its count over: the state is cleared before the view is recorded.
 */
async function resetIfReEligible(
  trx: Kysely<Schema>,
  report: Report,
  definition: MessageDefinition,
): Promise<void> {
  if (report.kind !== 'opened') return;
  const frequency = definition.frequency;
  if (!frequency?.reEligibleAfterSeconds) return;
  const row = await trx
    .selectFrom('message_states')
    .select(['views', 'last_viewed_at', 'dismissed_at'])
    .where('message_id', '=', report.messageId)
    .where('visitor', '=', report.visitor)
    .executeTakeFirst();
  if (!row) return;
  const state = {
    views: row.views,
    lastViewedAt: row.last_viewed_at,
    dismissed: row.dismissed_at !== null,
    dismissedAt: row.dismissed_at,
  };
  const maxed = frequency.maxViews !== null && state.views >= frequency.maxViews;
  if ((state.dismissed || maxed) && reEligible(frequency, state, report.at)) {
    await trx
      .updateTable('message_states')
      .set({ views: 0, dismissed_at: null })
      .where('message_id', '=', report.messageId)
      .where('visitor', '=', report.visitor)
      .execute();
  }
}

/**
 * Uses up a queued test, which only the visitor it was queued for can: it goes once opened, or,
 * for a message kept in the inbox, once archived (opening it there reads it).
 */
async function consumeTest(
  trx: Kysely<Schema>,
  report: InAppEventProperties & { at: number },
  inbox: boolean,
): Promise<void> {
  const entry = trx
    .updateTable('message_queue')
    .where('id', '=', report.queueId!)
    .where('visitor', '=', report.visitor)
    .where('consumed_at', 'is', null);
  const { kind, at } = report;
  if (kind === (inbox ? 'archived' : 'opened')) {
    await entry.set({ consumed_at: at }).execute();
  } else if (inbox && (kind === 'opened' || kind === 'read')) {
    await entry.set((eb) => ({ opened_at: eb.fn.coalesce('opened_at', eb.val(at)) })).execute();
  }
}
