import type { FastifyRequest } from 'fastify';
export interface MasterKey {
    key: string;
    /** True when this call generated the key: the one time it is shown to the operator. */
    generated: boolean;
}
/**
 * The admin API's master key: `HERALD_MASTER_KEY` when set, else the key stored in the data
 * directory, else a new random key written there (readable by the owner only).
 */
export declare function resolveMasterKey(configured: string | undefined, dataDir: string): MasterKey;
/** Throws `unauthorized` unless the request carries `Authorization: Bearer <master key>`. */
export declare function requireMasterKey(request: FastifyRequest, masterKey: string): void;
//# sourceMappingURL=master-key.d.ts.map