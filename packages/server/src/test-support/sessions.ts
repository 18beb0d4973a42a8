import type { TestServer } from './server.js';

/** A dashboard session in tests: the cookie the server set, and calls made with it. */
export interface TestSession {
  /** `herald_session=…`, as a browser would send it. */
  cookie: string;
  /** The raw Set-Cookie header that opened the session. */
  setCookie: string;
  /** Calls the admin API with the cookie (and the CSRF header unless `csrf: false`). */
  call<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
    method: string,
    path: string,
    body?: unknown,
    options?: { csrf?: boolean },
  ): Promise<{ status: number; body: T; headers: Headers }>;
}

/** POSTs JSON to an /api/v1 account route with the CSRF header, as the dashboard does. */
export async function postAccount(
  server: TestServer,
  path: '/setup' | '/login' | '/logout',
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'x-herald-csrf': '1',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Signs in (running first-run setup when no admin exists yet) and answers the session. */
export async function signIn(
  server: TestServer,
  email = 'admin@example.com',
  password = 'correct horse battery',
): Promise<TestSession> {
  const state = await (await fetch(`${server.url}/api/v1/session`)).json();
  const response = await postAccount(server, state.setupRequired ? '/setup' : '/login', {
    email,
    password,
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  if (response.status >= 300 || !setCookie) {
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  }
  const cookie = setCookie.split(';')[0]!;
  return {
    cookie,
    setCookie,
    async call(method, path, body, options = {}) {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          ...(options.csrf === false ? {} : { 'x-herald-csrf': '1' }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        headers: response.headers,
      };
    },
  };
}
