/** Levels of nesting a call's JSON may have. */
export const MAX_JSON_DEPTH = 64;

export class JsonTooDeepError extends Error {
  constructor() {
    super(`is nested more than ${MAX_JSON_DEPTH} levels deep`);
    this.name = 'JsonTooDeepError';
  }
}

/**
 * An upper bound, in bytes, of the UTF-8 JSON text of `value` (as JSON.stringify writes it),
 * computed without writing it. A string costs at most 6 bytes per UTF-16 unit (`\u001f`), a
 * number at most 26 characters. Stops counting once past `limit`, so a huge value costs little.
 *
 * It lets the ack path refuse nothing wrongly and stringify almost nothing: only a call whose
 * bound passes the 32 KB limit is measured exactly.
 */
export function jsonBytesBound(value: unknown, limit: number, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return 2 + 6 * value.length;
    case 'number':
      return 26;
    case 'boolean':
      return 5;
    case 'undefined':
      return 0;
    case 'object': {
      if (value === null) return 4;
      // Deeper JSON than any real event would overflow the stack here and in JSON.stringify.
      if (depth >= MAX_JSON_DEPTH) throw new JsonTooDeepError();
      let total = 2;
      if (Array.isArray(value)) {
        for (const item of value) {
          total += 1 + jsonBytesBound(item, limit - total, depth + 1);
          if (total > limit) return total;
        }
        return total;
      }
      // The ack path's hottest loop: Object.keys spares for…in its own-property check per key.
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        total +=
          4 +
          6 * key.length +
          jsonBytesBound((value as Record<string, unknown>)[key], limit - total, depth + 1);
        if (total > limit) return total;
      }
      return total;
    }
    default:
      // JSON.parse yields nothing else; anything else is not JSON and gets no bound.
      return Number.POSITIVE_INFINITY;
  }
}
