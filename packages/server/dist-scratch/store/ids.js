import { randomBytes, randomUUID } from 'node:crypto';
/** A random identifier with a readable prefix: `ws_…`, `wk_…`, `sk_…`. */
export function prefixedId(prefix, bytes) {
    return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}
export const newWorkspaceId = () => prefixedId('ws', 9);
export const newWriteKey = () => prefixedId('wk', 18);
export const newSecretKey = () => prefixedId('sk', 30);
export const newProfileId = () => randomUUID();
//# sourceMappingURL=ids.js.map