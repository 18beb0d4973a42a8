import type { Change, ChangeBus } from './bus.js';
/** The one channel every node publishes its changes on and listens to. */
export declare const CHANGES_CHANNEL = "herald:changes";
export interface RedisBusOptions {
    /** Channel name; one per Herald cluster sharing a Redis. Default `herald:changes`. */
    channel?: string;
    /**
     * Called after the subscription came back from a disconnection: changes published meanwhile
     * were lost (Redis pub/sub keeps nothing), so the node must treat everything as changed.
     * `main.ts` answers with a `messages` change for every workspace (caches reload, every open
     * stream refreshes).
     */
    onResync?: () => void;
    /** Where connection trouble is reported. */
    logger?: {
        warn(details: object, message: string): void;
    };
}
/**
 * The change bus across nodes, over Redis pub/sub: one JSON message per change on one channel.
 *
 * A change is delivered to this node's subscribers at once, synchronously, as {@link LocalBus}
 * does, and published for the other nodes; the echo Redis sends back carries this node's id
 * and is ignored. So every change reaches each node exactly once, and a node whose Redis is down
 * still keeps its own caches right (it only stops hearing the others until Redis is back, when
 * {@link RedisBusOptions.onResync} makes up for what it missed).
 *
 * Two connections: a connection in subscriber mode can issue no other command.
 *
 * @example
 * const bus = await RedisBus.connect('redis://127.0.0.1:6379');
 * const app = await buildApp({ store, masterKey, bus });
 */
export declare class RedisBus implements ChangeBus {
    private readonly publisher;
    private readonly subscriber;
    private readonly options;
    /** This node, as it signs what it publishes. */
    readonly nodeId: string;
    private readonly emitter;
    private readonly channel;
    private closed;
    /** Set once the subscription was lost; the next 'ready' is a resync. */
    private lostSubscription;
    private received;
    private published;
    private constructor();
    /** Connects both connections and subscribes; rejects when Redis cannot be reached at start. */
    static connect(url: string, options?: RedisBusOptions): Promise<RedisBus>;
    publish(change: Change): void;
    /** Hands a change to this node's subscribers only (a resync: the other nodes do their own). */
    deliverLocally(change: Change): void;
    subscribe(listener: (change: Change) => void): () => void;
    /** Answers once Redis answers a PING (for /readyz); rejects otherwise. */
    ping(): Promise<void>;
    /** Changes this node published and changes it received from others. */
    get counts(): {
        published: number;
        received: number;
    };
    close(): Promise<void>;
    private listen;
}
/** The URL without its password, for messages. */
export declare function redactUrl(url: string): string;
//# sourceMappingURL=redis-bus.d.ts.map