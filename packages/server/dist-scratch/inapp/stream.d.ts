import type { ServerResponse } from 'node:http';
import type { ChangeBus } from './bus.js';
/**
 * Live pushes to open pages over Server-Sent Events. A connection costs one socket and a few
 * hundred bytes here: it carries only short `refresh` hints, after which the SDK fetches its
 * messages (an ETag round trip). A launch or an edit hints every page of the workspace; a change
 * to one visitor (a test send, a dismissal in another tab) hints only that visitor's pages.
 *
 * @example
 * hub.open(reply.raw, workspaceId, visitor.key); // after reply.hijack()
 */
export declare class StreamHub {
    private readonly heartbeatMs;
    /** workspace → visitor → open responses. */
    private readonly streams;
    private readonly heartbeat;
    private readonly unsubscribe;
    private count;
    /**
     * Event ids: this hub's boot nonce and a counter. A client that reconnects sends the last one
     * as `Last-Event-ID`; hints carry no content, so whatever it missed meanwhile (on this node or
     * on one that died) is made up by one `refresh`, whichever node it reaches.
     */
    private readonly idPrefix;
    private nextId;
    constructor(bus: ChangeBus, heartbeatMs?: number);
    /** Open streams on this node. */
    get size(): number;
    /** Takes over a raw response as an event stream until the client goes away. */
    open(res: ServerResponse, workspaceId: string, visitor: string): void;
    /** Tells every open page to reconnect (to another node) and ends the streams. */
    close(): void;
    private broadcast;
    private newId;
    /** One event; a hint sent to many streams shares one id, formatted once. */
    private send;
}
//# sourceMappingURL=stream.d.ts.map