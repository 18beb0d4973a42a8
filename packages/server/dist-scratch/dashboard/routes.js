import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { setSecurityHeaders } from './security-headers.js';
// From src/dashboard/ and from dist/dashboard/ alike, the dashboard is three levels up.
const DEFAULT_DIST = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));
/** Paths the dashboard never answers, even when nothing else does: they belong to the APIs. */
const RESERVED = /^\/(?:api|v1|sdk|demo|healthz)(?:\/|$)/;
const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'application/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.json': 'application/json; charset=utf-8',
    '.txt': 'text/plain; charset=utf-8',
    '.woff2': 'font/woff2',
    '.map': 'application/json; charset=utf-8',
};
/** Written by the dashboard's index.html into its `csp-nonce` meta tag; replaced per response. */
const NONCE_PLACEHOLDER = '__HERALD_CSP_NONCE__';
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.map']);
const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Herald</title></head>
<body><h1>Herald is running</h1><p>The dashboard has not been built, so there is nothing to show here
yet. Run <code>npm run build</code> at the repository root, then restart the server.</p>
<p>The APIs under <code>/api/v1</code> and <code>/v1</code> work meanwhile.</p></body></html>`;
/**
 * Serves the dashboard's Vite build at `/`, from memory (read and gzipped once at start).
 * Hashed files under /assets/ are cached for a year; index.html is never cached: it carries a
 * fresh CSP nonce each time (see security-headers.ts), and a new build shows on the next load. Any other GET path that is not an API's and does not
 * name a file gets index.html, for the single-page app's own router. Every response carries the
 * dashboard's security headers. Without a build, pages answer a short notice saying so.
 *
 * @example
 * await app.register(dashboardRoutes);
 */
export const dashboardRoutes = async (app, options) => {
    const assets = loadBuild(options.distDir ?? DEFAULT_DIST);
    const index = assets.get('/index.html');
    const serve = (request, reply, asset) => {
        const gzip = asset.gzip && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
        // Each encoding is its own representation, with its own validator.
        const etag = gzip ? asset.etag.replace(/"$/, '-gz"') : asset.etag;
        setSecurityHeaders(reply);
        reply
            .header('content-type', asset.type)
            .header('cache-control', asset.cacheControl)
            .header('etag', etag)
            .header('vary', 'Accept-Encoding');
        if (request.headers['if-none-match'] === etag)
            return reply.status(304).send();
        if (gzip)
            return reply.header('content-encoding', 'gzip').send(asset.gzip);
        return reply.send(asset.body);
    };
    /** The page itself: a fresh CSP nonce each time, so it is never served from a cache. */
    const serveIndex = (reply, page) => {
        const nonce = randomBytes(16).toString('base64');
        setSecurityHeaders(reply, nonce);
        return reply
            .header('content-type', page.type)
            .header('cache-control', 'no-store')
            .send(page.body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, nonce));
    };
    const handler = async (request, reply) => {
        const path = request.url.split('?')[0];
        if (RESERVED.test(path))
            return reply.callNotFound();
        if (index && (path === '/' || path === '/index.html'))
            return serveIndex(reply, index);
        const file = assets.get(path);
        if (file)
            return serve(request, reply, file);
        // A missing file is a 404, not the app: a script tag must never receive HTML.
        if (path.startsWith('/assets/') || extname(path) !== '')
            return reply.callNotFound();
        if (index)
            return serveIndex(reply, index);
        setSecurityHeaders(reply);
        return reply
            .header('content-type', 'text/html; charset=utf-8')
            .header('cache-control', 'no-cache')
            .send(NOT_BUILT);
    };
    app.get('/', handler);
    app.get('/*', handler);
};
/** Every file of the build, by URL path; empty when there is no build. */
function loadBuild(distDir) {
    const assets = new Map();
    if (!existsSync(join(distDir, 'index.html')))
        return assets;
    for (const path of walk(distDir)) {
        let body;
        try {
            body = readFileSync(path);
        }
        catch {
            continue; // Removed while we read (a build running): the next start will see it.
        }
        const urlPath = `/${relative(distDir, path).split(sep).join('/')}`;
        const ext = extname(path);
        const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
        assets.set(urlPath, {
            body,
            gzip: COMPRESSIBLE.has(ext) && body.length > 512 ? gzipSync(body, { level: 9 }) : undefined,
            type: TYPES[ext] ?? 'application/octet-stream',
            etag: `"${hash}"`,
            cacheControl: urlPath.startsWith('/assets/')
                ? 'public, max-age=31536000, immutable'
                : urlPath === '/index.html'
                    ? 'no-cache'
                    : 'public, max-age=3600',
        });
    }
    return assets;
}
function* walk(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory())
            yield* walk(path);
        else if (entry.isFile())
            yield path;
    }
}
//# sourceMappingURL=routes.js.map