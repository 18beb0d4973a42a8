import { createHash, randomBytes } from 'node:crypto';
import {
  audienceAllows,
  byPriority,
  type DeliveredMessage,
  frequencyAllows,
  NEVER_SEEN,
  type Platform,
  platformsOf,
  scheduleAllows,
  type VisitorMessageState,
} from '@herald/protocol';
import type { Store } from '../store/index.js';
import type { QueuedMessage, StoredMessageState } from '../store/message-states.js';
import { applyCaps, type Chosen } from './caps.js';
import type { ChangeBus } from './bus.js';
import type { MessageCatalogue, PreparedMessage, WorkspaceCatalogue } from './catalogue.js';
import { deliveryIdFor, visitorProof } from './delivery-id.js';
import { arrivalOf, inboxItem } from './inbox.js';
import { interactionMatches, messagesAskedAbout } from './interactions.js';
import { type LiquidScope, renderTemplate } from './liquid.js';
import type { Visitor } from './visitor.js';

/** Seconds between polls when the SDK has no live stream. */
export const POLL_INTERVAL = 60;
/** Seconds between safety-net polls while the stream is up. */
export const STREAM_POLL_INTERVAL = 600;

export interface DeliveryOptions {
  /** The SDK asks for anonymous messages (its `anonymousInApp` option). */
  anonymousInApp: boolean;
  /** When the SDK's session began (epoch ms), for the per-session cap. */
  sessionStartedAt?: number | undefined;
  /** The visitor's language (BCP 47), for messages with translations. */
  locale?: string | undefined;
  /** Where the SDK shows messages: `web` (the default) or `mobile`. */
  platform?: Platform | undefined;
  now?: number;
}

/**
 * Decides which messages a visitor may see now and renders them for them.
 *
 * Server-side rules: in-app enabled for the workspace, audience (anonymous messages only when the
 * workspace and the SDK allow them), schedule, dismissal and maxViews. Page rules and cooldowns
 * are sent along for the SDK, which applies them on every page without a round trip. A message
 * kept in the inbox stays in the answer, for the inbox only, once the page may not show it
 * (inbox.ts).
 *
 * Unchanged polls are answered 304 from memory: the ETag combines the catalogue version, a
 * per-visitor generation bumped on every change to that visitor (a view, a test send…) and the
 * set of messages whose schedule is open now. A full answer is assembled from JSON fragments
 * serialised once per message version; only the visitor's state and delivery IDs are new.
 */
