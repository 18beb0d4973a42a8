import type { Kysely } from 'kysely';
import { HeraldError } from '../errors.js';
import { JobRunner } from '../jobs/runner.js';
import { sendFigures } from './figures.js';
import { prefixedId } from '../store/ids.js';
import { readJson } from '../store/json.js';
import { decodeCursor, encodeCursor } from '../store/people.js';
import type { BroadcastStatus, CampaignStatus, Schema } from '../store/schema.js';
import { conditionsOf, type SegmentDefinition } from './conditions.js';
import type { CampaignDefinition } from './definitions.js';

export interface Segment {
  id: string;
  name: string;
  conditions: SegmentDefinition;
  members: number;
  /** Its build (counting past events, deciding everyone) is under way: `members` is partial. */
  building: boolean;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** Segments, broadcasts and campaigns, and their figures. */
export class CampaignRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async createSegment(workspaceId: string, name: string, conditions: SegmentDefinition) {
    const now = Date.now();
    const id = prefixedId('seg', 9);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('segments')
        .values({
          id,
          workspace_id: workspaceId,
          name,
          definition: JSON.stringify(conditions),
          created_at: now,
          updated_at: now,
          ...buildOf(conditions, now),
        })
        .execute();
      await scheduleRebuild(trx, workspaceId, id, now);
    });
    return (await this.segment(workspaceId, id))!;
  }

  async updateSegment(
    workspaceId: string,
    id: string,
    patch: { name?: string; conditions?: SegmentDefinition },
  ) {
    const current = await this.requireSegment(workspaceId, id);
    const now = Math.max(Date.now(), Date.parse(current.updatedAt) + 1);
    // The same conditions again need no new build.
    const conditions =
      patch.conditions && JSON.stringify(patch.conditions) !== JSON.stringify(current.conditions)
        ? patch.conditions
        : undefined;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('segments')
        .set({
          name: patch.name ?? current.name,
          definition: JSON.stringify(conditions ?? current.conditions),
          updated_at: now,
          ...(conditions ? buildOf(conditions, now) : {}),
        })
        .where('id', '=', id)
        .execute();
      if (conditions) await scheduleRebuild(trx, workspaceId, id, now);
    });
    return (await this.segment(workspaceId, id))!;
  }

  async deleteSegment(workspaceId: string, id: string): Promise<void> {
    await this.requireSegment(workspaceId, id);
    const used = await this.db
      .selectFrom('broadcasts')
      .select('id')
      .where('segment_id', '=', id)
      .where('status', 'in', ['scheduled', 'sending'])
      .executeTakeFirst();
    if (used)
      throw new HeraldError('conflict', `Broadcast ${used.id} is sending to this segment`, 'id');
    await this.db.deleteFrom('segments').where('id', '=', id).execute();
  }

  async segment(workspaceId: string, id: string): Promise<Segment | undefined> {
    return (await this.segments(workspaceId, id))[0];
  }

  async requireSegment(workspaceId: string, id: string): Promise<Segment> {
    const segment = await this.segment(workspaceId, id);
    if (!segment) throw new HeraldError('not_found', `Segment ${id} not found`, 'segmentId');
    return segment;
  }

  /** Segments with their live member count (kept up to date as calls arrive, so cheap to read). */
  async segments(workspaceId: string, id?: string): Promise<Segment[]> {
    const rows = await this.db
      .selectFrom('segments')
      .select((eb) => [
        'id',
        'name',
        'definition',
        'created_at',
        'updated_at',
        'built_through',
        eb
          .selectFrom('segment_members')
          .select(eb.fn.countAll<number | string>().as('n'))
          .whereRef('segment_members.segment_id', '=', 'segments.id')
          .as('members'),
      ])
      .where('workspace_id', '=', workspaceId)
      .$if(id !== undefined, (q) => q.where('id', '=', id!))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      conditions: readJson<SegmentDefinition>(r.definition, { match: 'all', conditions: [] }),
      members: Number(r.members ?? 0),
      building: r.built_through !== null,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
    }));
  }

  /**
   * Members of a segment, newest first (ties by profile id), `limit` at a time: `next` is the
   * `before` of the following page, null on the last.
   */
  async members(
    workspaceId: string,
    segmentId: string,
    options: { limit: number; before?: string | undefined },
  ) {
    const cursor = decodeCursor(options.before, 'text');
    const rows = await this.db
      .selectFrom('segment_members')
      .innerJoin('profiles', 'profiles.id', 'segment_members.profile_id')
      .select([
        'profiles.user_id',
        'profiles.email',
        'segment_members.entered_at',
        'segment_members.profile_id',
      ])
      .where('segment_members.workspace_id', '=', workspaceId)
      .where('segment_members.segment_id', '=', segmentId)
      // A row-value comparison: both databases seek the index straight to the cursor, where the
      // equivalent OR would read every newer member first.
      .$if(cursor !== undefined, (q) =>
        q.where((eb) =>
          eb(
            eb.refTuple('segment_members.entered_at', 'segment_members.profile_id'),
            '<',
            eb.tuple(cursor!.timestamp, cursor!.id),
          ),
        ),
      )
      .orderBy('segment_members.entered_at', 'desc')
      .orderBy('segment_members.profile_id', 'desc')
      .limit(options.limit + 1)
      .execute();
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      data: page.map((r) => ({ userId: r.user_id, email: r.email, enteredAt: iso(r.entered_at) })),
      next:
        rows.length > options.limit && last
          ? encodeCursor(Number(last.entered_at), last.profile_id)
          : null,
    };
  }

  async createBroadcast(
    workspaceId: string,
    input: {
      name: string;
      messageId: string;
      segmentId: string;
      sendAt: number;
      expiresDays: number;
    },
  ) {
    const id = prefixedId('bc', 9);
    const now = Date.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('broadcasts')
        .values({
          id,
          workspace_id: workspaceId,
          name: input.name,
          message_id: input.messageId,
          segment_id: input.segmentId,
          status: 'scheduled',
          send_at: input.sendAt,
          expires_days: input.expiresDays,
          sent_at: null,
          stopped_at: null,
          created_at: now,
        })
        .execute();
      // Keyed by the broadcast: however often this runs, one send job.
      await JobRunner.schedule(trx, {
        kind: 'broadcast.send',
        workspaceId,
        runAt: input.sendAt,
        payload: { broadcastId: id },
        key: `b:${id}`,
      });
    });
    return (await this.broadcast(workspaceId, id))!;
  }

  /** Stops a broadcast or campaign: it sends nothing more, and what nobody opened is withdrawn. */
  async stop(table: 'broadcasts' | 'campaigns', workspaceId: string, id: string): Promise<void> {
    const now = Date.now();
    await this.db.transaction().execute(async (trx) => {
      const result =
        table === 'broadcasts'
          ? await trx
              .updateTable('broadcasts')
              .set({ status: 'stopped' satisfies BroadcastStatus, stopped_at: now })
              .where('workspace_id', '=', workspaceId)
              .where('id', '=', id)
              .executeTakeFirst()
          : await trx
              .updateTable('campaigns')
              .set({ status: 'stopped' satisfies CampaignStatus, updated_at: now })
              .where('workspace_id', '=', workspaceId)
              .where('id', '=', id)
              .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        throw new HeraldError('not_found', `${id} not found`, 'id');
      await trx
        .updateTable('message_queue')
        .set({ withdrawn_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('source_id', '=', id)
        .where('opened_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .execute();
    });
  }

  async broadcasts(workspaceId: string, id?: string) {
    const rows = await this.db
      .selectFrom('broadcasts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .$if(id !== undefined, (q) => q.where('id', '=', id!))
      .orderBy('created_at', 'desc')
      .execute();
    const figures = await sendFigures(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      messageId: r.message_id,
      segmentId: r.segment_id,
      status: r.status,
      sendAt: iso(r.send_at),
      expiresDays: r.expires_days,
      sentAt: iso(r.sent_at),
      stoppedAt: iso(r.stopped_at),
      createdAt: iso(r.created_at),
      figures: figures.get(r.id)!,
    }));
  }

  async broadcast(workspaceId: string, id: string) {
    return (await this.broadcasts(workspaceId, id))[0];
  }

  async createCampaign(
    workspaceId: string,
    input: { name: string; messageId: string; definition: CampaignDefinition },
  ) {
    const id = prefixedId('cmp', 9);
    const now = Date.now();
    await this.db
      .insertInto('campaigns')
      .values({
        id,
        workspace_id: workspaceId,
        name: input.name,
        message_id: input.messageId,
        status: 'active',
        definition: JSON.stringify(input.definition),
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.campaign(workspaceId, id))!;
  }

  async updateCampaign(
    workspaceId: string,
    id: string,
    patch: { name?: string; status?: CampaignStatus; definition?: CampaignDefinition },
  ) {
    await this.db
      .updateTable('campaigns')
      .set({
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.definition ? { definition: JSON.stringify(patch.definition) } : {}),
        updated_at: Date.now(),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
    return this.campaign(workspaceId, id);
  }

  async campaigns(workspaceId: string, id?: string) {
    const rows = await this.db
      .selectFrom('campaigns')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .$if(id !== undefined, (q) => q.where('id', '=', id!))
      .orderBy('created_at', 'desc')
      .execute();
    const figures = await sendFigures(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      messageId: r.message_id,
      status: r.status,
      ...readJson<CampaignDefinition>(r.definition, {} as CampaignDefinition),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      figures: figures.get(r.id)!,
    }));
  }

  async campaign(workspaceId: string, id: string) {
    return (await this.campaigns(workspaceId, id))[0];
  }

  /** Sent, opened, clicked, dismissed, withdrawn entries; converted: people who converted after opening. */
}

/**
 * A segment's build state for new conditions: a segment with event conditions is being built
 * until its `segment.rebuild` job has recounted everyone (segment-jobs.ts); one on traits alone
 * needs no counting and is decided by the ingest path at once.
 */
function buildOf(conditions: SegmentDefinition, version: number) {
  const counts = conditionsOf(conditions).some((c) => c.type === 'event');
  return { conditions_version: version, built_through: counts ? '' : null };
}

/** The build of this version of the conditions; a build of an older version stops. */
function scheduleRebuild(
  trx: Kysely<Schema>,
  workspaceId: string,
  segmentId: string,
  version: number,
) {
  return JobRunner.schedule(trx, {
    kind: 'segment.rebuild',
    workspaceId,
    runAt: version,
    payload: { segmentId, version },
    key: `rebuild:${segmentId}:${version}`,
  });
}
