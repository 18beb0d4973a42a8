import { type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { Schema } from './schema.js';
export interface MaintenanceReport {
    /** Partitions created this run (PostgreSQL). */
    created: string[];
    /** Partitions dropped this run (PostgreSQL). */
    dropped: string[];
    /** Rows deleted one by one (SQLite events; PostgreSQL default partition and event_ids). */
    deleted: number;
    /** False when another node held the maintenance lock and this run did nothing. */
    ran: boolean;
}
export interface MaintenanceOptions {
    /** Events older than this many days go; 0 keeps everything. */
    retentionDays: number;
    /** Between runs. Default one hour. */
    intervalMs?: number;
    logger?: {
        info(details: object, message: string): void;
        error(details: object, message: string): void;
    };
}
/** The Monday 00:00 UTC at or before `at`. */
export declare function weekStart(at: number): number;
/** `events_w20260105` for the week starting 2026-01-05. */
export declare function partitionName(start: number): string;
/**
 * Storage upkeep on a timer: on PostgreSQL, creates the coming weeks' `events` partitions and
 * drops those past retention (under an advisory lock, so that one node of many does it); on
 * SQLite, deletes expired events in batches. Runs once at start, then every `intervalMs`.
 *
 * @example
 * const maintenance = new Maintenance(store.database, { retentionDays: 90 });
 * maintenance.start();
 */
export declare class Maintenance {
    private readonly database;
    private readonly options;
    private timer;
    private running;
    private stopped;
    constructor(database: Database, options: MaintenanceOptions);
    start(): void;
    /** Stops the timer and waits for a run under way (each batch is short). */
    stop(): Promise<void>;
    /** One run, now. */
    run(now?: number): Promise<MaintenanceReport>;
    get isStopped(): boolean;
    /**
     * Deletes events received before `cutoff`, oldest ids first, a window of ids at a time. Ids
     * grow with arrival, so expired rows sit at the low end: the run stops at the first window
     * with nothing to delete instead of scanning the table (a row processed very late may outlive
     * its retention by a run or two).
     */
    private expireSqlite;
}
/** Creates this week's partition and the next ones when missing; answers those it created. */
export declare function ensurePartitions(db: Kysely<Schema>, now: number): Promise<string[]>;
/** The weekly partitions of `events`, oldest first. */
export declare function partitions(db: Kysely<Schema>): Promise<Array<{
    name: string;
    start: number;
}>>;
//# sourceMappingURL=maintenance.d.ts.map