/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'herald_session';
/** The value of one cookie of the request, if sent. */
export function readCookie(request, name) {
    const header = request.headers.cookie;
    if (!header)
        return undefined;
    for (const part of header.split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name)
            return part.slice(eq + 1).trim();
    }
    return undefined;
}
/**
 * Whether the browser reached us over https: TLS on this socket, or a proxy in front saying so.
 * Trusting `X-Forwarded-Proto` here is safe: its only effect is the cookie's Secure flag, and a
 * client lying about it only gets a cookie its browser will not send back over http.
 */
function overHttps(request) {
    const forwarded = request.headers['x-forwarded-proto'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    return request.protocol === 'https' || first === 'https';
}
/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site request
 * carries it), Path=/, and Secure when the request came over https.
 */
export function setSessionCookie(request, reply, token, maxAgeSeconds) {
    const attributes = [
        `${SESSION_COOKIE}=${token}`,
        'Path=/',
        'HttpOnly',
        'SameSite=Strict',
        `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    ];
    if (overHttps(request))
        attributes.push('Secure');
    reply.header('set-cookie', attributes.join('; '));
}
export function clearSessionCookie(request, reply) {
    setSessionCookie(request, reply, '', 0);
}
//# sourceMappingURL=cookies.js.map