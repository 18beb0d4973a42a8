/** A random identifier with a readable prefix: `ws_…`, `wk_…`, `sk_…`. */
export declare function prefixedId(prefix: string, bytes: number): string;
export declare const newWorkspaceId: () => string;
export declare const newWriteKey: () => string;
export declare const newSecretKey: () => string;
export declare const newProfileId: () => `${string}-${string}-${string}-${string}-${string}`;
//# sourceMappingURL=ids.d.ts.map