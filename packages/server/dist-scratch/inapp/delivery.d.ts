import { type VisitorMessageState } from '@herald/protocol';
import type { Store } from '../store/index.js';
import type { QueueKind } from '../store/schema.js';
import type { InAppCaps } from '../store/workspaces.js';
import type { ChangeBus } from './bus.js';
import type { MessageCatalogue, PreparedMessage, WorkspaceCatalogue } from './catalogue.js';
import type { Visitor } from './visitor.js';
/** Seconds between polls when the SDK has no live stream. */
export declare const POLL_INTERVAL = 60;
/** Seconds between safety-net polls while the stream is up. */
export declare const STREAM_POLL_INTERVAL = 600;
export interface DeliveryOptions {
    /** The SDK asks for anonymous messages (its `anonymousInApp` option). */
    anonymousInApp: boolean;
    /** When the SDK's session began (epoch ms), for the per-session cap. */
    sessionStartedAt?: number | undefined;
    now?: number;
}
/**
 * Decides which messages a visitor may see now and renders them for them.
 *
 * Server-side rules: in-app enabled for the workspace, audience (anonymous messages only when the
 * workspace and the SDK allow them), schedule, dismissal and maxViews. Page rules and cooldowns
 * are sent along for the SDK, which applies them on every page without a round trip.
 *
 * Unchanged polls are answered 304 from memory: the ETag combines the catalogue version, a
 * per-visitor generation bumped on every change to that visitor (a view, a test send…) and the
 * set of messages whose schedule is open now. A full answer is assembled from JSON fragments
 * serialised once per message version; only the visitor's state and delivery IDs are new.
 */
export declare class DeliveryService {
    private readonly store;
    readonly catalogue: MessageCatalogue;
    private readonly maxVisitors;
    private readonly generations;
    private readonly schedules;
    private readonly nonce;
    private readonly unsubscribe;
    constructor(store: Store, catalogue: MessageCatalogue, bus: ChangeBus, maxVisitors?: number);
    /** The ETag of the visitor's current answer, when it can be known without the database. */
    currentEtag(catalogue: WorkspaceCatalogue, visitor: Visitor, options: DeliveryOptions): string | undefined;
    /** The visitor's answer as JSON text, and its ETag. */
    deliver(catalogue: WorkspaceCatalogue, visitor: Visitor, options: DeliveryOptions): Promise<{
        json: string;
        etag: string;
        count: number;
    }>;
    close(): void;
    private candidates;
    /**
     * One message of the answer as JSON; shared parts come serialised from the catalogue. A
     * template that fails to render for this person (over its render limit, a partial that does
     * not exist) leaves the message out: it must not take every other message down with it.
     */
    private serialise;
    /**
     * Queued entries still deliverable: test sends whatever the targeting; broadcasts and
     * campaigns with their message's page rules and frequency (on the entry's own state), but not
     * its audience or schedule (membership was decided when they were queued), and only while the
     * message is neither paused nor archived. One entry per message: the newest.
     */
    private queued;
    /**
     * Keeps identified messages with `audience.segment` only for members of that segment: one
     * query, and only when some candidate names a segment.
     */
    private inSegments;
    private liquidScope;
    private generation;
    private etag;
    /**
     * Which messages' schedules are open now, as a short key that stays valid until the next
     * startAt or endAt of the catalogue: computed once per boundary, not once per poll.
     */
    private scheduleKey;
}
interface Chosen {
    prepared: PreparedMessage;
    state: VisitorMessageState;
    priority: number;
    queueId?: string;
    kind?: QueueKind;
    expiresAt?: number;
    /** The triggering event's properties, for Liquid's `event`. */
    event?: Record<string, unknown>;
}
/**
 * The workspace's caps: once a visitor has been shown `perDay` messages in the last 24 hours (or
 * `perSession` since their session began), only messages already shown in that window are
 * delivered; before that, at most as many new ones as the cap leaves, highest priority first.
 * Test sends are exempt. `chosen` arrives sorted by priority.
 */
export declare function applyCaps(chosen: Chosen[], states: Map<string, VisitorMessageState>, caps: InAppCaps | undefined, sessionStartedAt: number | undefined, now: number): Chosen[];
export {};
//# sourceMappingURL=delivery.d.ts.map