export class DeliveryService {
  private readonly generations = new Map<string, number>();
  private readonly schedules = new WeakMap<WorkspaceCatalogue, { until: number; key: string }>();
  private readonly nonce = randomBytes(4).toString('base64url');
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    readonly catalogue: MessageCatalogue,
    bus: ChangeBus,
    private readonly maxVisitors = 200_000,
  ) {
    this.unsubscribe = bus.subscribe((change) => {
      if (change.kind === 'visitor') {
        const key = `${change.workspaceId}|${change.visitor}`;
        this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
      }
    });
  }

  /** The ETag of the visitor's current answer, when it can be known without the database. */
  currentEtag(catalogue: WorkspaceCatalogue, visitor: Visitor, options: DeliveryOptions) {
    const generation = this.generations.get(`${catalogue.workspace.id}|${visitor.key}`);
    return generation === undefined
      ? undefined
      : this.etag(catalogue, visitor, options, generation);
  }

  /** The visitor's answer as JSON text, and its ETag. */
  async deliver(
    catalogue: WorkspaceCatalogue,
    visitor: Visitor,
    options: DeliveryOptions,
  ): Promise<{ json: string; etag: string; count: number }> {
    const now = options.now ?? Date.now();
    const { workspace } = catalogue;
    const generation = this.generation(`${workspace.id}|${visitor.key}`);
    const etag = this.etag(catalogue, visitor, options, generation, now);
    const head =
      `{"identified":${visitor.identified},"enabled":${workspace.inApp.enabled},` +
      `"pollInterval":${POLL_INTERVAL},"messages":[`;
    if (!workspace.inApp.enabled) return { json: `${head}]}`, etag, count: 0 };

    const candidates = await this.withInteractions(
      workspace.id,
      visitor,
      await this.inSegments(
        workspace.id,
        visitor,
        this.candidates(catalogue, visitor, options, now),
      ),
      now,
    );
    const queue = await this.store.messageStates.queueOf(workspace.id, visitor.key, now);
    const states =
      candidates.length > 0 || queue.length > 0
        ? await this.store.messageStates.statesOf(workspace.id, visitor.key)
        : new Map<string, StoredMessageState>();
    const chosen: Chosen[] = [];
    const queued = await this.queued(workspace.id, queue, states, options.platform ?? 'web', now);
    const queuedIds = new Set(queued.map((c) => c.prepared.message.id));
    for (const prepared of candidates) {
      // A message queued for the visitor (with its event) stands in for its standing delivery.
      if (queuedIds.has(prepared.message.id)) continue;
      const state: StoredMessageState = states.get(prepared.message.id) ?? NEVER_SEEN;
      // Cooldowns are the SDK's to apply: it knows when the visitor last saw the message.
      const frequency = { ...prepared.message.frequency, cooldownSeconds: 0 };
      const onPage = !prepared.inbox?.only && frequencyAllows(frequency, state, now);
      const inbox = prepared.inbox
        ? inboxItem(prepared.inbox, state, arrivalOf(prepared.launchedAt, prepared.startAt), now)
        : undefined;
      if (onPage || inbox) {
        chosen.push({
          prepared,
          state,
          priority: prepared.message.priority,
          inbox,
          inboxOnly: !onPage,
        });
      }
    }
    chosen.push(...queued);
    chosen.sort((a, b) =>
      byPriority(
        { id: a.prepared.message.id, priority: a.priority, launchedAt: a.prepared.launchedAt },
        { id: b.prepared.message.id, priority: b.priority, launchedAt: b.prepared.launchedAt },
      ),
    );
    const capped = applyCaps(chosen, states, workspace.inApp.caps, options.sessionStartedAt, now);
    for (const c of capped) {
      const { contents } = c.prepared;
      // A test send shows the content whoever it goes to, a person in the holdout too.
      c.content =
        c.kind === 'test'
          ? contents.preview(undefined, options.locale)
          : contents.forVisitor(visitor.key, c.state.variant, options.locale);
      // The holdout sees nothing, in its inbox neither (its exposure is reported from the page).
      if (c.content.heldOut) c.inbox = undefined;
    }
    const delivered = capped.filter((c) => c.inbox || !c.inboxOnly);
    const scope = delivered.some((c) => c.content!.personalised || c.queueId)
      ? await this.liquidScope(workspace.id, visitor)
      : undefined;
    const proof = visitorProof(workspace.secretKey, visitor.key);
    const parts = delivered
      .map((c) => this.serialise(c, proof, c.event && scope ? { ...scope, event: c.event } : scope))
      .filter((part): part is string => part !== undefined);
    return { json: `${head}${parts.join(',')}]}`, etag, count: parts.length };
  }

  close(): void {
    this.unsubscribe();
  }

  private candidates(
    catalogue: WorkspaceCatalogue,
    visitor: Visitor,
    options: DeliveryOptions,
    now: number,
  ): PreparedMessage[] {
    const anonymousAllowed = catalogue.workspace.inApp.anonymous && options.anonymousInApp;
    const platform = options.platform ?? 'web';
    return catalogue.messages.filter(
      (m) =>
        platformsOf(m.message).includes(platform) &&
        audienceAllows(m.message.audience.type, visitor.identified) &&
        (m.message.audience.type !== 'anonymous' || anonymousAllowed) &&
        scheduleAllows(m.startAt, m.endAt, now),
    );
  }

  /**
   * One message of the answer as JSON; shared parts come serialised from the catalogue. A
   * template that fails to render for this person (over its render limit, a partial that does
   * not exist) leaves the message out: it must not take every other message down with it.
   */
  private serialise(
    chosen: Chosen,
    proof: string,
    scope: LiquidScope | undefined,
  ): string | undefined {
    const { prepared, queueId } = chosen;
    const state = visitorState(chosen.state);
    const { message } = prepared;
    const content = chosen.content!;
    const deliveryId = deliveryIdFor(proof, {
      messageId: message.id,
      version: message.version,
      ...(queueId ? { queueId } : {}),
    });
    const inbox = chosen.inbox
      ? `,"inbox":${JSON.stringify(chosen.inbox)}${chosen.inboxOnly ? ',"inboxOnly":true' : ''}`
      : '';
    if (!queueId && !content.personalised) {
      return `${prepared.head},${content.json},"deliveryId":${JSON.stringify(deliveryId)},"state":${JSON.stringify(state)}${inbox}}`;
    }
    const test = chosen.kind === 'test';
    const delivered: DeliveredMessage = {
      id: message.id,
      version: message.version,
      deliveryId,
      priority: test ? 0 : message.priority,
      launchedAt: prepared.launchedAt,
      audience: message.audience.type,
      test,
      pageRules: test ? { include: [], exclude: [] } : prepared.pageRules,
      // A test send shows at once; a broadcast or campaign entry waits for its message's moment.
      ...(!test && message.trigger ? { trigger: message.trigger } : {}),
      frequency: test ? { maxViews: 1, cooldownSeconds: 0 } : message.frequency,
      state,
      // A queued broadcast or campaign entry ends when it expires (or the message does).
      endAt: test ? null : earliest(prepared.endAt, chosen.expiresAt ?? null),
      display: content.display,
      steps: [],
      locale: content.locale,
    };
    if (content.variant !== undefined) delivered.variant = content.variant;
    if (content.heldOut) delivered.heldOut = true;
    if (chosen.inbox) delivered.inbox = chosen.inbox;
    if (chosen.inboxOnly) delivered.inboxOnly = true;
    try {
      delivered.steps = content.steps.map((step) => ({
        name: step.name,
        html: step.template ? renderTemplate(step.template, scope ?? { customer: {} }) : step.html,
        ...(step.display ? { display: step.display } : {}),
      }));
    } catch {
      return undefined;
    }
    return JSON.stringify(delivered);
  }

  /**
   * Queued entries still deliverable: test sends whatever the targeting; broadcasts and
   * campaigns with their message's page rules and frequency (on the entry's own state), but not
   * its audience or schedule (membership was decided when they were queued), and only while the
   * message is neither paused nor archived. One entry per message: the newest. An entry of an
   * inbox message is in the inbox from when it was queued; a test of one stays there (with
   * its read state) until the tester archives it, and shows on the page until first opened.
   */
  private async queued(
    workspaceId: string,
    queue: QueuedMessage[],
    states: Map<string, StoredMessageState>,
    platform: Platform,
    now: number,
  ): Promise<Chosen[]> {
    const byMessage = new Map<string, Chosen>();
    for (const entry of queue) {
      const message = await this.store.messages.get(workspaceId, entry.messageId);
      // Not made for this platform: a test send or a broadcast waits for one that is.
      if (!message || !platformsOf(message).includes(platform)) continue;
      const prepared = this.catalogue.prepare(message);
      if (entry.kind === 'test') {
        const opened = entry.openedAt ?? undefined;
        const inbox =
          prepared.inbox &&
          inboxItem(prepared.inbox, opened ? { readAt: opened } : {}, entry.createdAt, now);
        byMessage.set(entry.messageId, {
          prepared,
          state: NEVER_SEEN,
          queueId: entry.id,
          priority: 0,
          kind: 'test',
          inbox,
          inboxOnly: Boolean(prepared.inbox?.only || (inbox && opened)),
        });
        continue;
      }
      if (message.status === 'paused' || message.status === 'archived') continue;
      const frequency = { ...message.frequency, cooldownSeconds: 0, reEligibleAfterSeconds: null };
      const onPage = !prepared.inbox?.only && frequencyAllows(frequency, entry.state, now);
      const inbox =
        prepared.inbox &&
        inboxItem(prepared.inbox, states.get(message.id) ?? {}, entry.createdAt, now);
      if (!onPage && !inbox) continue;
      const chosen: Chosen = {
        prepared,
        state: entry.state,
        queueId: entry.id,
        priority: message.priority,
        kind: entry.kind,
        expiresAt: entry.expiresAt,
        inbox,
        inboxOnly: !onPage,
      };
      if (entry.event) chosen.event = entry.event;
      byMessage.set(entry.messageId, chosen);
    }
    return [...byMessage.values()];
  }

  /**
   * Keeps identified messages with `audience.segment` only for members of that segment: one
   * query, and only when some candidate names a segment.
   */
  private async inSegments(
    workspaceId: string,
    visitor: Visitor,
    candidates: PreparedMessage[],
  ): Promise<PreparedMessage[]> {
    if (!candidates.some((m) => m.message.audience.segment)) return candidates;
    const member = visitor.userId
      ? await this.store.messageStates.segmentsOf(workspaceId, visitor.userId)
      : new Set<string>();
    return candidates.filter(
      (m) => !m.message.audience.segment || member.has(m.message.audience.segment),
    );
  }

  /**
   * Keeps messages whose audience asks about earlier interactions (seen, clicked, dismissed,
   * converted on another message) only for visitors who had them: one read of what they did,
   * only when some candidate asks.
   */
  private async withInteractions(
    workspaceId: string,
    visitor: Visitor,
    candidates: PreparedMessage[],
    now: number,
  ): Promise<PreparedMessage[]> {
    const asked = candidates.flatMap((m) => m.message.audience.interactions ?? []);
    if (asked.length === 0) return candidates;
    const facts = await this.store.messageStates.interactionsOf(
      workspaceId,
      visitor.key,
      messagesAskedAbout(asked),
    );
    return candidates.filter((m) =>
      (m.message.audience.interactions ?? []).every((c) => interactionMatches(c, facts, now)),
    );
  }

  private async liquidScope(workspaceId: string, visitor: Visitor): Promise<LiquidScope> {
    if (!visitor.userId) return { customer: {} };
    const person = await this.store.people.traitsOf(workspaceId, visitor.userId);
    return {
      customer: {
        ...person?.traits,
        id: person?.userId ?? visitor.userId,
        email: person?.email ?? undefined,
      },
    };
  }

  private generation(key: string): number {
    let generation = this.generations.get(key);
    if (generation === undefined) {
      if (this.generations.size >= this.maxVisitors) this.generations.clear();
      generation = 0;
      this.generations.set(key, generation);
    }
    return generation;
  }

  private etag(
    catalogue: WorkspaceCatalogue,
    visitor: Visitor,
    options: DeliveryOptions,
    generation: number,
    now = options.now ?? Date.now(),
  ): string {
    // The session start and the day's cap window are part of the answer when caps apply; the
    // hour, when an audience's "within N days" may lapse with time alone.
    const caps = catalogue.workspace.inApp.caps;
    const hour = Math.floor(now / 3_600_000);
    const capKey = caps
      ? `.${options.sessionStartedAt ?? ''}.${hour}`
      : catalogue.windowed
        ? `.${hour}`
        : '';
    const flags = `${options.anonymousInApp ? 'a' : 'n'}${capKey}.${options.locale ?? ''}.${options.platform ?? 'web'}`;
    const schedule = this.scheduleKey(catalogue, now);
    return `"${this.nonce}.${catalogue.version}.${schedule}.${fnv1a(visitor.key)}.${generation}${flags}"`;
  }

  /**
   * Which messages' schedules are open now, as a short key that stays valid until the next
   * startAt or endAt of the catalogue: computed once per boundary, not once per poll.
   */
  private scheduleKey(catalogue: WorkspaceCatalogue, now: number): string {
    const cached = this.schedules.get(catalogue);
    if (cached && now < cached.until) return cached.key;
    let until = Infinity;
    const open: string[] = [];
    for (const m of catalogue.messages) {
      if (scheduleAllows(m.startAt, m.endAt, now)) open.push(m.message.id);
      const expiry = m.inbox?.expiresAt ?? null;
      if (expiry !== null && now >= expiry) open.push(`-${m.message.id}`);
      for (const boundary of [m.startAt, m.endAt, expiry]) {
        if (boundary !== null && boundary > now && boundary < until) until = boundary;
      }
    }
    const key = createHash('sha1').update(open.join(',')).digest('base64url').slice(0, 10);
    this.schedules.set(catalogue, { until, key });
    return key;
  }
}

/** The state as the SDK gets it: the inbox's part of it travels in `inbox`. */
function visitorState(stored: StoredMessageState): VisitorMessageState {
  const state: StoredMessageState = { ...stored };
  delete state.readAt;
  delete state.archivedAt;
  return state;
}

/** A fast, non-cryptographic hash: it only tells one visitor's ETags from another's. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
