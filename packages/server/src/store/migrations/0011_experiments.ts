import type { Kysely } from 'kysely';

/**
 * Experiments and languages (inapp/experiments.ts):
 *
 * - a visitor's message state records the variant (or `holdout`) and the language they were
 *   first exposed to, and when: a person keeps their variant when an alias merge folds their
 *   states, and the holdout's exposure is what its conversions count from;
 * - a conversion records the variant and language of the state it came from;
 * - `message_splits` counts views, dismissals, clicks and exposures per variant and language
 *   (`''` for none and for the default language), beside the hourly `message_stats`.
 *
 * Added columns are nullable: existing rows are messages without an experiment.
 */
export function experiments() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['variant', 'locale'] as const) {
        await db.schema.alterTable('message_states').addColumn(column, 'text').execute();
        await db.schema.alterTable('conversions').addColumn(column, 'text').execute();
      }
      await db.schema.alterTable('message_states').addColumn('exposed_at', 'bigint').execute();
      await db.schema
        .createTable('message_splits')
        .addColumn('message_id', 'text', (c) =>
          c.notNull().references('messages.id').onDelete('cascade'),
        )
        .addColumn('variant', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('message_splits_pk', [
          'message_id',
          'variant',
          'locale',
          'metric',
          'action',
        ])
        .execute();
    },
  };
}
