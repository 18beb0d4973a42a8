import { CompiledQuery } from 'kysely';
import { identityEffect } from './identity.js';
/** Rows per INSERT: well under both dialects' bound-parameter limits (16 columns a row). */
const INSERT_CHUNK = 500;
const COLUMNS = [
    'workspace_id',
    'message_id',
    'type',
    'name',
    'user_id',
    'anonymous_id',
    'group_id',
    'previous_id',
    'properties',
    'traits',
    'context',
    'integrations',
    'timestamp',
    'original_timestamp',
    'sent_at',
    'received_at',
];
const BIGINT_COLUMNS = new Set([
    'timestamp',
    'original_timestamp',
    'sent_at',
    'received_at',
]);
/**
 * The one path by which events enter the database, whoever submits them (the in-app intake
 * through EventWriter, the tracking API through the ingest processor): store each event at most
 * once per messageId, then apply what follows from the new ones (identities first, then the
 * effects added) in the caller's transaction.
 */
export class EventPipeline {
    dialect;
    effects = [identityEffect];
    /** INSERT statements by row count: building one through Kysely costs more than running it. */
    insertSql = new Map();
    constructor(dialect) {
        this.dialect = dialect;
    }
    /** Adds an effect that runs, after those already added, on every submission's new events. */
    addEffect(effect) {
        this.effects.push(effect);
    }
    /**
     * Stores `submission`'s events and applies every effect to those that were new, inside `trx`.
     * `afterCommit` collects what must happen once the transaction has committed.
     */
    async apply(trx, submission, afterCommit) {
        const batch = await this.insert(trx, submission);
        batch.afterCommit = afterCommit;
        for (const effect of this.effects)
            await effect.apply(batch);
    }
    async insert(trx, { workspaceId, events }) {
        // A messageId seen twice in one submission is stored once, like a repeat across requests.
        const unique = new Map();
        for (const event of events) {
            if (!unique.has(event.message_id)) {
                unique.set(event.message_id, { ...event, workspace_id: workspaceId });
            }
        }
        const rows = [...unique.values()];
        const inserted = new Set();
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
            const chunk = rows.slice(i, i + INSERT_CHUNK);
            const parameters = [];
            for (const row of chunk) {
                for (const column of COLUMNS)
                    parameters.push(row[column] ?? null);
            }
            const result = await trx.executeQuery(CompiledQuery.raw(this.insertStatement(chunk.length), parameters));
            for (const row of result.rows)
                inserted.add(row.message_id);
        }
        return {
            trx,
            workspaceId,
            events: rows.filter((row) => inserted.has(row.message_id)),
            links: [],
            afterCommit: () => { },
        };
    }
    /**
     * `INSERT … ON CONFLICT DO NOTHING RETURNING message_id` for `count` rows, in this dialect.
     * On PostgreSQL `events` is partitioned and cannot hold the (workspace, messageId) unique key:
     * the rows go through `event_ids` first, and only those new there enter `events`, in one
     * statement (migrations/0001_foundation.ts).
     */
    insertStatement(count) {
        let text = this.insertSql.get(count);
        if (text)
            return text;
        const columns = COLUMNS.map((c) => `"${c}"`).join(', ');
        if (this.dialect === 'postgres') {
            let n = 0;
            // VALUES in a CTE has no target column to take types from: each parameter says its own.
            const tuple = () => `(${COLUMNS.map((c) => `$${++n}::${BIGINT_COLUMNS.has(c) ? 'bigint' : 'text'}`).join(', ')})`;
            text =
                `with "v" (${columns}) as (values ${Array.from({ length: count }, tuple).join(', ')}), ` +
                    '"fresh" as (insert into "event_ids" ("workspace_id", "message_id", "received_at") ' +
                    'select "workspace_id", "message_id", "received_at" from "v" ' +
                    'on conflict do nothing returning "message_id") ' +
                    `insert into "events" (${columns}) select "v".* from "v" ` +
                    'join "fresh" using ("message_id") returning "message_id"';
        }
        else {
            const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
            text =
                `insert into "events" (${columns}) values ` +
                    `${Array.from({ length: count }, () => tuple).join(', ')} ` +
                    'on conflict ("workspace_id", "message_id") do nothing returning "message_id"';
        }
        if (this.insertSql.size > 600)
            this.insertSql.clear();
        this.insertSql.set(count, text);
        return text;
    }
}
//# sourceMappingURL=event-pipeline.js.map