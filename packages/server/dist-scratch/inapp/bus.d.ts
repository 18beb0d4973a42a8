/** Something changed that open pages or cached answers depend on. */
export type Change = 
/** A message was launched, paused, edited, archived: every visitor of the workspace. */
{
    kind: 'messages';
    workspaceId: string;
}
/** The workspace's settings changed (in-app on or off, keys, verification). */
 | {
    kind: 'workspace';
    workspaceId: string;
}
/** One visitor's state changed: a view, a dismissal, a test send, new traits. */
 | {
    kind: 'visitor';
    workspaceId: string;
    visitor: string;
};
/**
 * How changes reach every part of every node that cares: the SSE hub, the message catalogue, the
 * ETag cache. In one process this is an in-memory emitter; with REDIS_URL a Redis channel carries
 * the same changes between nodes.
 */
export interface ChangeBus {
    publish(change: Change): void;
    /** Returns the function that unsubscribes. */
    subscribe(listener: (change: Change) => void): () => void;
    close(): Promise<void>;
}
export declare class LocalBus implements ChangeBus {
    private readonly emitter;
    publish(change: Change): void;
    subscribe(listener: (change: Change) => void): () => void;
    close(): Promise<void>;
}
//# sourceMappingURL=bus.d.ts.map