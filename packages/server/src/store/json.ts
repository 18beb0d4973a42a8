/** Reads a JSON text column, tolerating drivers that hand back an already parsed value. */
export function readJson<T>(value: string | null | undefined, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** Writes a JSON text column; `undefined` becomes SQL NULL. */
export function writeJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
