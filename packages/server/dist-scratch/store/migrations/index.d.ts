import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
/**
 * The one ordered list of migrations, for both dialects. Names sort in order of application;
 * a migration that has shipped is never edited, only followed by a new one.
 */
export declare function migrations(dialect: DialectName): Record<string, Migration>;
//# sourceMappingURL=index.d.ts.map