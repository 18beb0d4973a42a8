import { newSecretKey, newWorkspaceId, newWriteKey } from './ids.js';
import { readJson } from './json.js';
export const DEFAULT_SETTINGS = {
    inApp: { enabled: false, anonymous: false },
    identityVerification: false,
};
/** Workspaces and their keys: a write key (public) and a secret key (server side) each. */
export class WorkspaceRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async create(name, patch = {}) {
        const now = Date.now();
        const id = newWorkspaceId();
        const settings = applyPatch(DEFAULT_SETTINGS, patch);
        await this.db.transaction().execute(async (trx) => {
            await trx
                .insertInto('workspaces')
                .values({
                id,
                name,
                settings: JSON.stringify(settings),
                created_at: now,
                updated_at: now,
            })
                .execute();
            await trx
                .insertInto('workspace_keys')
                .values([
                {
                    token: newWriteKey(),
                    workspace_id: id,
                    kind: 'write',
                    created_at: now,
                    revoked_at: null,
                },
                {
                    token: newSecretKey(),
                    workspace_id: id,
                    kind: 'secret',
                    created_at: now,
                    revoked_at: null,
                },
            ])
                .execute();
        });
        return (await this.get(id));
    }
    async get(id) {
        const row = await this.db
            .selectFrom('workspaces')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst();
        if (!row)
            return undefined;
        const keys = await this.activeKeys(id);
        return toWorkspace(row, keys);
    }
    async list() {
        const rows = await this.db.selectFrom('workspaces').selectAll().orderBy('created_at').execute();
        return Promise.all(rows.map(async (row) => toWorkspace(row, await this.activeKeys(row.id))));
    }
    async update(id, patch) {
        const current = await this.get(id);
        if (!current)
            return undefined;
        const settings = applyPatch(current, patch);
        await this.db
            .updateTable('workspaces')
            .set({
            name: patch.name ?? current.name,
            settings: JSON.stringify(settings),
            updated_at: Date.now(),
        })
            .where('id', '=', id)
            .execute();
        return this.get(id);
    }
    /** The workspace a live (not revoked) key of the given kind belongs to. */
    async findIdByKey(token, kind) {
        const row = await this.db
            .selectFrom('workspace_keys')
            .select('workspace_id')
            .where('token', '=', token)
            .where('kind', '=', kind)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
        return row?.workspace_id;
    }
    async activeKeys(workspaceId) {
        const rows = await this.db
            .selectFrom('workspace_keys')
            .select(['token', 'kind'])
            .where('workspace_id', '=', workspaceId)
            .where('revoked_at', 'is', null)
            .orderBy('created_at', 'desc')
            .execute();
        const keys = {};
        for (const row of rows)
            keys[row.kind] ??= row.token;
        return { write: keys.write ?? '', secret: keys.secret ?? '' };
    }
    /**
     * Replaces the workspace's live key of this kind: the old one is revoked (`revoked_at` set) and
     * a new one issued, in one transaction. Answers the new key, or undefined for an unknown
     * workspace. Write keys are cached by the ingest path for a few seconds (auth/write-key.ts),
     * so a revoked write key stops working within that time on every node.
     */
    async rotateKey(workspaceId, kind) {
        const token = kind === 'write' ? newWriteKey() : newSecretKey();
        return this.db.transaction().execute(async (trx) => {
            const now = Date.now();
            const exists = await trx
                .selectFrom('workspaces')
                .select('id')
                .where('id', '=', workspaceId)
                .executeTakeFirst();
            if (!exists)
                return undefined;
            await trx
                .updateTable('workspace_keys')
                .set({ revoked_at: now })
                .where('workspace_id', '=', workspaceId)
                .where('kind', '=', kind)
                .where('revoked_at', 'is', null)
                .execute();
            await trx
                .insertInto('workspace_keys')
                .values({ token, workspace_id: workspaceId, kind, created_at: now, revoked_at: null })
                .execute();
            return token;
        });
    }
}
function applyPatch(base, patch) {
    const { caps, ...inApp } = patch.inApp ?? {};
    const merged = { ...base.inApp, ...inApp };
    if (caps)
        merged.caps = { perSession: null, perDay: null, ...base.inApp.caps, ...caps };
    return {
        inApp: merged,
        identityVerification: patch.identityVerification ?? base.identityVerification,
    };
}
function toWorkspace(row, keys) {
    const settings = applyPatch(DEFAULT_SETTINGS, readJson(row.settings, {}));
    return {
        id: row.id,
        name: row.name,
        writeKey: keys.write,
        secretKey: keys.secret,
        ...settings,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
    };
}
//# sourceMappingURL=workspaces.js.map