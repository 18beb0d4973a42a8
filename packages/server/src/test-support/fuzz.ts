import fc from 'fast-check';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { ERROR_CATALOGUE } from '../errors.js';
import { LONG_TESTS } from './server-process.js';
import type { TestServer } from './server.js';

/**
 * Building blocks for the hardening fuzz suites: seeded, bounded runs; hostile strings, bodies,
 * content types and credentials; and the checks every answer must pass.
 */

/**
 * Replay a failure with HERALD_FUZZ_SEED=<seed printed by fast-check>; HERALD_FUZZ_STATS=1 prints
 * every request and its answer, to see which paths a run reaches.
 */
export const FUZZ_SEED = Number(process.env.HERALD_FUZZ_SEED ?? 20260501);

/** fast-check parameters: `runs` in CI, twenty times that with HERALD_LONG_TESTS=1. */
export function fuzzParameters(runs: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: LONG_TESTS ? runs * 20 : runs, endOnFailure: true };
}

/** Strings that have broken servers before: SQL, LIKE wildcards, NUL, markup, templates… */
export const NASTY_STRINGS = [
  '',
  ' ',
  "' OR 1=1 --",
  "'); DROP TABLE events; --",
  '" OR ""="',
  '%',
  '_',
  '%_%',
  'a%',
  '\\',
  '\\%',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udc00 low',
  '\ufeffbom',
  '\u202eevil',
  '😀🏳️‍🌈',
  'ﷺ',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{ customer.email }}',
  '{% raw %}',
  '$1',
  '::text',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  '1e309',
  '-0',
  'NaN',
] as const;

const oddChar = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\u0000', '%', '_', "'", '"', '\\', '\n', '\u2028', '<', '&'),
  },
);

/** Any string, biased towards the nasty ones, sometimes long. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: oddChar, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(1025, 5000, 40_000).map((n) => 'x'.repeat(n)) },
);

/** Any JSON-ish value, hostile strings included, shallow. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e308, -0, 2 ** 53 + 1)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** `template` with one field (found by a dotted path) replaced by a hostile value or removed. */
export function mutated(template: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths = leafPaths(template);
  return fc
    .record({
      path: fc.constantFrom(...paths),
      value: fc.oneof(nastyJson, fc.constant(undefined)),
      extraKey: fc.option(nastyString, { nil: undefined }),
    })
    .map(({ path, value, extraKey }) => {
      const copy = structuredClone(template);
      let target: Record<string, unknown> = copy;
      const keys = path.split('.');
      for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
      target[keys[keys.length - 1]!] = value;
      if (extraKey !== undefined) copy[extraKey] = 'extra';
      return copy;
    });
}

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Object.entries(value);
  const own = prefix ? [prefix] : [];
  return [...own, ...entries.flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k))];
}

/** JSON nested `depth` levels deep, arrays or objects, optionally with `inner` at the bottom. */
export function deeplyNested(depth: number, inner = '1'): string {
  return '[{"a":'.repeat(depth) + inner + '}]'.repeat(depth);
}

/** A request body as bytes on the wire: JSON, broken JSON, bytes that are not UTF-8, nesting. */
export function nastyBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Buffer> {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'undefined');
  return fc.oneof(
    { weight: 6, arbitrary: valid.map(json) },
    { weight: 2, arbitrary: nastyJson.map(json) },
    { weight: 1, arbitrary: nastyString.map((s) => Buffer.from(s)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          valid.map((v) => JSON.stringify(v) ?? ''),
          fc.nat(),
        )
        .map(([text, cut]) => Buffer.from(text.slice(0, cut % (text.length + 1)))),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 64 })
        .map((bytes) =>
          Buffer.concat([
            Buffer.from('{"anonymousId":"'),
            Buffer.from([0xff, 0xfe, 0xc0, ...bytes]),
            Buffer.from('"}'),
          ]),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(10, 2_000, 20_000).map((d) => Buffer.from(deeplyNested(d))),
    },
  );
}

export const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'text/plain') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain;charset=UTF-8',
      'application/json; charset=latin1',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/octet-stream',
      'text/html',
      'application/json, text/plain',
      '',
      ';;;',
      undefined,
    ),
  },
);

/** A string that fetch accepts as a header value (visible ASCII and Latin-1). */
export const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

/** The Authorization header, from right to absurd: `right` is sent half of the time. */
export function authorization(
  right: string,
  others: string[] = [],
): fc.Arbitrary<string | undefined> {
  const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(right) },
    {
      weight: 4,
      arbitrary: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom(
          '',
          'Basic',
          'Basic ',
          'Bearer',
          'Bearer ',
          'Basic %%%',
          'Basic Og==',
          'Digest x',
        ),
        headerText.map(basic),
        headerText.map((s) => `Bearer ${s}`),
        headerText,
        fc.constant(`Bearer ${'k'.repeat(8000)}`),
        ...(others.length ? [fc.constantFrom(...others)] : []),
      ),
    },
  );
}

