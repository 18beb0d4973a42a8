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
