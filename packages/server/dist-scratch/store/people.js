import { readJson } from './json.js';
/** People: profiles, the identifiers merged into them, and their activity log. */
export class PeopleRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    /** The profile a userId (canonical or merged by alias) or an anonymous ID belongs to. */
    async profileIdOf(workspaceId, kind, value) {
        const row = await this.db
            .selectFrom('identities')
            .select('profile_id')
            .where('workspace_id', '=', workspaceId)
            .where('kind', '=', kind)
            .where('value', '=', value)
            .executeTakeFirst();
        return row?.profile_id;
    }
    /** The traits Liquid personalises with, for a userId (canonical or alias), in one query. */
    async traitsOf(workspaceId, userId) {
        const row = await this.db
            .selectFrom('identities')
            .innerJoin('profiles', 'profiles.id', 'identities.profile_id')
            .select(['profiles.user_id', 'profiles.email', 'profiles.traits'])
            .where('identities.workspace_id', '=', workspaceId)
            .where('identities.kind', '=', 'user')
            .where('identities.value', '=', userId)
            .executeTakeFirst();
        return row && { userId: row.user_id, email: row.email, traits: readJson(row.traits, {}) };
    }
    /** The userId of the person with this email (emails are kept lower-case). */
    async userIdByEmail(workspaceId, email) {
        const row = await this.db
            .selectFrom('profiles')
            .select('user_id')
            .where('workspace_id', '=', workspaceId)
            .where('email', '=', email.trim().toLowerCase())
            .orderBy('last_seen_at', 'desc')
            .executeTakeFirst();
        return row?.user_id;
    }
    async get(workspaceId, profileId) {
        const profile = await this.db
            .selectFrom('profiles')
            .selectAll()
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', profileId)
            .executeTakeFirst();
        if (!profile)
            return undefined;
        const identities = await this.db
            .selectFrom('identities')
            .select(['kind', 'value'])
            .where('profile_id', '=', profileId)
            .orderBy('created_at')
            .orderBy('value')
            .execute();
        return {
            userId: profile.user_id,
            aliases: identities
                .filter((i) => i.kind === 'user' && i.value !== profile.user_id)
                .map((i) => i.value),
            email: profile.email,
            traits: readJson(profile.traits, {}),
            anonymousIds: identities.filter((i) => i.kind === 'anonymous').map((i) => i.value),
            createdAt: profile.created_at,
            updatedAt: profile.updated_at,
            lastSeenAt: profile.last_seen_at,
        };
    }
    /** The subject's events, newest first, `limit` at a time. */
    async activity(workspaceId, subject, options) {
        let query = this.db
            .selectFrom('events')
            .selectAll()
            .where('workspace_id', '=', workspaceId)
            .where((eb) => belongsTo(eb, workspaceId, subject));
        const cursor = decodeCursor(options.before);
        if (cursor) {
            query = query.where((eb) => eb.or([
                eb('timestamp', '<', cursor.timestamp),
                eb.and([eb('timestamp', '=', cursor.timestamp), eb('id', '<', cursor.id)]),
            ]));
        }
        const rows = await query
            .orderBy('timestamp', 'desc')
            .orderBy('id', 'desc')
            .limit(options.limit + 1)
            .execute();
        const page = rows.slice(0, options.limit);
        const last = page[page.length - 1];
        return {
            data: page.map(toActivityEvent),
            next: rows.length > options.limit && last ? encodeCursor(last) : null,
        };
    }
    /** Erases a person: their events (under every identifier), identities and profile. */
    async erase(workspaceId, profileId) {
        return this.db.transaction().execute(async (trx) => {
            const deleted = await trx
                .deleteFrom('events')
                .where('workspace_id', '=', workspaceId)
                .where((eb) => belongsTo(eb, workspaceId, { profileId }))
                .executeTakeFirst();
            await trx.deleteFrom('identities').where('profile_id', '=', profileId).execute();
            await trx
                .deleteFrom('profiles')
                .where('workspace_id', '=', workspaceId)
                .where('id', '=', profileId)
                .execute();
            return { events: Number(deleted.numDeletedRows) };
        });
    }
}
/** Events of the subject: sent under any of a person's userIds or anonymous IDs. */
function belongsTo(eb, workspaceId, subject) {
    if ('anonymousId' in subject)
        return eb('anonymous_id', '=', subject.anonymousId);
    const idsOf = (kind) => eb
        .selectFrom('identities')
        .select('value')
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', kind)
        .where('profile_id', '=', subject.profileId);
    return eb.or([eb('user_id', 'in', idsOf('user')), eb('anonymous_id', 'in', idsOf('anonymous'))]);
}
function toActivityEvent(row) {
    const event = {
        id: row.id,
        messageId: row.message_id,
        type: row.type,
        userId: row.user_id,
        anonymousId: row.anonymous_id,
        timestamp: new Date(row.timestamp).toISOString(),
        receivedAt: new Date(row.received_at).toISOString(),
    };
    if (row.name !== null) {
        if (row.type === 'track')
            event.event = row.name;
        else
            event.name = row.name;
    }
    if (row.group_id !== null)
        event.groupId = row.group_id;
    if (row.previous_id !== null)
        event.previousId = row.previous_id;
    if (row.properties !== null)
        event.properties = readJson(row.properties, {});
    if (row.traits !== null)
        event.traits = readJson(row.traits, {});
    if (row.context !== null)
        event.context = readJson(row.context, {});
    return event;
}
function encodeCursor(row) {
    return Buffer.from(`${row.timestamp}.${row.id}`).toString('base64url');
}
export function decodeCursor(cursor) {
    if (!cursor)
        return undefined;
    const match = /^(-?\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
    if (!match)
        return undefined;
    return { timestamp: Number(match[1]), id: Number(match[2]) };
}
//# sourceMappingURL=people.js.map