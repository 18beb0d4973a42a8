import { createHash, randomBytes } from 'node:crypto';
import { audienceAllows, byPriority, frequencyAllows, NEVER_SEEN, scheduleAllows, } from '@herald/protocol';
import { deliveryIdFor, visitorProof } from './delivery-id.js';
import { renderTemplate } from './liquid.js';
/** Seconds between polls when the SDK has no live stream. */
export const POLL_INTERVAL = 60;
/** Seconds between safety-net polls while the stream is up. */
export const STREAM_POLL_INTERVAL = 600;
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
export class DeliveryService {
    store;
    catalogue;
    maxVisitors;
    generations = new Map();
    schedules = new WeakMap();
    nonce = randomBytes(4).toString('base64url');
    unsubscribe;
    constructor(store, catalogue, bus, maxVisitors = 200_000) {
        this.store = store;
        this.catalogue = catalogue;
        this.maxVisitors = maxVisitors;
        this.unsubscribe = bus.subscribe((change) => {
            if (change.kind === 'visitor') {
                const key = `${change.workspaceId}|${change.visitor}`;
                this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
            }
        });
    }
    /** The ETag of the visitor's current answer, when it can be known without the database. */
    currentEtag(catalogue, visitor, options) {
        const generation = this.generations.get(`${catalogue.workspace.id}|${visitor.key}`);
        return generation === undefined
            ? undefined
            : this.etag(catalogue, visitor, options, generation);
    }
    /** The visitor's answer as JSON text, and its ETag. */
    async deliver(catalogue, visitor, options) {
        const now = options.now ?? Date.now();
        const { workspace } = catalogue;
        const generation = this.generation(`${workspace.id}|${visitor.key}`);
        const etag = this.etag(catalogue, visitor, options, generation, now);
        const head = `{"identified":${visitor.identified},"pollInterval":${POLL_INTERVAL},"messages":[`;
        if (!workspace.inApp.enabled)
            return { json: `${head}]}`, etag, count: 0 };
        const candidates = await this.inSegments(workspace.id, visitor, this.candidates(catalogue, visitor, options, now));
        const queue = await this.store.messageStates.queueOf(workspace.id, visitor.key, now);
        const states = candidates.length > 0 || queue.length > 0
            ? await this.store.messageStates.statesOf(workspace.id, visitor.key)
            : new Map();
        const chosen = [];
        const queued = await this.queued(workspace.id, queue, now);
        const queuedIds = new Set(queued.map((c) => c.prepared.message.id));
        for (const prepared of candidates) {
            // A message queued for the visitor (with its event) stands in for its standing delivery.
            if (queuedIds.has(prepared.message.id))
                continue;
            const state = states.get(prepared.message.id) ?? NEVER_SEEN;
            // Cooldowns are the SDK's to apply: it knows when the visitor last saw the message.
            const frequency = { ...prepared.message.frequency, cooldownSeconds: 0 };
            if (frequencyAllows(frequency, state, now)) {
                chosen.push({ prepared, state, priority: prepared.message.priority });
            }
        }
        chosen.push(...queued);
        chosen.sort((a, b) => byPriority({ id: a.prepared.message.id, priority: a.priority, launchedAt: a.prepared.launchedAt }, { id: b.prepared.message.id, priority: b.priority, launchedAt: b.prepared.launchedAt }));
        const capped = applyCaps(chosen, states, workspace.inApp.caps, options.sessionStartedAt, now);
        const scope = capped.some((c) => c.prepared.personalised || c.queueId)
            ? await this.liquidScope(workspace.id, visitor)
            : undefined;
        const proof = visitorProof(workspace.secretKey, visitor.key);
        const parts = capped
            .map((c) => this.serialise(c, proof, c.event && scope ? { ...scope, event: c.event } : scope))
            .filter((part) => part !== undefined);
        return { json: `${head}${parts.join(',')}]}`, etag, count: parts.length };
    }
    close() {
        this.unsubscribe();
    }
    candidates(catalogue, visitor, options, now) {
        const anonymousAllowed = catalogue.workspace.inApp.anonymous && options.anonymousInApp;
        return catalogue.messages.filter((m) => audienceAllows(m.message.audience.type, visitor.identified) &&
            (m.message.audience.type !== 'anonymous' || anonymousAllowed) &&
            scheduleAllows(m.startAt, m.endAt, now));
    }
    /**
     * One message of the answer as JSON; shared parts come serialised from the catalogue. A
     * template that fails to render for this person (over its render limit, a partial that does
     * not exist) leaves the message out: it must not take every other message down with it.
     */
    serialise(chosen, proof, scope) {
        const { prepared, state, queueId } = chosen;
        const { message } = prepared;
        const deliveryId = deliveryIdFor(proof, {
            messageId: message.id,
            version: message.version,
            ...(queueId ? { queueId } : {}),
        });
        if (!queueId && !prepared.personalised) {
            return `${prepared.fragment},"deliveryId":${JSON.stringify(deliveryId)},"state":${JSON.stringify(state)}}`;
        }
        const test = chosen.kind === 'test';
        const delivered = {
            id: message.id,
            version: message.version,
            deliveryId,
            priority: test ? 0 : message.priority,
            launchedAt: prepared.launchedAt,
            audience: message.audience.type,
            test,
            pageRules: test ? { include: [], exclude: [] } : prepared.pageRules,
            frequency: test ? { maxViews: 1, cooldownSeconds: 0 } : message.frequency,
            state,
            // A queued broadcast or campaign entry ends when it expires (or the message does).
            endAt: test ? null : earliest(prepared.endAt, chosen.expiresAt ?? null),
            display: message.display,
            steps: [],
        };
        try {
            delivered.steps = prepared.steps.map((step) => ({
                name: step.name,
                html: step.template ? renderTemplate(step.template, scope ?? { customer: {} }) : step.html,
                ...(step.display ? { display: step.display } : {}),
            }));
        }
        catch {
            return undefined;
        }
        return JSON.stringify(delivered);
    }
    /**
     * Queued entries still deliverable: test sends whatever the targeting; broadcasts and
     * campaigns with their message's page rules and frequency (on the entry's own state), but not
     * its audience or schedule (membership was decided when they were queued), and only while the
     * message is neither paused nor archived. One entry per message: the newest.
     */
    async queued(workspaceId, queue, now) {
        const byMessage = new Map();
        for (const entry of queue) {
            const message = await this.store.messages.get(workspaceId, entry.messageId);
            if (!message)
                continue;
            const prepared = this.catalogue.prepare(message);
            if (entry.kind === 'test') {
                byMessage.set(entry.messageId, {
                    prepared,
                    state: NEVER_SEEN,
                    queueId: entry.id,
                    priority: 0,
                    kind: 'test',
                });
                continue;
            }
            if (message.status === 'paused' || message.status === 'archived')
                continue;
            const frequency = { ...message.frequency, cooldownSeconds: 0, reEligibleAfterSeconds: null };
            if (!frequencyAllows(frequency, entry.state, now))
                continue;
            const chosen = {
                prepared,
                state: entry.state,
                queueId: entry.id,
                priority: message.priority,
                kind: entry.kind,
                expiresAt: entry.expiresAt,
            };
            if (entry.event)
                chosen.event = entry.event;
            byMessage.set(entry.messageId, chosen);
        }
        return [...byMessage.values()];
    }
    /**
     * Keeps identified messages with `audience.segment` only for members of that segment: one
     * query, and only when some candidate names a segment.
     */
    async inSegments(workspaceId, visitor, candidates) {
        if (!candidates.some((m) => m.message.audience.segment))
            return candidates;
        const member = visitor.userId
            ? await this.store.messageStates.segmentsOf(workspaceId, visitor.userId)
            : new Set();
        return candidates.filter((m) => !m.message.audience.segment || member.has(m.message.audience.segment));
    }
    async liquidScope(workspaceId, visitor) {
        if (!visitor.userId)
            return { customer: {} };
        const person = await this.store.people.traitsOf(workspaceId, visitor.userId);
        return {
            customer: {
                ...person?.traits,
                id: person?.userId ?? visitor.userId,
                email: person?.email ?? undefined,
            },
        };
    }
    generation(key) {
        let generation = this.generations.get(key);
        if (generation === undefined) {
            if (this.generations.size >= this.maxVisitors)
                this.generations.clear();
            generation = 0;
            this.generations.set(key, generation);
        }
        return generation;
    }
    etag(catalogue, visitor, options, generation, now = options.now ?? Date.now()) {
        // The session start and the day's cap window are part of the answer when caps apply.
        const caps = catalogue.workspace.inApp.caps;
        const capKey = caps ? `.${options.sessionStartedAt ?? ''}.${Math.floor(now / 3_600_000)}` : '';
        const flags = `${options.anonymousInApp ? 'a' : 'n'}${capKey}`;
        const schedule = this.scheduleKey(catalogue, now);
        return `"${this.nonce}.${catalogue.version}.${schedule}.${fnv1a(visitor.key)}.${generation}${flags}"`;
    }
    /**
     * Which messages' schedules are open now, as a short key that stays valid until the next
     * startAt or endAt of the catalogue: computed once per boundary, not once per poll.
     */
    scheduleKey(catalogue, now) {
        const cached = this.schedules.get(catalogue);
        if (cached && now < cached.until)
            return cached.key;
        let until = Infinity;
        const open = [];
        for (const m of catalogue.messages) {
            if (scheduleAllows(m.startAt, m.endAt, now))
                open.push(m.message.id);
            for (const boundary of [m.startAt, m.endAt]) {
                if (boundary !== null && boundary > now && boundary < until)
                    until = boundary;
            }
        }
        const key = createHash('sha1').update(open.join(',')).digest('base64url').slice(0, 10);
        this.schedules.set(catalogue, { until, key });
        return key;
    }
}
/** A fast, non-cryptographic hash: it only tells one visitor's ETags from another's. */
function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0).toString(36);
}
function earliest(a, b) {
    if (a === null)
        return b;
    if (b === null)
        return a;
    return Math.min(a, b);
}
const DAY = 86_400_000;
/**
 * The workspace's caps: once a visitor has been shown `perDay` messages in the last 24 hours (or
 * `perSession` since their session began), only messages already shown in that window are
 * delivered; before that, at most as many new ones as the cap leaves, highest priority first.
 * Test sends are exempt. `chosen` arrives sorted by priority.
 */
export function applyCaps(chosen, states, caps, sessionStartedAt, now) {
    const windows = [];
    if (caps?.perDay)
        windows.push({ cap: caps.perDay, since: now - DAY });
    if (caps?.perSession && sessionStartedAt !== undefined) {
        windows.push({ cap: caps.perSession, since: sessionStartedAt });
    }
    if (windows.length === 0)
        return chosen;
    const shownSince = (since) => {
        const shown = new Set();
        for (const [id, state] of states) {
            if (state.lastViewedAt !== null && state.lastViewedAt >= since)
                shown.add(id);
        }
        return shown;
    };
    const limits = windows.map((w) => ({ ...w, shown: shownSince(w.since), added: 0 }));
    return chosen.filter((c) => {
        if (c.kind === 'test')
            return true;
        const id = c.prepared.message.id;
        if (limits.every((l) => l.shown.has(id)))
            return true;
        if (limits.some((l) => !l.shown.has(id) && l.shown.size + l.added >= l.cap))
            return false;
        for (const l of limits)
            if (!l.shown.has(id))
                l.added++;
        return true;
    });
}
//# sourceMappingURL=delivery.js.map