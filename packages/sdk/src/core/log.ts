let debugging = false;

/**
 * Reports a problem on the console without ever throwing: the SDK must not break its host page.
 *
 * @example
 * warn('event dropped: larger than 32 KB');
 */
export function warn(message: string, error?: unknown): void {
  try {
    console.warn(`[herald] ${message}`, error ?? '');
  } catch {
    // No console: stay silent.
  }
}

const warned = new Set<string>();

/** `warn` once per page for the same message: for calls a site repeats on every event. */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  warn(message);
}

/** Turns the console trace of every recorded call on or off (`herald.debug()`, as in Segment). */
export const setDebug = (on: boolean): void => void (debugging = on);

/** Writes `data` to the console when `herald.debug()` is on. */
export function trace(message: string, data?: unknown): void {
  try {
    if (debugging) console.debug(`[herald] ${message}`, data ?? '');
  } catch {
    // No console: stay silent.
  }
}
