import { retryAfterMs } from '@herald/protocol';

/** What the server answered: `status` 0 means the request never got an answer. */
export interface Answer {
  status: number;
  /** Milliseconds the server asked us to wait (Retry-After), when it said. */
  retryAfter?: number;
}

const TIMEOUT_MS = 30_000;

/** Posts JSON; never rejects. */
export async function postJson(url: string, body: unknown): Promise<Answer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: abort.signal,
    });
    return {
      status: response.status,
      retryAfter: retryAfterMs(response.headers.get('retry-after')),
    };
  } catch {
    return { status: 0 };
  } finally {
    clearTimeout(timer);
  }
}
