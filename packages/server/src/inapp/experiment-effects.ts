import { assignVariant, isTranslated, type MessageDefinition } from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Report } from './effects.js';

/**
 * The experiment and language side of a report, after effects.ts has recorded it: the first
 * exposure (a view, or `held-out` for the holdout) fixes the person's variant and language in
 * their message state, where an alias merge keeps it; every report counts in `message_splits`
 * under that variant and the language shown. Messages with neither an experiment nor a
 * translation are left to the plain counters.
 *
 * The variant is the server's own: the state's, or else the assignment of the visitor the
 * message was delivered to (what delivery computed), never what the browser says.
 */
export async function recordSplit(
  trx: Kysely<Schema>,
  workspaceId: string,
  report: Report,
  definition: MessageDefinition,
): Promise<void> {
  const { experiment } = definition;
  if (!experiment && !report.locale && !isTranslated(definition)) return;
  const state = await trx
    .selectFrom('message_states')
    .select(['variant', 'locale', 'exposed_at'])
    .where('message_id', '=', report.messageId)
    .where('visitor', '=', report.visitor)
    .executeTakeFirst();
  const variant = experiment
    ? (state?.variant ?? assignVariant(experiment, report.messageId, report.deliveredTo))
    : '';
  // Exposures (and conversions) count in the language of the first; views, clicks and
  // dismissals in the language they happened in.
  const firstLocale = state?.locale ?? report.locale ?? '';
  const locale = report.locale ?? '';
  const exposure = report.kind === 'opened' || report.kind === 'held-out';
  if (exposure && !state?.exposed_at) {
    await trx
      .insertInto('message_states')
      .values({
        message_id: report.messageId,
        visitor: report.visitor,
        workspace_id: workspaceId,
        views: 0,
        first_viewed_at: null,
        last_viewed_at: null,
        dismissed_at: null,
        first_clicked_at: null,
        variant: variant || null,
        locale: firstLocale || null,
        exposed_at: report.at,
      })
      .onConflict((oc) =>
        oc.columns(['message_id', 'visitor']).doUpdateSet({
          variant: variant || null,
          locale: firstLocale || null,
          exposed_at: report.at,
        }),
      )
      .execute();
    await bumpSplit(trx, report.messageId, variant, firstLocale, 'exposure', '');
  }
  const metric = METRICS[report.kind];
  if (metric) {
    const action = report.kind === 'action' ? (report.actionName ?? '') : '';
    await bumpSplit(trx, report.messageId, variant, locale, metric, action);
  }
}

const METRICS: Partial<Record<Report['kind'], 'view' | 'dismissal' | 'click'>> = {
  opened: 'view',
  dismissed: 'dismissal',
  action: 'click',
};

/** Adds one to a message's counter for a variant and language. */
export async function bumpSplit(
  trx: Kysely<Schema>,
  messageId: string,
  variant: string,
  locale: string,
  metric: 'view' | 'dismissal' | 'click' | 'conversion' | 'exposure',
  action: string,
): Promise<void> {
  await trx
    .insertInto('message_splits')
    .values({ message_id: messageId, variant, locale, metric, action, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['message_id', 'variant', 'locale', 'metric', 'action'])
        .doUpdateSet((eb) => ({ count: eb('message_splits.count', '+', 1) })),
    )
    .execute();
}
