import type { Kysely } from 'kysely';

/**
 * An index for paging through a segment's members (`GET …/segments/:id/members`,
 * CampaignRepository.members): one segment's rows, newest entry first, ties by profile id. The
 * primary key (segment_id, profile_id) finds the segment's rows but not in that order, so each
 * page read and sorted all of them; with this index a page reads rows in order (both dialects
 * scan it backwards for DESC, DESC) and stops after `limit`. The `before` cursor narrows the
 * scan too once it is written as a row value, `(entered_at, profile_id) < (?, ?)`: as an OR of
 * two comparisons it is a filter on the rows read from the newest on.
 *
 * Built in the upgrade's transaction: writes to `segment_members` wait for it, for as long as
 * indexing the table takes.
 */
export function segmentMemberPages() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('segment_members_by_entry')
        .on('segment_members')
        .columns(['segment_id', 'entered_at', 'profile_id'])
        .execute();
    },
  };
}
