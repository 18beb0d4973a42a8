import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { useTestServer } from '../test-support/server.js';
import { openApiDocument } from './openapi.js';

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

  it('describes only routes that exist', () => {
    for (const [path, operations] of Object.entries(openApiDocument.paths)) {
      for (const method of Object.keys(operations)) {
        const url = `/api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`;
        expect(
          server().app.hasRoute({ method: method.toUpperCase() as 'GET', url }),
          `${method} ${url}`,
        ).toBe(true);
      }
    }
  });
});
