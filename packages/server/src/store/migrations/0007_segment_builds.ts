import type { Kysely } from 'kysely';
import { prefixedId } from '../ids.js';

/**
 * The builds of segments (campaigns/segment-jobs.ts): a `segment.rebuild` job recounts the
 * event counters of a segment from `events` and decides everyone's membership, in chunks.
 *
 * - `conditions_version`: when the conditions last changed; the build job carries it and stops
 *   once it no longer matches (a newer build took over).
 * - `built_through`: NULL once built (and for segments on traits alone, which need no counting);
 *   while the build of a segment with event conditions runs, the id of the last profile it has
 *   recounted and decided ('' before the first chunk). The ingest path decides a person's
 *   membership of such a segment only once its build has passed them, so that nobody enters or
 *   leaves on counters not counted yet.
 *
 * Segments with event conditions from before this migration counted events only from their
 * creation on: each gets a build, which counts the older ones.
 */
export function segmentBuilds() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('segments').addColumn('conditions_version', 'bigint').execute();
      await db.schema.alterTable('segments').addColumn('built_through', 'text').execute();

      const raw = db as unknown as Kysely<Before>;
      const segments = await raw
        .selectFrom('segments')
        .select(['id', 'workspace_id', 'definition', 'updated_at'])
        .execute();
      const now = Date.now();
      for (const segment of segments) {
        const version = Number(segment.updated_at);
        const counts = mentionsEvents(segment.definition);
        await raw
          .updateTable('segments')
          .set({ conditions_version: version, built_through: counts ? '' : null })
          .where('id', '=', segment.id)
          .execute();
        if (!counts) continue;
        await raw
          .insertInto('jobs')
          .values({
            id: prefixedId('job', 12),
            workspace_id: segment.workspace_id,
            kind: 'segment.rebuild',
            payload: JSON.stringify({ segmentId: segment.id, version }),
            run_at: now,
            attempts: 0,
            idempotency_key: `rebuild:${segment.id}:0007`,
            created_at: now,
          })
          .execute();
      }
    },
  };
}

/** The tables as this migration finds them (only what it reads and writes). */
interface Before {
  segments: {
    id: string;
    workspace_id: string;
    definition: string;
    updated_at: number;
    conditions_version: number | null;
    built_through: string | null;
  };
  jobs: {
    id: string;
    workspace_id: string | null;
    kind: string;
    payload: string;
    run_at: number;
    attempts: number;
    idempotency_key: string;
    created_at: number;
  };
}

/** Whether a stored segment definition has an event condition, however deeply grouped. */
function mentionsEvents(definition: string): boolean {
  const visit = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return false;
    const item = node as { type?: unknown; conditions?: unknown };
    if (item.type === 'event') return true;
    return Array.isArray(item.conditions) && item.conditions.some(visit);
  };
  try {
    return visit(JSON.parse(definition));
  } catch {
    return false;
  }
}
