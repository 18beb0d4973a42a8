import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
/** The one channel every node publishes its changes on and listens to. */
export const CHANGES_CHANNEL = 'herald:changes';
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
export class RedisBus {
    publisher;
    subscriber;
    options;
    /** This node, as it signs what it publishes. */
    nodeId;
    emitter = new EventEmitter().setMaxListeners(0);
    channel;
    closed = false;
    /** Set once the subscription was lost; the next 'ready' is a resync. */
    lostSubscription = false;
    received = 0;
    published = 0;
    constructor(nodeId, publisher, subscriber, options) {
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.options = options;
        this.nodeId = nodeId;
        this.channel = options.channel ?? CHANGES_CHANNEL;
    }
    /** Connects both connections and subscribes; rejects when Redis cannot be reached at start. */
    static async connect(url, options = {}) {
        // Also names the connections (CLIENT LIST shows which node each belongs to).
        const nodeId = randomBytes(8).toString('hex');
        const connection = {
            lazyConnect: true,
            // A command issued while Redis is down fails at once instead of queueing without bound:
            // publishing is best-effort (the resync covers it), readiness checks must not hang.
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            connectTimeout: 5000,
            retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        };
        const publisher = new Redis(url, { ...connection, connectionName: `herald-pub-${nodeId}` });
        const subscriber = new Redis(url, {
            ...connection,
            connectionName: `herald-sub-${nodeId}`,
            // ioredis subscribes again by itself after a reconnection.
            autoResubscribe: true,
        });
        const bus = new RedisBus(nodeId, publisher, subscriber, options);
        try {
            await Promise.all([publisher.connect(), subscriber.connect()]);
            await subscriber.subscribe(bus.channel);
        }
        catch (error) {
            publisher.disconnect();
            subscriber.disconnect();
            throw new Error(`Redis at ${redactUrl(url)} is not reachable: ${error.message}`);
        }
        bus.listen();
        return bus;
    }
    publish(change) {
        this.deliverLocally(change);
        if (this.closed)
            return;
        const envelope = { from: this.nodeId, change };
        this.published++;
        this.publisher.publish(this.channel, JSON.stringify(envelope)).catch((error) => {
            // Lost for the other nodes: their caches expire (a minute at most) and their streams'
            // safety-net poll catches up. Logged, never thrown: the change is already applied here.
            this.options.logger?.warn({ err: error }, 'could not publish a change to Redis');
        });
    }
    /** Hands a change to this node's subscribers only (a resync: the other nodes do their own). */
    deliverLocally(change) {
        this.emitter.emit('change', change);
    }
    subscribe(listener) {
        this.emitter.on('change', listener);
        return () => this.emitter.off('change', listener);
    }
    /** Answers once Redis answers a PING (for /readyz); rejects otherwise. */
    async ping() {
        await this.publisher.ping();
    }
    /** Changes this node published and changes it received from others. */
    get counts() {
        return { published: this.published, received: this.received };
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        this.emitter.removeAllListeners();
        await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
    }
    listen() {
        this.subscriber.on('message', (channel, text) => {
            if (channel !== this.channel)
                return;
            const envelope = parseEnvelope(text);
            if (!envelope || envelope.from === this.nodeId)
                return;
            this.received++;
            this.emitter.emit('change', envelope.change);
        });
        // ioredis emits 'error' on every failed reconnection attempt; unhandled, it would crash.
        const onError = (error) => {
            if (!this.closed)
                this.options.logger?.warn({ err: error }, 'Redis connection error');
        };
        this.subscriber.on('error', onError);
        this.publisher.on('error', onError);
        this.subscriber.on('close', () => {
            if (!this.closed)
                this.lostSubscription = true;
        });
        this.subscriber.on('ready', () => {
            if (!this.lostSubscription || this.closed)
                return;
            this.lostSubscription = false;
            // Resync only once subscribed again, or a change published in between would be missed.
            this.subscriber.subscribe(this.channel).then(() => this.options.onResync?.(), (error) => this.options.logger?.warn({ err: error }, 'Redis resubscribe failed'));
        });
    }
}
/** A change from the wire, or undefined when it is not one (another program on the channel). */
function parseEnvelope(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!value || typeof value !== 'object')
        return undefined;
    const { from, change } = value;
    if (typeof from !== 'string' || !change || typeof change !== 'object')
        return undefined;
    if (typeof change.workspaceId !== 'string')
        return undefined;
    switch (change.kind) {
        case 'messages':
        case 'workspace':
            return { from, change: { kind: change.kind, workspaceId: change.workspaceId } };
        case 'visitor':
            return typeof change.visitor === 'string'
                ? {
                    from,
                    change: { kind: 'visitor', workspaceId: change.workspaceId, visitor: change.visitor },
                }
                : undefined;
        default:
            return undefined;
    }
}
/** The URL without its password, for messages. */
export function redactUrl(url) {
    try {
        const parsed = new URL(url);
        if (parsed.password)
            parsed.password = '***';
        return parsed.toString();
    }
    catch {
        return '(unparseable URL)';
    }
}
//# sourceMappingURL=redis-bus.js.map