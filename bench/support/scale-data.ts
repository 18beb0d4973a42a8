/**
 * The people of bench/scale, defined once by integer formulas that JavaScript and SQL compute
 * alike: person p has `eventCount(p)` track calls, the e-th named `eventName(p, e)`, sent
 * `eventAgo(p, e)` ms before the load's `now`. So the same tracks can go through the store's
 * pipeline (as the tracking API would send them) or be inserted by PostgreSQL itself from
 * `generate_series` (bulk.ts), and a check can compare the two loads row by row.
 */

export const DAY = 86_400_000;
export const EVENT_NAMES = Array.from({ length: 20 }, (_, i) => `Event ${i}`);
/** Events are spread over the last 45 days. */
const SPREAD_MS = 45 * DAY;

/** A 24-bit hash of x (< 2^31) by Knuth's multiplicative method: the product's upper bits. */
function hash24(x: number, multiplier: number): number {
  return (Math.imul(x, multiplier) >>> 0) >>> 8;
}
/** The same, as SQL over a bigint expression. */
function hash24Sql(x: string, multiplier: number): string {
  return `((((${x}) * ${multiplier}::bigint) % 4294967296) / 256)`;
}
const COUNT_MULTIPLIER = 2654435761;
const TIME_MULTIPLIER = 2246822519;

/** One to fifty track calls per person. */
export function eventCount(p: number): number {
  return 1 + (hash24(p, COUNT_MULTIPLIER) % 50);
}
export function eventName(p: number, e: number): string {
  return EVENT_NAMES[hash24(p * 64 + e, COUNT_MULTIPLIER) % EVENT_NAMES.length]!;
}
export function eventAgo(p: number, e: number): number {
  return Number((BigInt(hash24(p * 64 + e, TIME_MULTIPLIER)) * BigInt(SPREAD_MS)) / 16777216n);
}

/** {@link eventCount}, {@link eventName} and {@link eventAgo} as SQL over columns `p` and `e`. */
export const SQL = {
  eventCount: `(1 + ${hash24Sql('p', COUNT_MULTIPLIER)} % 50)`,
  eventName: `('Event ' || (${hash24Sql('p * 64 + e', COUNT_MULTIPLIER)} % ${EVENT_NAMES.length}))`,
  eventAgo: `((${hash24Sql('p * 64 + e', TIME_MULTIPLIER)} * ${SPREAD_MS}::bigint) / 16777216)`,
  viewAgo: `((p % 1000) * 60000)`,
  /** Person p's traits, as identifyCalls sends them, given the sign-up time as ISO text `$at`. */
  traits: (at: string) =>
    `'{"plan":"plan-' || (p % 4) || '","email":"user-' || p || '@example.com","createdAt":"' || ${at} || '"}'`,
};

/** Everyone signed up, and was first identified, this long before the load. */
export const SIGNED_UP_AGO = 60 * DAY;

/** Person p's identify calls: one, and a second device's for every fifth person. */
export function identifyCalls(p: number, now: number): object[] {
  const userId = `user-${p}`;
  const at = new Date(now - SIGNED_UP_AGO).toISOString();
  const calls: object[] = [
    {
      type: 'identify',
      messageId: `id-${p}`,
      userId,
      anonymousId: `anon-${p}`,
      timestamp: at,
      traits: { plan: `plan-${p % 4}`, email: `${userId}@example.com`, createdAt: at },
    },
  ];
  // Every fifth person signed in from a second device, whose anonymous ID merges into them.
  if (p % 5 === 0) {
    calls.push({ type: 'identify', messageId: `id2-${p}`, userId, anonymousId: `anon-b-${p}` });
  }
  return calls;
}

/** When person p viewed the message everyone viewed: over the last 1,000 minutes. */
export function viewAgo(p: number): number {
  return (p % 1000) * 60_000;
}

/** Person p's track calls, as a backend would send them. */
export function trackCalls(p: number, now: number): object[] {
  return Array.from({ length: eventCount(p) }, (_, e) => ({
    type: 'track',
    messageId: `ev-${p}-${e}`,
    userId: `user-${p}`,
    event: eventName(p, e),
    timestamp: new Date(now - eventAgo(p, e)).toISOString(),
    properties: { sku: `sku-${e % 7}`, value: e },
  }));
}

/** The 20 segments: odd ones on a trait, even ones on an event within 30 days. */
export function segmentBodies(): object[] {
  return Array.from({ length: 20 }, (_, s) => ({
    name: `Segment ${s}`,
    conditions:
      s % 2
        ? { conditions: [{ type: 'trait', trait: 'plan', op: 'equals', value: `plan-${s % 4}` }] }
        : { conditions: [{ type: 'event', event: EVENT_NAMES[s]!, withinDays: 30 }] },
  }));
}
