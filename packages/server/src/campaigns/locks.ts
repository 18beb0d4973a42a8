import type { Kysely } from 'kysely';
import type { DialectName } from '../store/dialect.js';
import type { Schema } from '../store/schema.js';

/**
 * Whose turn it is with a person's counters and memberships, on PostgreSQL: the row lock on
 * their `profiles` row. An ingest transaction holds it before it bumps a person's counters or
 * decides their segments (identity resolution updates the profile of every call with a userId;
 * the campaigns effect locks the others with {@link lockPeople}); segment jobs take it with
 * {@link lockRun} before they recount or evaluate. So a job never reads a person's events while
 * an ingest transaction that added one (not visible yet) waits to count it, and two transactions
 * never both decide that the same person entered a segment.
 *
 * Jobs never wait for ingest: they skip people locked at the moment, so the two cannot deadlock
 * on profiles. On SQLite one connection runs one transaction at a time: nothing to lock.
 */

/** Locks these people's profiles until the transaction ends, waiting for them, in id order. */
export async function lockPeople(
  trx: Kysely<Schema>,
  dialect: DialectName,
  profileIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(profileIds)].sort();
  if (dialect !== 'postgres' || ids.length === 0) return;
  await trx
    .selectFrom('profiles')
    .select('id')
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * Locks as many of `profileIds` (in id order, as listed) as it can without waiting, and answers
 * the longest run from the first that it locked (deleted profiles end the run too): a job
 * processes that run, and resumes after its last. Empty when the first is locked by another
 * transaction: try again shortly.
 */
export async function lockRun(
  trx: Kysely<Schema>,
  dialect: DialectName,
  profileIds: string[],
): Promise<string[]> {
  if (dialect !== 'postgres' || profileIds.length === 0) return profileIds;
  const locked = await trx
    .selectFrom('profiles')
    .select('id')
    .where('id', 'in', profileIds)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
  const held = new Set(locked.map((r) => r.id));
  const end = profileIds.findIndex((id) => !held.has(id));
  return end === -1 ? profileIds : profileIds.slice(0, end);
}
