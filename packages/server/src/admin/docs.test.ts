import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { useTestServer } from '../test-support/server.js';
import { openApiDocument } from './openapi.js';

const PREFIX = '/api/v1';

describeEachDialect('admin API documentation', (dialect) => {
  const server = useTestServer(dialect);

  it('serves Swagger UI at /api/docs and the OpenAPI document beside it, without credentials', async () => {
    const page = await fetch(`${server().url}/api/docs/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const document = await fetch(`${server().url}/api/docs/json`);
    expect(document.status).toBe(200);
    expect((await document.json()).openapi).toBe('3.1.0');
  });

  it('describes every route registered under /api/v1, and only those', () => {
    const registered = registeredRoutes(server().app).filter((route) =>
      route.split(' ')[1]!.startsWith(`${PREFIX}/`),
    );
    // The parser below reads Fastify's route tree; a format it no longer understands must fail
    // here rather than pass with an empty list.
    expect(registered).toContain(`GET ${PREFIX}/workspaces/{ws}/segments/{id}/members`);
    const described = documentedRoutes();
    expect({
      describedButNotRegistered: described.filter((route) => !registered.includes(route)),
      registeredButNotDescribed: registered.filter((route) => !described.includes(route)),
    }).toEqual({ describedButNotRegistered: [], registeredButNotDescribed: [] });
  });

  it('describes only routes Fastify finds', () => {
    for (const route of documentedRoutes()) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      expect(server().app.hasRoute({ method: method as 'GET', url }), route).toBe(true);
    }
  });
});

it('declares each path parameter, and every $ref names a schema the document has', () => {
  for (const [path, operations] of Object.entries(openApiDocument.paths)) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = (operation.parameters ?? []) as Array<{ name: string; in: string }>;
      const declared = parameters.filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared, `${method} ${path}`).toEqual(inPath);
    }
  }
  const schemas = openApiDocument.components.schemas;
  for (const target of references(openApiDocument)) {
    expect(target).toMatch(/^#\/components\/schemas\//);
    expect(schemas, target).toHaveProperty([target.split('/').pop()!]);
  }
});

/** `METHOD /api/v1/path/{param}` for each operation of the document. */
function documentedRoutes(): string[] {
  return Object.entries(openApiDocument.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${PREFIX}${path}`),
    )
    .sort();
}

/**
 * `METHOD /path/{param}` for each route the app has, read from `printRoutes()`: a tree where
 * each line is a branch (`├── ` or `└── `, four characters a level) holding the rest of its
 * parent's path and, for a route, its methods: `│   └── /:ws (GET, HEAD, PATCH)`. HEAD, which
 * Fastify adds beside each GET, is left out.
 */
function registeredRoutes(app: FastifyInstance): string[] {
  const ancestors: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const branch = line.search(/[├└]── /);
    if (branch < 0) continue;
    const depth = branch / 4;
    const [, segment = '', methods] = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(branch + 4))!;
    const path = (ancestors[depth - 1] ?? '') + segment;
    ancestors[depth] = path;
    const verbs = methods?.split(', ') ?? [];
    for (const verb of verbs) {
      if (verb === 'HEAD' && verbs.includes('GET')) continue;
      routes.push(`${verb} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes.sort();
}

/** Every `$ref` in a JSON value. */
function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string' ? [item] : references(item),
  );
}
