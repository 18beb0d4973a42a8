/**
 * Dashboard accounts: admin users (email + scrypt password hash) and their sessions. A session
 * row stores only the SHA-256 of the cookie's token, so a leaked database grants no session.
 */
export function accounts(_dialect) {
    return {
        async up(db) {
            await db.schema
                .createTable('admin_users')
                .addColumn('id', 'text', (c) => c.primaryKey())
                // Stored lower-cased and trimmed: one account per address, however it is typed.
                .addColumn('email', 'text', (c) => c.notNull().unique())
                .addColumn('password_hash', 'text', (c) => c.notNull())
                // 1 for the admin created by first-run setup, NULL for any other. The unique constraint
                // lets exactly one of two concurrent setups win, on both dialects.
                .addColumn('setup_slot', 'integer', (c) => c.unique())
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addColumn('updated_at', 'bigint', (c) => c.notNull())
                .addColumn('last_login_at', 'bigint')
                .execute();
            await db.schema
                .createTable('admin_sessions')
                .addColumn('token_hash', 'text', (c) => c.primaryKey())
                .addColumn('user_id', 'text', (c) => c.notNull().references('admin_users.id').onDelete('cascade'))
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addColumn('expires_at', 'bigint', (c) => c.notNull())
                .execute();
            await db.schema
                .createIndex('admin_sessions_by_user')
                .on('admin_sessions')
                .column('user_id')
                .execute();
        },
    };
}
//# sourceMappingURL=0003_accounts.js.map