import { retryAfterMs as retryAfter } from '@herald/protocol';

/** What the server answered: `status` 0 means the request never got an answer. */
export interface Answer {
  status: number;
  /** Milliseconds the server asked us to wait (Retry-After), when it said. */
  retryAfter?: number;
}

/** A request that hangs this long is abandoned and retried. */
const TIMEOUT_MS = 30_000;

/**
 * Posts `body` (JSON) as `text/plain`, a "simple" cross-origin request that needs no CORS
 * preflight, without cookies. Never rejects.
 *
 * @example
 * const { status } = await post('https://herald.example.com/v1/batch', JSON.stringify(batch));
 */
export async function post(url: string, body: string, keepalive = false): Promise<Answer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    // A string body is sent as text/plain;charset=UTF-8 without being told.
    const response = await fetch(url, {
      method: 'POST',
      body,
      keepalive,
      credentials: 'omit',
      signal: abort.signal,
    });
    return { status: response.status, retryAfter: retryAfter(response.headers.get('retry-after')) };
  } catch {
    return { status: 0 };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Hands `body` to the browser to send even as the page goes away (sendBeacon, else a keepalive
 * fetch). Answers whether the browser accepted it; nobody will ever see the response.
 */
export function beacon(url: string, body: string): boolean {
  try {
    if (navigator.sendBeacon) return navigator.sendBeacon(url, body);
    fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit' }).catch(() => {});
    return true;
  } catch {
    return false;
  }
}

export { retryAfter };