/** Percent-encodes any string, a lone surrogate as the (invalid) UTF-8 bytes it would take. */
export function rawEncode(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (/[A-Za-z0-9\-._~]/.test(value[i]!)) {
      out += value[i];
      continue;
    }
    let bytes: number[];
    const next = value.charCodeAt(i + 1);
    if (code >= 0xd800 && code < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
      bytes = [...Buffer.from(value.slice(i, i + 2))];
      i += 1;
    } else if (code >= 0xd800 && code < 0xe000) {
      bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    } else {
      bytes = [...Buffer.from(value[i]!)];
    }
    out += bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** A path or query segment: a good value, or hostile text, raw bytes or broken escapes. */
export function segment(good: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...good.map(rawEncode)) },
    { weight: 3, arbitrary: nastyString.map(rawEncode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%00',
        '%FF',
        '%ED%A0%80',
        '%',
        '%zz',
        '%C0%AF',
        '..',
        '%2e%2e',
        'x'.repeat(1100),
      ),
    },
  );
}

/** Row counts and last changes of every table: a rejected request must leave all of it alone. */
export async function databaseFingerprint(server: TestServer): Promise<Record<string, string>> {
  const tables = [
    'workspaces',
    'workspace_keys',
    'profiles',
    'identities',
    'events',
    'messages',
    'message_states',
    'message_stats',
    'conversions',
    'message_queue',
    'ingest_log',
    'admin_users',
    'admin_sessions',
  ];
  const counts = tables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ');
  const changes =
    '(SELECT max(updated_at) FROM workspaces) AS workspaces_changed, ' +
    '(SELECT max(updated_at) FROM messages) AS messages_changed, ' +
    '(SELECT max(updated_at) FROM profiles) AS profiles_changed, ' +
    '(SELECT count(*) FROM workspace_keys WHERE revoked_at IS NOT NULL) AS keys_revoked';
  const result = await sql
    .raw<Record<string, unknown>>(`SELECT ${counts}, ${changes}`)
    .execute(server.store.database.db);
  return Object.fromEntries(Object.entries(result.rows[0]!).map(([k, v]) => [k, String(v)]));
}

export interface Answer {
  status: number;
  text: string;
}

/**
 * The contract of every answer: never a 5xx; an error is a 4xx in the catalogue's shape. Answers
 * whether the request was refused (then the database must be as it was).
 */
export function expectCatalogueAnswer(answer: Answer, what: string, head = false): boolean {
  expect(answer.status, `${what} → ${answer.status} ${answer.text.slice(0, 300)}`).toBeLessThan(
    500,
  );
  if (answer.status < 400) return false;
  if (head) return true; // an answer to HEAD has no body
  let body: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    body = undefined;
  }
  expect(
    body?.error,
    `${what} → ${answer.status} not in the catalogue shape: ${answer.text.slice(0, 300)}`,
  ).toBeTypeOf('object');
  expect(Object.keys(ERROR_CATALOGUE), what).toContain(body!.error!.code);
  expect(body!.error!.message, what).toBeTypeOf('string');
  return true;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body?: Buffer | undefined;
}

/** Sends the request; an event stream that opens is read no further and closed. */
export async function send(server: TestServer, request: FuzzRequest): Promise<Answer> {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const controller = new AbortController();
  // A request the server never answers is a failure too, named, not a test timeout.
  const timer = setTimeout(() => controller.abort(new Error('no answer within 5 s')), 5_000);
  try {
    const response = await fetch(`${server.url}${request.path}`, {
      method: request.method,
      headers,
      body:
        request.body && !['GET', 'HEAD'].includes(request.method)
          ? new Uint8Array(request.body)
          : undefined,
      signal: controller.signal,
    });
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      controller.abort();
      return { status: response.status, text: '' };
    }
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw new Error(`${request.method} ${request.path.slice(0, 300)}: ${String(error)}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends one fuzzed request and checks it: the catalogue contract, and a refused request leaves
 * the database as it was. After an accepted one, waits for the ingest processor to apply what
 * it logged, so that the next request's before-and-after comparison is its own.
 */
export async function fuzzOnce(server: TestServer, request: FuzzRequest): Promise<Answer> {
  const before = await databaseFingerprint(server);
  const answer = await send(server, request);
  const what = `${request.method} ${request.path.slice(0, 200)} [${JSON.stringify(request.headers).slice(0, 200)}] ${request.body?.subarray(0, 200).toString() ?? ''}`;
  if (process.env.HERALD_FUZZ_STATS) {
    process.stdout.write(
      `fuzz ${answer.status} ${request.method} ${request.path.slice(0, 60)} ${answer.text.slice(0, 100)}\n`,
    );
  }
  const refused = expectCatalogueAnswer(answer, what, request.method === 'HEAD');
  if (refused) {
    expect(await databaseFingerprint(server), `refused, yet changed the database: ${what}`).toEqual(
      before,
    );
  } else {
    await server.app.ingest.settled();
  }
  return answer;
}
