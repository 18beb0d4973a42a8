import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

export type Interval = 'hour' | 'day';

export interface SeriesPoint {
  t: string;
  views: number;
  dismissals: number;
  clicks: number;
  conversions: number;
}

export interface MessageMetrics {
  views: number;
  uniqueViewers: number;
  dismissals: number;
  clicks: Record<string, number>;
  conversions: number;
  /** Conversions per unique viewer. */
  conversionRate: number;
  errors: number;
  /** What happened in the inbox (zero for a message that is not kept there). */
  inbox: InboxFigures;
  series: SeriesPoint[];
}

export interface InboxFigures {
  /** Openings of the item in the inbox (also counted in `views`). */
  opens: number;
  /** Clicks on its buttons in the inbox (also counted in `clicks`). */
  clicks: number;
  /** Items marked read without being opened. */
  reads: number;
  archives: number;
}

export interface MessageTotals {
  views: number;
  clicks: number;
  conversions: number;
}

const SPAN: Record<Interval, number> = { hour: 3_600_000, day: 86_400_000 };

/** A message's figures, from its hourly counters, its visitors' states and its conversions. */
export class MetricsRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async forMessage(
    messageId: string,
    range: { from: number; to: number; interval: Interval },
  ): Promise<MessageMetrics> {
    const [stats, viewers] = await Promise.all([
      this.db
        .selectFrom('message_stats')
        .select(['hour', 'metric', 'action', 'count'])
        .where('message_id', '=', messageId)
        .where('hour', '>=', Math.floor(range.from / SPAN.hour) * SPAN.hour)
        .where('hour', '<', range.to)
        .execute(),
      this.db
        .selectFrom('message_states')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('message_id', '=', messageId)
        // A first view is never taken back (a re-eligible visitor's views restart at 0): a
        // visitor with one is a viewer, and the count reads message_states_by_first_view alone.
        .where('first_viewed_at', '>=', range.from)
        .where('first_viewed_at', '<', range.to)
        .executeTakeFirstOrThrow(),
    ]);

    const metrics: MessageMetrics = {
      views: 0,
      uniqueViewers: Number(viewers.n),
      dismissals: 0,
      clicks: {},
      conversions: 0,
      conversionRate: 0,
      errors: 0,
      inbox: { opens: 0, clicks: 0, reads: 0, archives: 0 },
      series: [],
    };
    const span = SPAN[range.interval];
    const buckets = new Map<number, SeriesPoint>();
    const bucket = (hour: number) => {
      const start = Math.floor(hour / span) * span;
      let point = buckets.get(start);
      if (!point) {
        point = {
          t: new Date(start).toISOString(),
          views: 0,
          dismissals: 0,
          clicks: 0,
          conversions: 0,
        };
        buckets.set(start, point);
      }
      return point;
    };
    for (const row of stats) {
      const count = Number(row.count);
      switch (row.metric) {
        case 'view':
          metrics.views += count;
          bucket(row.hour).views += count;
          break;
        case 'dismissal':
          metrics.dismissals += count;
          bucket(row.hour).dismissals += count;
          break;
        case 'click':
          metrics.clicks[row.action] = (metrics.clicks[row.action] ?? 0) + count;
          bucket(row.hour).clicks += count;
          break;
        case 'conversion':
          metrics.conversions += count;
          bucket(row.hour).conversions += count;
          break;
        case 'error':
          metrics.errors += count;
          break;
        case 'inbox_open':
          metrics.inbox.opens += count;
          break;
        case 'inbox_click':
          metrics.inbox.clicks += count;
          break;
        case 'read':
          metrics.inbox.reads += count;
          break;
        case 'archive':
          metrics.inbox.archives += count;
          break;
      }
    }
    // Every bucket of the range appears, empty ones too: charts need a continuous axis.
    const first = Math.floor(range.from / span) * span;
    const count = Math.ceil((range.to - first) / span);
    if (count <= 2000) for (let i = 0; i < count; i++) bucket(first + i * span);
    metrics.series = [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, point]) => point);
    metrics.conversionRate =
      metrics.uniqueViewers === 0
        ? 0
        : Math.round((metrics.conversions / metrics.uniqueViewers) * 10_000) / 10_000;
    return metrics;
  }

  /** Views, clicks and conversions of every message of a workspace, for the message list. */
  async totals(workspaceId: string): Promise<Map<string, MessageTotals>> {
    const rows = await this.db
      .selectFrom('message_stats')
      .innerJoin('messages', 'messages.id', 'message_stats.message_id')
      .select((eb) => [
        'message_stats.message_id',
        'message_stats.metric',
        eb.fn.sum<number>('message_stats.count').as('n'),
      ])
      .where('messages.workspace_id', '=', workspaceId)
      .where('message_stats.metric', 'in', ['view', 'click', 'conversion'])
      .groupBy(['message_stats.message_id', 'message_stats.metric'])
      .execute();
    const totals = new Map<string, MessageTotals>();
    for (const row of rows) {
      const entry = totals.get(row.message_id) ?? { views: 0, clicks: 0, conversions: 0 };
      const n = Number(row.n);
      if (row.metric === 'view') entry.views += n;
      else if (row.metric === 'click') entry.clicks += n;
      else entry.conversions += n;
      totals.set(row.message_id, entry);
    }
    return totals;
  }
}
