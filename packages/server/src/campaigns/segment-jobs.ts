import type { Kysely } from 'kysely';
import type { ChangeBus } from '../inapp/bus.js';
import type { JobRunner } from '../jobs/runner.js';
import type { DialectName } from '../store/dialect.js';
import { personKeys } from '../store/person-merge.js';
import type { Schema } from '../store/schema.js';
import { recountCounters } from './counters.js';
import { lockRun } from './locks.js';
import { applyChanges, reevaluate } from './membership.js';
import {
  loadRules,
  RULES_MAX_AGE_MS,
  type RulesCache,
  type SegmentRule,
  type WorkspaceRules,
} from './rules.js';

/** People per chunk when only deciding membership: one short transaction's worth. */
const CHUNK = 2000;
/** People per chunk of a build that recounts events: a year of their events is read. */
export const RECOUNT_CHUNK = 1000;
/** How soon to try again when the next person is locked by an ingest transaction. */
const RETRY_LOCKED_MS = 200;
/** How often segments whose answer changes with time alone are re-evaluated. */
export const REFRESH_EVERY_MS = 3_600_000;
/**
 * On PostgreSQL, the build of a segment with event conditions starts this long after the change:
 * by then every node has read the new rules (cached for at most RULES_MAX_AGE_MS, bus or not),
 * so every event applied after the build recounted a person is bumped on their counters too. On
 * SQLite one process does everything and the build drops the cached rules itself.
 */
export const BUILD_SETTLE_MS = RULES_MAX_AGE_MS + 2_000;

interface RebuildPayload {
  segmentId: string;
  /** The segment's `conditions_version` when this build was scheduled. */
  version?: number;
  after?: string;
}
interface RefreshPayload {
  workspaceId?: string;
  after?: string;
}

/**
 * The segment jobs. `segment.rebuild` builds a new or edited segment: chunk by chunk, in profile
 * id order, it locks the people (locks.ts), recounts their counters of the segment's event
 * conditions from `events` (counters.ts), decides their membership and records how far it got
 * (`segments.built_through`), all in one transaction: an event applied before the chunk is in
 * the recount, one applied after is bumped on top of it by the ingest path, none twice.
 * `segments.refresh` re-evaluates hourly the segments that change with time alone.
 */
export function registerSegmentJobs(
  runner: JobRunner,
  bus: ChangeBus,
  rules: RulesCache,
  dialect: DialectName,
): void {
  const announce = (workspaceId: string, visitors: Iterable<string>) => () => {
    for (const visitor of visitors) bus.publish({ kind: 'visitor', workspaceId, visitor });
  };

  runner.register<RebuildPayload>('segment.rebuild', async ({ trx, job, now, afterCommit }) => {
    const { segmentId, after } = job.payload;
    const segment = await trx
      .selectFrom('segments')
      .select(['workspace_id', 'conditions_version'])
      .where('id', '=', segmentId)
      // An edit of the conditions waits for the chunk under way, then the next chunk stops.
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!segment) return;
    const version = segment.conditions_version === null ? null : Number(segment.conditions_version);
    if (job.payload.version !== undefined && job.payload.version !== version) return;
    const workspaceId = segment.workspace_id;
    const workspace = await loadRules(trx, workspaceId);
    const rule = workspace.segments.find((s) => s.id === segmentId);
    if (!rule) return;
    const recount = rule.counters.length > 0;
    if (recount && dialect === 'postgres' && version !== null && now < version + BUILD_SETTLE_MS) {
      return { runAt: version + BUILD_SETTLE_MS };
    }
    // This node's next ingest transactions read the rules again, the segment's counters in them.
    if (after === undefined) rules.forget(workspaceId);

    const limit = recount ? RECOUNT_CHUNK : CHUNK;
    const listed = await nextPeople(trx, workspaceId, after, limit);
    const run = await lockRun(trx, dialect, listed);
    if (recount) await recountCounters(trx, workspaceId, run, rule.counters, now);
    afterCommit(announce(workspaceId, await decide(trx, workspaceId, run, [rule], workspace, now)));
    const more = run.length < listed.length || listed.length === limit;
    const cursor = run.at(-1) ?? after;
    if (recount) {
      await trx
        .updateTable('segments')
        .set({ built_through: more ? (cursor ?? '') : null })
        .where('id', '=', segmentId)
        .execute();
    }
    if (!more) {
      afterCommit(() => rules.forget(workspaceId));
      return;
    }
    return {
      runAt: run.length === 0 ? now + RETRY_LOCKED_MS : now,
      payload: { segmentId, ...(version === null ? {} : { version }), after: cursor },
    };
  });

  // Relative dates and event windows change with time alone: re-evaluated hourly, in chunks.
  runner.every('segments.refresh', REFRESH_EVERY_MS, async (context) => {
    const { trx, now, afterCommit } = context;
    const payload = context.job.payload as RefreshPayload;
    let workspaceId = payload.workspaceId;
    if (workspaceId === undefined) {
      const first = await nextWorkspace(trx, undefined);
      if (!first) return;
      workspaceId = first;
    }
    const workspace = await loadRules(trx, workspaceId);
    // A segment being built is decided by its build.
    const segments = workspace.segments.filter((s) => s.timeDependent && !s.building);
    if (segments.length > 0) {
      const listed = await nextPeople(trx, workspaceId, payload.after, CHUNK);
      const run = await lockRun(trx, dialect, listed);
      const visitors = await decide(trx, workspaceId, run, segments, workspace, now);
      afterCommit(announce(workspaceId, visitors));
      if (run.length < listed.length || listed.length === CHUNK) {
        return {
          runAt: run.length === 0 ? now + RETRY_LOCKED_MS : now,
          payload: { workspaceId, after: run.at(-1) ?? payload.after },
        };
      }
    }
    const following = await nextWorkspace(trx, workspaceId);
    if (following) return { runAt: now, payload: { workspaceId: following } };
    return undefined;
  });
}

async function nextWorkspace(trx: Kysely<Schema>, after: string | undefined) {
  const row = await trx
    .selectFrom('segments')
    .select('workspace_id')
    .$if(after !== undefined, (q) => q.where('workspace_id', '>', after!))
    .orderBy('workspace_id')
    .limit(1)
    .executeTakeFirst();
  return row?.workspace_id;
}

/** The next `limit` profiles of the workspace after `after`, in id order. */
async function nextPeople(
  trx: Kysely<Schema>,
  workspaceId: string,
  after: string | undefined,
  limit: number,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('profiles')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .$if(after !== undefined, (q) => q.where('id', '>', after!))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Decides `segments` for these (locked) people; answers the visitors to announce after commit:
 * every userId of each person whose deliveries changed (store/person-merge.ts, personKeys).
 */
async function decide(
  trx: Kysely<Schema>,
  workspaceId: string,
  profileIds: string[],
  segments: SegmentRule[],
  workspace: WorkspaceRules,
  now: number,
): Promise<Set<string>> {
  const changes = await reevaluate(trx, workspaceId, profileIds, segments, now);
  const visitors = await applyChanges(trx, workspaceId, workspace, changes, now);
  return visitors.size === 0 ? visitors : personKeys(trx, workspaceId, visitors);
}
