import type { FastifyPluginAsync } from 'fastify';
export interface SdkRoutesOptions {
    /** Where the built SDK lives. Default: packages/sdk/dist, next to this package. */
    distDir?: string;
}
/**
 * The policy of /sdk/frame.html, the sandboxed document (no allow-same-origin: an opaque origin)
 * that messages are shown in. The message is the site's own content, so its inline styles and
 * scripts run, and it may load images, fonts and scripts from anywhere; it may be framed by any
 * site (that is its purpose) but can't change its base URL.
 */
export declare const FRAME_CSP: string;
/**
 * Serves the browser SDK at `/sdk/herald.js` (the snippet at `/sdk/snippet.min.js`, and the
 * message frame at `/sdk/frame.html` with its script `/sdk/frame.js`) from
 * memory: read and gzipped once at start, with a strong ETag per encoding. The URL carries no
 * version, so caches keep it only five minutes and revalidate with If-None-Match (a 304).
 * Refuses to start when the SDK has not been built, rather than serve pages a 404.
 *
 * @example
 * await app.register(sdkRoutes);
 */
export declare const sdkRoutes: FastifyPluginAsync<SdkRoutesOptions>;
//# sourceMappingURL=routes.d.ts.map