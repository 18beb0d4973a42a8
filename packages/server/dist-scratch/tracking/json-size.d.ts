/** Levels of nesting a call's JSON may have. */
export declare const MAX_JSON_DEPTH = 64;
export declare class JsonTooDeepError extends Error {
    constructor();
}
/**
 * An upper bound, in bytes, of the UTF-8 JSON text of `value` (as JSON.stringify writes it),
 * computed without writing it. A string costs at most 6 bytes per UTF-16 unit (`\u001f`), a
 * number at most 26 characters. Stops counting once past `limit`, so a huge value costs little.
 *
 * It lets the ack path refuse nothing wrongly and stringify almost nothing: only a call whose
 * bound passes the 32 KB limit is measured exactly.
 */
export declare function jsonBytesBound(value: unknown, limit: number, depth?: number): number;
//# sourceMappingURL=json-size.d.ts.map