import { reEligible } from '@herald/protocol';
import { readJson } from '../store/json.js';
const HOUR = 3_600_000;
/**
 * Applies the SDK's reports about messages it showed, in the ingest transaction: a view counts
 * toward frequency and figures, a dismissal is final, a click is a tracked response. Test sends
 * are consumed when opened and count nowhere. Afterwards every node learns that the visitor
 * changed, so other tabs drop a dismissed message and cached answers are recomputed.
 */
export function inAppEffect(bus) {
    return {
        async apply(batch) {
            const reports = batch.events
                .filter((e) => e.type === 'inapp')
                .map((e) => ({
                at: e.timestamp,
                ...readJson(e.properties, {}),
            }));
            if (reports.length === 0)
                return;
            const { trx, workspaceId } = batch;
            const known = new Map((await trx
                .selectFrom('messages')
                .select(['id', 'definition'])
                .where('workspace_id', '=', workspaceId)
                .where('id', 'in', [...new Set(reports.map((r) => r.messageId))])
                .execute()).map((r) => [r.id, r.definition]));
            const visitors = new Set();
            for (const report of reports) {
                // A message deleted since it was shown has no figures left to update.
                const definition = known.get(report.messageId);
                if (definition === undefined)
                    continue;
                visitors.add(report.visitor);
                if (report.queueId) {
                    // Test sends count nowhere; broadcasts and campaigns count like any delivery.
                    if (!(await recordQueued(trx, report))) {
                        if (report.kind === 'opened')
                            await consume(trx, report);
                        continue;
                    }
                }
                await resetIfReEligible(trx, report, definition);
                await record(trx, workspaceId, report);
            }
            batch.afterCommit(() => {
                for (const visitor of visitors)
                    bus.publish({ kind: 'visitor', workspaceId, visitor });
            });
        },
    };
}
async function record(trx, workspaceId, report) {
    const { at } = report;
    const state = (changes) => trx
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
        .onConflict((oc) => oc.columns(['message_id', 'visitor']).doUpdateSet((eb) => ({
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
    })))
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
export async function bump(trx, messageId, at, metric, action) {
    await trx
        .insertInto('message_stats')
        .values({ message_id: messageId, hour: Math.floor(at / HOUR) * HOUR, metric, action, count: 1 })
        .onConflict((oc) => oc
        .columns(['message_id', 'hour', 'metric', 'action'])
        .doUpdateSet((eb) => ({ count: eb('message_stats.count', '+', 1) })))
        .execute();
}
/**
 * What the person did with a broadcast or campaign entry, on the entry itself (its own
 * frequency, the source's figures). Answers false for a test send (or an unknown entry).
 */
async function recordQueued(trx, report) {
    const { at } = report;
    const entry = await trx
        .selectFrom('message_queue')
        .select(['kind'])
        .where('id', '=', report.queueId)
        .where('visitor', '=', report.visitor)
        .executeTakeFirst();
    if (!entry || entry.kind === 'test')
        return false;
    const update = trx
        .updateTable('message_queue')
        .where('id', '=', report.queueId)
        .where('visitor', '=', report.visitor);
    if (report.kind === 'opened') {
        await update
            .set((eb) => ({
            views: eb(eb.fn.coalesce('views', eb.val(0)), '+', 1),
            opened_at: eb.fn.coalesce('opened_at', eb.val(at)),
            last_viewed_at: at,
        }))
            .execute();
    }
    else if (report.kind === 'dismissed') {
        await update
            .set((eb) => ({ dismissed_at: eb.fn.coalesce('dismissed_at', eb.val(at)) }))
            .execute();
    }
    else if (report.kind === 'action') {
        await update.set((eb) => ({ clicked_at: eb.fn.coalesce('clicked_at', eb.val(at)) })).execute();
    }
    return true;
}
/**
 * A view of a message that was dismissed or shown maxViews times, once its re-eligibility period
 * has passed, starts its count over: the state is cleared before the view is recorded.
 */
async function resetIfReEligible(trx, report, definition) {
    if (report.kind !== 'opened')
        return;
    const frequency = readJson(definition, {}).frequency;
    if (!frequency?.reEligibleAfterSeconds)
        return;
    const row = await trx
        .selectFrom('message_states')
        .select(['views', 'last_viewed_at', 'dismissed_at'])
        .where('message_id', '=', report.messageId)
        .where('visitor', '=', report.visitor)
        .executeTakeFirst();
    if (!row)
        return;
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
/** Marks a queued test as shown; only the visitor it was queued for can. */
async function consume(trx, report) {
    await trx
        .updateTable('message_queue')
        .set({ consumed_at: report.at })
        .where('id', '=', report.queueId)
        .where('visitor', '=', report.visitor)
        .where('consumed_at', 'is', null)
        .execute();
}
//# sourceMappingURL=effects.js.map