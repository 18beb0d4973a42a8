import { sql } from 'kysely';
import { readJson } from './json.js';
/** `%`, `_` and the escape character itself are literal in a search. */
const escapeLike = (text) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/**
 * Finds people for the dashboard's search box: by userId prefix (aliases included), email
 * prefix, or exact anonymous ID, most recently seen first. Prefixes ignore case on both
 * dialects (SQLite's LIKE already does, for ASCII; PostgreSQL needs ILIKE). With no query it
 * answers the people seen most recently.
 *
 * The prefix scans stay within one workspace's rows; a workspace with millions of profiles will
 * want a trigram or text_pattern_ops index here.
 */
export async function searchPeople(db, dialect, workspaceId, query, limit) {
    const q = query.trim();
    let select = db
        .selectFrom('profiles')
        .select(['user_id', 'email', 'traits', 'last_seen_at'])
        .where('workspace_id', '=', workspaceId);
    if (q !== '') {
        const pattern = `${escapeLike(q)}%`;
        const like = dialect === 'postgres' ? sql.raw('ILIKE') : sql.raw('LIKE');
        const prefix = (column) => sql `${sql.ref(column)} ${like} ${pattern} ESCAPE '\\'`;
        select = select.where((eb) => eb.or([
            prefix('profiles.email'),
            eb('id', 'in', eb
                .selectFrom('identities')
                .select('profile_id')
                .where('identities.workspace_id', '=', workspaceId)
                .where((inner) => inner.or([
                inner.and([inner('kind', '=', 'user'), prefix('identities.value')]),
                inner.and([inner('kind', '=', 'anonymous'), inner('value', '=', q)]),
            ]))),
        ]));
    }
    const rows = await select
        .orderBy('last_seen_at', 'desc')
        .orderBy('user_id')
        .limit(limit)
        .execute();
    return rows.map((row) => ({
        userId: row.user_id,
        email: row.email,
        traits: readJson(row.traits, {}),
        lastSeenAt: row.last_seen_at,
    }));
}
//# sourceMappingURL=people-search.js.map