import { HeraldError } from '../errors.js';
/**
 * The write key of a tracking or delivery request: the Basic-auth user (Segment's convention,
 * empty password) or a `writeKey` field in the body. Write keys are public: they identify a
 * workspace for ingestion and delivery and grant nothing else.
 */
export function writeKeyOf(request, body) {
    const header = request.headers.authorization;
    if (header && /^Basic\s+/i.test(header)) {
        const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
        const user = decoded.split(':')[0];
        if (user)
            return user;
    }
    if (body && typeof body === 'object' && 'writeKey' in body) {
        const key = body.writeKey;
        if (typeof key === 'string' && key !== '')
            return key;
    }
    return undefined;
}
const KEY_SHAPE = /^[A-Za-z0-9_-]{1,200}$/;
/**
 * Resolves write keys to workspace ids, remembering answers for a few seconds so that the ingest
 * path does not query the database for every request. A revoked key stops working at once on
 * every node that hears the workspace's change ({@link forget}, wired to the change bus), and
 * within `ttlMs` in any case (a change lost while Redis was unreachable).
 */
export class WriteKeyResolver {
    workspaces;
    ttlMs;
    maxEntries;
    cache = new Map();
    constructor(workspaces, ttlMs = 10_000, maxEntries = 10_000) {
        this.workspaces = workspaces;
        this.ttlMs = ttlMs;
        this.maxEntries = maxEntries;
    }
    /** The workspace of the request's write key; throws 401 when missing or unknown. */
    async authenticate(request, body) {
        const key = writeKeyOf(request, body);
        if (!key) {
            throw new HeraldError('unauthorized', 'Send the write key as the Basic-auth user or as "writeKey" in the body');
        }
        const workspaceId = await this.resolve(key);
        if (!workspaceId)
            throw new HeraldError('invalid_write_key');
        return workspaceId;
    }
    /** Drops every cached key of the workspace: its keys changed (rotated, revoked). */
    forget(workspaceId) {
        for (const [key, entry] of this.cache) {
            if (entry.workspaceId === workspaceId)
                this.cache.delete(key);
        }
    }
    async resolve(key) {
        // Keys are `wk_` + base64url: anything else is unknown without asking the database (which,
        // on PostgreSQL, fails on a NUL character instead of finding nothing).
        if (!KEY_SHAPE.test(key))
            return undefined;
        const now = Date.now();
        const hit = this.cache.get(key);
        if (hit && hit.expires > now)
            return hit.workspaceId;
        const workspaceId = await this.workspaces.findIdByKey(key, 'write');
        if (workspaceId) {
            if (this.cache.size >= this.maxEntries)
                this.cache.clear();
            this.cache.set(key, { workspaceId, expires: now + this.ttlMs });
        }
        else {
            this.cache.delete(key);
        }
        return workspaceId;
    }
}
//# sourceMappingURL=write-key.js.map