/** Reads a JSON text column, tolerating drivers that hand back an already parsed value. */
export declare function readJson<T>(value: string | null | undefined, fallback: T): T;
/** Writes a JSON text column; `undefined` becomes SQL NULL. */
export declare function writeJson(value: unknown): string | null;
//# sourceMappingURL=json.d.ts.map