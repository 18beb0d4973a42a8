import { createHash, randomBytes } from 'node:crypto';
import { prefixedId } from '../store/ids.js';
import { hashPassword } from './passwords.js';
/** How long a session lasts after its last renewal. */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
/** A session used when less than this is left is renewed, so active admins stay signed in. */
const RENEW_BELOW_MS = 7 * 24 * 3600 * 1000;
export const normaliseEmail = (email) => email.trim().toLowerCase();
const tokenHash = (token) => createHash('sha256').update(token).digest('hex');
/** Admin users and their sessions. */
export class AccountRepository {
    db;
    constructor(db) {
        // The accounts tables are this module's own, typed here rather than in the shared schema:
        // the same connection, seen through the accounts tables' types.
        this.db = db;
    }
    async hasAdmin() {
        const row = await this.db.selectFrom('admin_users').select('id').limit(1).executeTakeFirst();
        return row !== undefined;
    }
    /**
     * Creates the first admin; answers undefined when an admin exists already, including when a
     * concurrent setup won the race (the unique `setup_slot` lets only one insert through).
     */
    async createFirstAdmin(email, password) {
        if (await this.hasAdmin())
            return undefined;
        const passwordHash = await hashPassword(password);
        const now = Date.now();
        const user = { id: prefixedId('adm', 9), email: normaliseEmail(email) };
        try {
            await this.db
                .insertInto('admin_users')
                .values({
                ...user,
                password_hash: passwordHash,
                setup_slot: 1,
                created_at: now,
                updated_at: now,
                last_login_at: null,
            })
                .execute();
        }
        catch (error) {
            if (await this.hasAdmin())
                return undefined;
            throw error;
        }
        return user;
    }
    async findByEmail(email) {
        return this.db
            .selectFrom('admin_users')
            .selectAll()
            .where('email', '=', normaliseEmail(email))
            .executeTakeFirst();
    }
    /** Opens a session; answers the token for the cookie (only its hash is stored). */
    async createSession(userId) {
        const token = randomBytes(32).toString('base64url');
        const now = Date.now();
        const expiresAt = now + SESSION_TTL_MS;
        await this.db
            .insertInto('admin_sessions')
            .values({
            token_hash: tokenHash(token),
            user_id: userId,
            created_at: now,
            expires_at: expiresAt,
        })
            .execute();
        await this.db
            .updateTable('admin_users')
            .set({ last_login_at: now })
            .where('id', '=', userId)
            .execute();
        return { token, expiresAt };
    }
    /**
     * The live session a cookie's token opens, renewed when it is past half its life (`renewed`
     * tells the caller to send the cookie again with the new expiry); undefined when unknown or
     * expired. Expired sessions of the same user are cleared on the way.
     */
    async findSession(token) {
        const now = Date.now();
        const row = await this.db
            .selectFrom('admin_sessions')
            .innerJoin('admin_users', 'admin_users.id', 'admin_sessions.user_id')
            .select(['admin_users.id', 'admin_users.email', 'admin_sessions.expires_at'])
            .where('admin_sessions.token_hash', '=', tokenHash(token))
            .executeTakeFirst();
        if (!row)
            return undefined;
        if (row.expires_at <= now) {
            await this.db
                .deleteFrom('admin_sessions')
                .where('user_id', '=', row.id)
                .where('expires_at', '<=', now)
                .execute();
            return undefined;
        }
        let expiresAt = row.expires_at;
        const renewed = expiresAt - now < RENEW_BELOW_MS;
        if (renewed) {
            expiresAt = now + SESSION_TTL_MS;
            await this.db
                .updateTable('admin_sessions')
                .set({ expires_at: expiresAt })
                .where('token_hash', '=', tokenHash(token))
                .execute();
        }
        return { user: { id: row.id, email: row.email }, expiresAt, renewed };
    }
    async deleteSession(token) {
        await this.db.deleteFrom('admin_sessions').where('token_hash', '=', tokenHash(token)).execute();
    }
}
//# sourceMappingURL=repository.js.map