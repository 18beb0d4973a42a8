import {
  audienceAllows,
  byPriority,
  type DeliveredMessage,
  type DeliveryResponse,
  type Display,
  frequencyAllows,
  type InAppEventInput,
  type InAppReportType,
  pageMatches,
  type VisitorClaim,
} from '@herald/protocol';
import { AppState } from 'react-native';
import type { CoreHooks, HeraldEvent } from '../core/herald';
import { warn } from '../core/log';
import { uuid } from '../core/uuid';
import { createReports } from './reports';
import { createSeen } from './seen';
import { reactNativeSse, type StreamOpener } from './stream';
import { createScreenTriggers } from './triggers';

/** Where a message shows in an app: `modal`, `overlay:top`, `overlay:bottom`, `inline:<id>`. */
export function mobileSlot(display: Display): string | undefined {
  if (display.type === 'modal') return 'modal';
  if (display.type === 'overlay') {
    return (display.position ?? 'bottom').startsWith('top') ? 'overlay:top' : 'overlay:bottom';
  }
  // `<HeraldInline id="home-banner"/>` is where a message with selector `#home-banner` goes.
  if (display.type === 'inline') return `inline:${(display.selector ?? '').replace(/^#/, '')}`;
  // Tooltips point at web elements; the inbox is no place on a screen.
  return undefined;
}

export interface InAppOptions {
  /** How the stream is opened; null: poll only. Default react-native-sse when installed. */
  stream?: StreamOpener | null;
}

/** What the UI reports about a message it shows (the frame's events, in the web's names). */
export type ReportFields = Pick<InAppEventInput, 'actionName' | 'actionValue' | 'step' | 'error'>;

export interface InApp {
  /** The message each slot shows now. */
  showing(): ReadonlyMap<string, DeliveredMessage>;
  /** Calls `fn` whenever what shows changes; answers how to stop. */
  subscribe(fn: () => void): () => void;
  /** An inline placement is on screen (`<HeraldInline id>`); answers how to take it away. */
  place(id: string): () => void;
  report(
    message: DeliveredMessage,
    type: Exclude<InAppReportType, 'read' | 'archived' | 'held-out'>,
    fields?: ReportFields,
  ): void;
  /** Asks the server again now. */
  refresh(): Promise<void>;
  /** The frame document messages are rendered in. */
  frameUrl: string;
  close(): void;
}

const OFF_REMEMBERED_MS = 10 * 60_000;

/**
 * In-app messages in an app, over the same API and rules as the web SDK (docs/protocol.md): the
 * visitor's messages fetched with `platform=mobile` (ETag revalidation; the last answer kept for
 * an offline start), changes heard over the stream or by polling, and on every `screen()` the
 * decision of what shows, without a round trip: page rules against the screen name, audience,
 * frequency (with what this app did, kept across restarts), one message per slot by priority.
 * Reports go through a durable queue, like the analytics calls.
 */
