import { HOLDOUT } from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** A group's figures: the people of one variant (or the holdout), or of one language. */
export interface SplitFigures {
  /** People exposed: shown a variant, or reached while in the holdout. */
  exposed: number;
  views: number;
  uniqueViewers: number;
  dismissals: number;
  clicks: Record<string, number>;
  conversions: number;
  /** Conversions per exposed person. */
  conversionRate: number;
}

export interface MessageSplits {
  /** By variant key or `holdout`; '' holds a message without an experiment. */
  byVariant: Map<string, SplitFigures>;
  /** By language shown; '' is the default content. */
  byLocale: Map<string, SplitFigures>;
}

/**
 * A message's figures per variant and per language, from its `message_splits` counters and its
 * visitors' states (inapp/experiment-effects.ts writes both). Two grouped reads, both on the
 * message's primary-key prefix.
 */
export class SplitRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async of(messageId: string): Promise<MessageSplits> {
    const [counters, viewers] = await Promise.all([
      this.db
        .selectFrom('message_splits')
        .select(['variant', 'locale', 'metric', 'action', 'count'])
        .where('message_id', '=', messageId)
        .execute(),
      this.db
        .selectFrom('message_states')
        .select((eb) => ['variant', 'locale', eb.fn.countAll<number>().as('n')])
        .where('message_id', '=', messageId)
        .where('views', '>', 0)
        .where('exposed_at', 'is not', null)
        .groupBy(['variant', 'locale'])
        .execute(),
    ]);
    const splits: MessageSplits = { byVariant: new Map(), byLocale: new Map() };
    // The holdout is shown nothing, in no language: it counts by variant only.
    const groups = (variant: string | null, locale: string | null) =>
      variant === HOLDOUT
        ? [figuresOf(splits.byVariant, variant)]
        : [figuresOf(splits.byVariant, variant ?? ''), figuresOf(splits.byLocale, locale ?? '')];
    for (const row of counters) {
      const count = Number(row.count);
      for (const figures of groups(row.variant, row.locale)) {
        if (row.metric === 'exposure') figures.exposed += count;
        else if (row.metric === 'view') figures.views += count;
        else if (row.metric === 'dismissal') figures.dismissals += count;
        else if (row.metric === 'conversion') figures.conversions += count;
        else if (row.metric === 'click') {
          figures.clicks[row.action] = (figures.clicks[row.action] ?? 0) + count;
        }
      }
    }
    for (const row of viewers) {
      for (const figures of groups(row.variant, row.locale)) figures.uniqueViewers += Number(row.n);
    }
    for (const figures of [...splits.byVariant.values(), ...splits.byLocale.values()]) {
      figures.conversionRate =
        figures.exposed === 0 ? 0 : Math.round((figures.conversions / figures.exposed) * 1e4) / 1e4;
    }
    return splits;
  }
}

function figuresOf(map: Map<string, SplitFigures>, key: string): SplitFigures {
  let figures = map.get(key);
  if (!figures) {
    figures = {
      exposed: 0,
      views: 0,
      uniqueViewers: 0,
      dismissals: 0,
      clicks: {},
      conversions: 0,
      conversionRate: 0,
    };
    map.set(key, figures);
  }
  return figures;
}
