import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A customer's website: a second origin serving host pages, as a real site would. */
export interface TestSite {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /**
   * Serves `html` at `path` (e.g. `/shop`) from now on, with `headers` (a Content-Security-Policy…);
   * a path ending in `.js` is served as JavaScript.
   */
  page(path: string, html: string, headers?: Record<string, string>): string;
  close(): Promise<void>;
}

/**
 * Starts a small HTTP server for host pages on an ephemeral port.
 *
 * @example
 * const site = await startSite();
 * await page.goto(site.page('/shop', '<!doctype html><title>Shop</title>'));
 */
export async function startSite(): Promise<TestSite> {
  const pages = new Map<string, { body: string; headers: Record<string, string> }>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    const page = pages.get(path);
    response.writeHead(page === undefined ? 404 : 200, {
      'content-type': path.endsWith('.js')
        ? 'application/javascript; charset=utf-8'
        : 'text/html; charset=utf-8',
      ...page?.headers,
    });
    response.end(page?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    page(path, html, headers = {}) {
      pages.set(path, { body: html, headers });
      return url + path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