export function createInApp(core: CoreHooks, options: InAppOptions = {}): InApp {
  const { host, writeKey } = core.options;
  const anonymousInApp = core.options.anonymousInApp === true;
  const claimOf = (): VisitorClaim | undefined => {
    const { anonymousId, userId } = core.user();
    if (core.optedOut() || (!userId && !anonymousInApp)) return undefined;
    const claim: VisitorClaim = { writeKey, anonymousId };
    if (userId) {
      claim.userId = userId;
      if (core.options.userHash) claim.userHash = core.options.userHash;
      if (core.options.userToken) claim.userToken = core.options.userToken;
    }
    return claim;
  };
  const visitor = () => JSON.stringify(claimOf() ?? null);
  const seen = createSeen(core.storage, visitor);
  const listeners = new Set<() => void>();
  const showing = new Map<string, DeliveredMessage>();
  const places = new Map<string, number>();
  const triggers = createScreenTriggers(() => evaluate());
  let messages: DeliveredMessage[] = [];
  let screen: string | null = null;
  let etag: string | undefined;
  let pollInterval = 60;
  let streamUp = false;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let closeStream: (() => void) | null = null;
  let closed = false;
  const opener = options.stream === undefined ? reactNativeSse : options.stream;

  const reports = createReports(core.storage, host);

  const notify = () => {
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        warn('an in-app listener threw', error);
      }
    }
  };
  const send = (message: DeliveredMessage, type: InAppReportType, fields: ReportFields = {}) => {
    const claim = claimOf();
    if (!claim) return;
    const event: InAppEventInput = {
      id: uuid(),
      type,
      deliveryId: message.deliveryId,
      timestamp: new Date().toISOString(),
      ...(message.locale ? { locale: message.locale } : {}),
      ...fields,
    };
    void reports.push({ claim, event });
  };
  const emit = (type: string, message: DeliveredMessage, fields: ReportFields = {}) => {
    const detail: Record<string, string> = {
      deliveryId: message.deliveryId,
      messageId: message.id,
    };
    if (fields.actionName !== undefined) detail.actionName = fields.actionName;
    if (fields.actionValue !== undefined) detail.actionValue = fields.actionValue;
    if (fields.error !== undefined) detail.error = fields.error;
    core.emitter.emit(`in-app:message-${type}`, { type: `in-app:message-${type}`, detail });
  };

  /** Test sends shown here: a test is the tester's once, and leaves the message's state alone. */
  const testsDone = new Set<string>();
  const eligible = (message: DeliveredMessage) =>
    !message.inboxOnly &&
    audienceAllows(message.audience, !!core.user().userId) &&
    (message.test || (screen !== null && pageMatches(message.pageRules, screen))) &&
    (message.endAt === null || Date.now() < message.endAt) &&
    !seen.of(message).dismissed;

  function evaluate(): void {
    if (closed) return;
    const before = JSON.stringify([...showing].map(([slot, m]) => [slot, m.deliveryId]));
    for (const [slot, shown] of showing) {
      const current = messages.find((m) => m.id === shown.id);
      const { maxViews } = shown.frequency;
      // Its last allowed view is the one showing: it stays until it is done with.
      const usedUp = maxViews !== null && seen.of(shown).views >= maxViews;
      // A test send stays until the tester is done with it (opening it used it up on the server).
      const message = shown.test
        ? shown
        : current && !(current.inboxOnly && usedUp)
          ? current
          : usedUp
            ? shown
            : undefined;
      if (
        !claimOf() ||
        !message ||
        !eligible(message) ||
        (slot.startsWith('inline:') && !places.has(slot.slice(7)))
      ) {
        showing.delete(slot);
      }
    }
    const ids = new Set([...showing.values()].map((m) => m.id));
    if (claimOf()) {
      for (const message of [...messages].sort(byPriority)) {
        const slot = mobileSlot(message.steps[0]?.display ?? message.display);
        if (!slot || showing.has(slot) || ids.has(message.id) || !eligible(message)) continue;
        if (message.test && testsDone.has(message.deliveryId)) continue;
        if (slot.startsWith('inline:') && !places.has(slot.slice(7))) continue;
        if (!frequencyAllows(message.frequency, seen.of(message), Date.now())) continue;
        if (!message.test && !triggers.fired(message.trigger)) continue;
        if (message.heldOut) {
          // The holdout sees nothing; the server learns once that it would have.
          void reportHeldOut(message);
          continue;
        }
        showing.set(slot, message);
        ids.add(message.id);
      }
    }
    const after = JSON.stringify([...showing].map(([slot, m]) => [slot, m.deliveryId]));
    if (after !== before) notify();
  }
  const heldOut = new Set<string>();
  const reportHeldOut = async (message: DeliveredMessage) => {
    const key = `held-out:${message.id}`;
    if (heldOut.has(key) || (await core.storage.get<boolean>(key))) return;
    heldOut.add(key);
    await core.storage.set(key, true);
    send(message, 'held-out');
  };

  const schedule = () => {
    clearTimeout(pollTimer);
    if (closed || AppState.currentState === 'background') return;
    pollTimer = setTimeout(() => void refresh(), (streamUp ? 600 : pollInterval) * 1000);
  };
  let fetching: Promise<void> | undefined;
  let again = false;
  async function refresh(): Promise<void> {
    if (closed) return;
    if (fetching) {
      again = true;
      return fetching;
    }
    fetching = (async () => {
      await core.ready;
      const claim = claimOf();
      if (!claim) {
        messages = [];
        return;
      }
      const off = await core.storage.get<number>('inapp-off');
      if (off && Date.now() - off < OFF_REMEMBERED_MS) return;
      const params = new URLSearchParams({
        ...(claim as Record<string, string>),
        platform: 'mobile',
      });
      if (anonymousInApp) params.set('anonymousInApp', 'true');
      const locale = core.user().traits.locale;
      params.set(
        'locale',
        typeof locale === 'string' ? locale : Intl.DateTimeFormat().resolvedOptions().locale,
      );
      try {
        const response = await fetch(`${host}/v1/in-app/messages?${params}`, {
          headers: etag ? { 'if-none-match': etag } : {},
        });
        if (response.status === 304) return;
        if (!response.ok) return warn(`in-app messages answered ${response.status}`);
        const body = (await response.json()) as DeliveryResponse;
        // An answer for a visitor who has since logged in or out is stale.
        if (JSON.stringify(claim) !== visitor()) return;
        etag = response.headers.get('etag') ?? undefined;
        messages = body.messages;
        pollInterval = body.pollInterval || 60;
        await core.storage.set('inapp-answer', { v: visitor(), messages });
        if (body.enabled === false) await core.storage.set('inapp-off', Date.now());
      } catch (error) {
        warn('could not fetch in-app messages', error);
      }
    })().finally(() => {
      fetching = undefined;
      schedule();
      evaluate();
    });
    await fetching;
    if (again) {
      again = false;
      return refresh();
    }
  }

  const openStream = () => {
    closeStream?.();
    closeStream = null;
    streamUp = false;
    const claim = claimOf();
    if (!claim || !opener || closed) return;
    const params = new URLSearchParams(claim as Record<string, string>);
    if (anonymousInApp) params.set('anonymousInApp', 'true');
    closeStream = opener(`${host}/v1/in-app/stream?${params}`, {
      hello: () => {
        streamUp = true;
        schedule();
      },
      refresh: () => void refresh(),
      down: () => {
        streamUp = false;
        schedule();
      },
    });
  };

  let who = visitor();
  const identityChanged = () => {
    if (visitor() === who) return;
    who = visitor();
    etag = undefined;
    evaluate(); // At once: anonymous messages go as soon as the visitor is identified.
    openStream();
    void refresh();
  };
  const onScreen = (event: HeraldEvent) => {
    if (event.type !== 'screen') return;
    screen = event.name ?? null;
    triggers.reset();
    evaluate();
  };
  const onTrack = (event: HeraldEvent) => {
    if (event.type === 'track') triggers.tracked(event.event, event.properties ?? {});
  };
  core.emitter.on('screen', onScreen);
  core.emitter.on('track', onTrack);
  core.emitter.on('identify', identityChanged);
  core.emitter.on('reset', identityChanged);
  core.emitter.on('optOut', identityChanged);
  core.emitter.on('optIn', identityChanged);
  const appState = AppState.addEventListener('change', (state) => {
    if (state === 'active') {
      openStream();
      void refresh();
      void reports.flush(true);
    } else if (state === 'background') {
      closeStream?.();
      closeStream = null;
      clearTimeout(pollTimer);
      void reports.flush();
    }
  });

  void (async () => {
    await core.ready;
    await seen.load();
    await reports.restore();
    if (reports.size > 0) void reports.flush();
    // The last answer, for this visitor, until the server's comes (or when offline).
    const cached = await core.storage.get<{ v: string; messages: DeliveredMessage[] }>(
      'inapp-answer',
    );
    if (cached && cached.v === visitor() && messages.length === 0) messages = cached.messages;
    who = visitor();
    evaluate();
    openStream();
    await refresh();
  })().catch((error: unknown) => warn('in-app could not start', error));

  return {
    showing: () => showing,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    place(id) {
      places.set(id, (places.get(id) ?? 0) + 1);
      evaluate();
      return () => {
        const left = (places.get(id) ?? 1) - 1;
        if (left > 0) places.set(id, left);
        else places.delete(id);
        evaluate();
      };
    },
    report(message, type, fields = {}) {
      if (message.test && (type === 'opened' || type === 'dismissed')) {
        testsDone.add(message.deliveryId);
      } else if (type === 'opened') void seen.record(message, 'viewed');
      else if (type === 'dismissed') void seen.record(message, 'dismissed');
      if (type === 'dismissed') {
        for (const [slot, shown] of showing) if (shown.id === message.id) showing.delete(slot);
      }
      send(message, type, fields);
      emit(type, message, fields);
      if (type === 'dismissed') {
        notify();
        // The next in line takes the slot.
        evaluate();
      }
    },
    refresh,
    frameUrl: `${host}/sdk/frame.html#${encodeURIComponent(NATIVE_ORIGIN)}`,
    close() {
      closed = true;
      clearTimeout(pollTimer);
      closeStream?.();
      triggers.stop();
      reports.stop();
      appState.remove();
      for (const [type, fn] of [
        ['screen', onScreen],
        ['track', onTrack],
        ['identify', identityChanged],
        ['reset', identityChanged],
        ['optOut', identityChanged],
        ['optIn', identityChanged],
      ] as const) {
        core.emitter.off(type, fn as never);
      }
    },
  };
}

/**
 * The origin a native app stands for in the frame protocol: the frame accepts what is sent with
 * it, and sends back through the WebView's bridge (frame.ts).
 */
export const NATIVE_ORIGIN = 'app://herald';
