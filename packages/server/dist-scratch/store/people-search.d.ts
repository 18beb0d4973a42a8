import { type Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
import type { Schema } from './schema.js';
export interface PersonSummary {
    userId: string;
    email: string | null;
    traits: Record<string, unknown>;
    lastSeenAt: number;
}
/**
 * Finds people for the dashboard's search box: by userId prefix (aliases included), email
 * prefix, or exact anonymous ID, most recently seen first. Prefixes ignore case on both
 * dialects (SQLite's LIKE already does, for ASCII; PostgreSQL needs ILIKE). With no query it
 * answers the people seen most recently.
 *
 * The prefix scans stay within one workspace's rows; a workspace with millions of profiles will
 * want a trigram or text_pattern_ops index here.
 */
export declare function searchPeople(db: Kysely<Schema>, dialect: DialectName, workspaceId: string, query: string, limit: number): Promise<PersonSummary[]>;
//# sourceMappingURL=people-search.d.ts.map