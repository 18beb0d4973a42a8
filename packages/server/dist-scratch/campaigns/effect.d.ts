import type { ChangeBus } from '../inapp/bus.js';
import type { IngestEffect } from '../store/ingest-effect.js';
import type { RulesCache } from './rules.js';
/**
 * Segment membership and event-triggered campaigns, kept up to date as identify and track calls
 * are applied, in their ingest transaction (never recomputed per request):
 *
 * - a track call bumps the person's daily counters that some segment condition reads (one per
 *   distinct property filter), then re-evaluates the segments that mention the event;
 * - an identify call re-evaluates the segments with trait conditions;
 * - a track call whose event triggers a campaign (filters passing) queues its message, now or
 *   after the campaign's delay (a durable job).
 *
 * Events of people not identified yet (no profile) count for nobody: segments are of people.
 */
export declare function campaignsEffect(rules: RulesCache, bus: ChangeBus): IngestEffect;
//# sourceMappingURL=effect.d.ts.map