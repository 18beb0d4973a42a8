import type { FastifyReply } from 'fastify';
/**
 * The Content-Security-Policy of the dashboard's pages. Scripts come only from our own origin: no
 * inline script, no eval. Styles too, with one exception and no 'unsafe-inline': CodeMirror
 * writes its base theme into a <style> element, which carries the per-response nonce that the
 * page reads from its `csp-nonce` meta tag (CodeMirror's `EditorView.cspNonce`). Styling through
 * the CSSOM (React's style prop, uPlot) is not governed by style-src. `frame-src 'self'` is for
 * the message preview, which runs in a sandboxed frame from this origin; nothing may frame us.
 */
export declare function dashboardCsp(nonce?: string): string;
/** Headers for every dashboard response: HTML, assets and the not-built notice alike. */
export declare function setSecurityHeaders(reply: FastifyReply, nonce?: string): void;
//# sourceMappingURL=security-headers.d.ts.map