import type { FastifyPluginAsync } from 'fastify';
export interface DashboardRoutesOptions {
    /** Where the Vite build lives. Default: packages/dashboard/dist, next to this package. */
    distDir?: string;
}
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
export declare const dashboardRoutes: FastifyPluginAsync<DashboardRoutesOptions>;
//# sourceMappingURL=routes.d.ts.map