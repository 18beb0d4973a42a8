/**
 * The Content-Security-Policy of the dashboard's pages. Scripts come only from our own origin: no
 * inline script, no eval. Styles too, with one exception and no 'unsafe-inline': CodeMirror
 * writes its base theme into a <style> element, which carries the per-response nonce that the
 * page reads from its `csp-nonce` meta tag (CodeMirror's `EditorView.cspNonce`). Styling through
 * the CSSOM (React's style prop, uPlot) is not governed by style-src. `frame-src 'self'` is for
 * the message preview, which runs in a sandboxed frame from this origin; nothing may frame us.
 */
export function dashboardCsp(nonce) {
    return [
        "default-src 'self'",
        "script-src 'self'",
        nonce ? `style-src 'self' 'nonce-${nonce}'` : "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ].join('; ');
}
/** Headers for every dashboard response: HTML, assets and the not-built notice alike. */
export function setSecurityHeaders(reply, nonce) {
    reply
        .header('content-security-policy', dashboardCsp(nonce))
        .header('x-frame-options', 'DENY')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .header('cross-origin-opener-policy', 'same-origin')
        .header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}
//# sourceMappingURL=security-headers.js.map