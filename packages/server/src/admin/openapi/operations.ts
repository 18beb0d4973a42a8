import { ERROR_CATALOGUE, type ErrorCode } from '../../errors.js';
import { type JsonSchema, type Parameter, ref } from './shared.js';

/**
 * Operations as the resource files describe them, and their translation into OpenAPI operation
 * objects. The errors every admin route shares (credentials, CSRF, unreadable bodies) are added
 * here, so that each resource names only its own: which things may not be found, which
 * conflicts may arise.
 */

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** Why a route answers an error code: shown beside the code in the document. */
export type Failures = Partial<Record<ErrorCode, string>>;

export interface OperationSpec {
  operationId: string;
  summary: string;
  description?: string;
  /** Path and query parameters. */
  parameters?: Parameter[];
  /** The JSON body's schema; absent when the route reads no body. */
  body?: JsonSchema;
  /** Whether a body must be sent (default true when there is one). */
  bodyRequired?: boolean;
  /** The status of success (default 200). */
  status?: 200 | 201 | 202 | 204;
  /** The answer's schema on success; absent for 204. */
  answer?: JsonSchema;
  /** This route's own errors, beyond those added for every route. */
  errors?: Failures;
  /** Answers without credentials (dashboard sign-in). */
  public?: boolean;
}

/** A path's operations, by method. */
export type PathSpec = Partial<Record<Method, OperationSpec>>;

/** One resource of the API: its tag, its paths (relative to `/api/v1`) and its schemas. */
export interface Resource {
  tag: { name: string; description: string };
  paths: Record<string, PathSpec>;
  schemas: Record<string, JsonSchema>;
}

const CHANGES: ReadonlySet<Method> = new Set(['post', 'patch', 'delete']);

const SUCCESS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'Done' };

/** The OpenAPI operation object of one route. */
export function operation(method: Method, tag: string, spec: OperationSpec): JsonSchema {
  const status = spec.status ?? 200;
  const success =
    spec.answer === undefined
      ? { description: SUCCESS[status] }
      : {
          description: SUCCESS[status],
          content: { 'application/json': { schema: spec.answer } },
        };
  return {
    tags: [tag],
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(spec.public ? { security: [] } : {}),
    ...(spec.parameters?.length ? { parameters: spec.parameters } : {}),
    ...(spec.body === undefined
      ? {}
      : {
          requestBody: {
            required: spec.bodyRequired ?? true,
            content: { 'application/json': { schema: spec.body } },
          },
        }),
    responses: { [status]: success, ...responses(commonFailures(method, spec)) },
  };
}

/** The errors of a route: those every route of its kind may answer, then its own. */
function commonFailures(method: Method, spec: OperationSpec): Failures {
  const failures: Failures = {};
  if (!spec.public) {
    failures.unauthorized = 'No credentials, a wrong master key, or a session that has ended';
  }
  if (CHANGES.has(method)) {
    failures.csrf_required = 'Signed in by cookie, without the header `X-Herald-CSRF: 1`';
  }
  if (spec.parameters?.length || spec.body !== undefined) {
    failures.validation_failed = 'Invalid input; `field` names it';
  }
  if (spec.body !== undefined) {
    failures.invalid_json = 'The body is not JSON';
    failures.body_too_large = 'The body is over 1 MiB';
    failures.unsupported_media_type = 'The body is neither `application/json` nor `text/plain`';
  }
  return { ...failures, ...spec.errors };
}

/** Error responses by status, each listing its codes and why they happen. */
function responses(failures: Failures): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.keys(failures) as ErrorCode[]) {
    const status = ERROR_CATALOGUE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const answer: Record<string, JsonSchema> = {};
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    answer[status] = {
      description: codes.map((code) => `\`${code}\`: ${failures[code]}`).join('; '),
      content: {
        'application/json': {
          schema: {
            allOf: [
              ref('Error'),
              {
                type: 'object',
                properties: { error: { type: 'object', properties: { code: { enum: codes } } } },
              },
            ],
          },
        },
      },
    };
  }
  return answer;
}
