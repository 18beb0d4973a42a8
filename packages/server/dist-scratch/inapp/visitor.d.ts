import type { Workspace } from '../store/workspaces.js';
/** The person an in-app request is for. */
export interface Visitor {
    anonymousId: string | null;
    userId: string | null;
    identified: boolean;
    /** The key of their message state: `u:<userId>` once identified, else `a:<anonymousId>`. */
    key: string;
}
/**
 * Reads who is asking from an in-app request (query string or body). A claimed userId counts only
 * with a valid proof when the workspace verifies identities; otherwise the request is refused, so
 * that nobody sees another person's messages or personal data by claiming their userId.
 */
export declare function visitorFrom(claim: Record<string, unknown>, workspace: Workspace): Visitor;
//# sourceMappingURL=visitor.d.ts.map