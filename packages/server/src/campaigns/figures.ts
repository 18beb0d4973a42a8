import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';

/** What a broadcast or campaign achieved: entries queued, and what people did with them. */
export interface SendFigures {
  sent: number;
  opened: number;
  clicked: number;
  dismissed: number;
  converted: number;
  withdrawn: number;
}

const NONE: SendFigures = {
  sent: 0,
  opened: 0,
  clicked: 0,
  dismissed: 0,
  converted: 0,
  withdrawn: 0,
};

/**
 * The figures of several broadcasts or campaigns (their ids are the queue entries' `source_id`)
 * in two grouped queries, whatever their number: a list page costs what one detail page does.
 * `converted` counts people who converted on the message's goal after opening it.
 */
export async function sendFigures(
  db: Kysely<Schema>,
  sourceIds: string[],
): Promise<Map<string, SendFigures>> {
  const figures = new Map<string, SendFigures>(sourceIds.map((id) => [id, { ...NONE }]));
  if (sourceIds.length === 0) return figures;
  const counts = await db
    .selectFrom('message_queue')
    .select((eb) => [
      'source_id',
      eb.fn.countAll<number | string>().as('sent'),
      eb.fn.count<number | string>('opened_at').as('opened'),
      eb.fn.count<number | string>('clicked_at').as('clicked'),
      eb.fn.count<number | string>('dismissed_at').as('dismissed'),
      eb.fn.count<number | string>('withdrawn_at').as('withdrawn'),
    ])
    .where('source_id', 'in', sourceIds)
    .groupBy('source_id')
    .execute();
  for (const row of counts) {
    const entry = figures.get(row.source_id!);
    if (!entry) continue;
    entry.sent = Number(row.sent);
    entry.opened = Number(row.opened);
    entry.clicked = Number(row.clicked);
    entry.dismissed = Number(row.dismissed);
    entry.withdrawn = Number(row.withdrawn);
  }
  const converted = await db
    .selectFrom('message_queue')
    .innerJoin('conversions', (join) =>
      join
        .onRef('conversions.message_id', '=', 'message_queue.message_id')
        .onRef('conversions.profile_id', '=', 'message_queue.profile_id')
        .onRef('conversions.converted_at', '>=', 'message_queue.opened_at'),
    )
    .select((eb) => [
      'message_queue.source_id',
      eb.fn.count<number | string>('conversions.profile_id').distinct().as('n'),
    ])
    .where('message_queue.source_id', 'in', sourceIds)
    .groupBy('message_queue.source_id')
    .execute();
  for (const row of converted) {
    const entry = figures.get(row.source_id!);
    if (entry) entry.converted = Number(row.n);
  }
  return figures;
}
