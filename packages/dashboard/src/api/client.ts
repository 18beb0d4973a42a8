/**
 * The dashboard's only door to the server: JSON calls to the admin API with the session cookie.
 * Every call carries `X-Herald-CSRF: 1`, which the server demands of cookie-signed changes (a
 * cross-site form cannot send it). A 401 tells the app to show the sign-in page.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The offending input as a dotted path, e.g. `pageRules.include.0.value`. */
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Fired on window when the server says the session is gone. */
export const UNAUTHORIZED_EVENT = 'herald:unauthorized';

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'x-herald-csrf': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the Herald server. Check your connection.');
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (
      json as { error?: { code?: string; message?: string; field?: string } } | undefined
    )?.error;
    if (response.status === 401 && !path.startsWith('/login') && !path.startsWith('/setup')) {
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    }
    const retry = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}`,
      error?.field,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** Encodes one path segment (userIds may hold `/`, `?` or spaces). */
export const seg = (value: string) => encodeURIComponent(value);

/** A readable message for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
