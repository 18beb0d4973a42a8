/** The two SQL engines Herald runs on. Everything above the store is the same for both. */
export type DialectName = 'sqlite' | 'postgres';
//# sourceMappingURL=dialect.d.ts.map