import type { Kysely } from 'kysely';
/**
 * In-app messages, what each visitor did with them, their hourly figures, conversions, and the
 * per-person queue (test sends now; broadcasts and campaigns later).
 */
export declare function inApp(): {
    up(db: Kysely<unknown>): Promise<void>;
};
//# sourceMappingURL=0002_in_app.d.ts.map