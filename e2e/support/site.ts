import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A customer's website: a second origin serving host pages, as a real site would. */
export interface TestSite {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Serves `html` at `path` (e.g. `/shop`) from now on. */
  page(path: string, html: string): string;
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
  const pages = new Map<string, string>();
  const server = createServer((request, response) => {
    const html = pages.get(new URL(request.url ?? '/', 'http://site').pathname);
    response.writeHead(html === undefined ? 404 : 200, {
      'content-type': 'text/html; charset=utf-8',
    });
    response.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    page(path, html) {
      pages.set(path, html);
      return url + path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
