import type { Kysely } from 'kysely';
import type { NewEvent, Schema } from './schema.js';

/** An anonymous ID newly linked to a person by this batch. */
export interface IdentityLink {
  anonymousId: string;
  profileId: string;
  userId: string;
  at: number;
}

/**
 * Profile `fromId` merged into `intoId` by an alias call of this batch: `fromId` is gone, its
 * identities (and so its events), message states, queued messages and conversions are
 * `intoId`'s now (person-merge.ts).
 */
export interface ProfileMerge {
  fromId: string;
  intoId: string;
  at: number;
  /** The merged person's visitor keys (`u:<userId>`, each of theirs): their answers changed. */
  visitors: string[];
}

/** The newly stored events of one submission, inside the ingest transaction. */
export interface IngestBatch {
  trx: Kysely<Schema>;
  workspaceId: string;
  /** Events stored by this submission (repeats of a known messageId are left out), in order. */
  events: NewEvent[];
  /** Anonymous IDs linked to people by this submission (filled in by identity resolution). */
  links: IdentityLink[];
  /** Profiles merged into others by this submission, in order (filled in by identity resolution). */
  merges: ProfileMerge[];
  /** Runs `fn` once the transaction has committed (e.g. to tell open pages that state changed). */
  afterCommit(fn: () => void): void;
}

/**
 * Something that follows from stored events, done in the same transaction so that it is never
 * half-applied: identities, in-app message state, goals. Effects run in the order given.
 */
export interface IngestEffect {
  apply(batch: IngestBatch): Promise<void>;
}
