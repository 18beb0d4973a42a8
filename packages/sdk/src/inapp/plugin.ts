import {
  audienceAllows,
  byPriority,
  type DeliveredMessage,
  type DeliveryResponse,
  frequencyAllows,
  pageMatches,
  pageTarget,
  slotOf,
  type VisitorClaim,
} from '@herald/protocol';
import { warn } from '../core/log.js';
import type { Plugin } from '../core/plugin.js';
import type { HeraldEvent } from '../core/types.js';
import { localStore } from '../core/storage.js';
import { frameUrl } from '../frame/protocol.js';
import { emitter as inAppEmitter, type InAppSettings } from './events.js';
import { createReporter } from './report.js';
import { localState } from './state.js';
import { createTabs, type TabMessage } from './tabs.js';
import { showMessage, type View } from './view.js';

/**
 * The in-app plugin: fetches the visitor's messages, hears about changes over one event stream
 * per browser (shared by its tabs), decides on every page() which messages to show without a
 * round trip (page rules, frequency, one per slot by priority, the rest queued), and shows them.
 * On with the "In-App" (or "Customer.io In-App Plugin") integration settings of load().
 */
export const inApp: Plugin = ({ writeKey, host, options, api, emitter, session }) => {
  const integrations = options.integrations ?? {};
  const raw = integrations['In-App'] ?? integrations['Customer.io In-App Plugin'];
  if (!raw) return;
  const settings: InAppSettings = typeof raw === 'object' ? { ...(raw as InAppSettings) } : {};
  const store = localStore();
  const prefix = `herald:${writeKey}`;

  const claimOf = (): VisitorClaim | undefined => {
    const { anonymousId, userId } = api.user();
    if (!anonymousId) return undefined; // Opted out: nothing is asked, shown or reported.
    const claim: VisitorClaim = { writeKey, anonymousId };
    if (userId) {
      claim.userId = userId;
      if (settings.userHash) claim.userHash = settings.userHash;
      if (settings.userToken) claim.userToken = settings.userToken;
    }
    return claim;
  };
  const visitor = () => JSON.stringify(claimOf() ?? null);
  const query = (claim: VisitorClaim) => {
    const params = new URLSearchParams(claim as Record<string, string>);
    if (settings.anonymousInApp) params.set('anonymousInApp', 'true');
    return params;
  };

  const local = localState(store, visitor);
  const reporter = createReporter(`${host}/v1/in-app/events`);
  const emit = inAppEmitter(settings, emitter);
  let messages: DeliveredMessage[] = [];
  let target = location.href;
  /** On screen (or waiting for its element), by slot. */
  const views = new Map<string, View>();
  /** Slots whose message is being claimed from the other tabs. */
  const claiming = new Set<string>();
  /** Messages that failed on this page: not retried until the next page(). */
  const failed = new Set<string>();

  // Polling: every `pollInterval` seconds, or only as a safety net while a stream is up.
  let pollInterval = 60;
  let streamPoll = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let fetching = false;
  let again = false;
  /** The session start of the last request for messages: the per-session cap counts from it. */
  let asked: number | undefined;
  const schedule = () => {
    clearTimeout(pollTimer);
    if (!document.hidden) {
      pollTimer = setTimeout(() => void refresh(), (streamPoll || pollInterval) * 1000);
    }
  };
  async function refresh(): Promise<void> {
    if (document.hidden) return clearTimeout(pollTimer);
    if (fetching) return void (again = true);
    const claim = claimOf();
    if (!claim) return;
    fetching = true;
    const params = query(claim);
    asked = session.startedAt();
    if (asked) params.set('sessionStartedAt', String(asked));
    try {
      // The browser's HTTP cache revalidates with the ETag; no custom header, so no preflight.
      const response = await fetch(`${host}/v1/in-app/messages?${params}`, {
        credentials: 'omit',
      });
      if (response.ok) {
        const body = (await response.json()) as DeliveryResponse;
        // An answer for a visitor who has since logged in or out is stale.
        if (JSON.stringify(claim) === visitor()) {
          messages = body.messages;
          pollInterval = body.pollInterval || 60;
        }
      }
    } catch (error) {
      warn('could not fetch in-app messages', error);
    } finally {
      fetching = false;
      schedule();
    }
    if (again) {
      again = false;
      return refresh();
    }
    evaluate();
  }

  const displayOf = (message: DeliveredMessage) => message.steps[0]?.display ?? message.display;
  const eligible = (message: DeliveredMessage) =>
    audienceAllows(message.audience, !!api.user().userId) &&
    (message.test || pageMatches(message.pageRules, target)) &&
    (message.endAt === null || Date.now() < message.endAt) &&
    !local.of(message).dismissed;

  function evaluate(): void {
    if (document.hidden || !claimOf()) return;
    for (const view of views.values()) {
      // Left out of the server's answer: paused, archived, or its views used up. Only the last
      // reason keeps it on screen, since its last allowed view is the one showing now.
      const current = messages.find((m) => m.id === view.message.id);
      const { maxViews } = view.message.frequency;
      const usedUp = maxViews !== null && local.of(view.message).views >= maxViews;
      const message = current ?? (usedUp ? view.message : undefined);
      if (!message || !eligible(message)) view.remove();
    }
    const showing = new Set([...views.values()].map((view) => view.message.id));
    for (const message of [...messages].sort(byPriority)) {
      const slot = slotOf(displayOf(message));
      if (views.has(slot) || claiming.has(slot) || showing.has(message.id)) continue;
      if (failed.has(message.id) || tabs.elsewhere.has(message.id) || !eligible(message)) continue;
      if (!frequencyAllows(message.frequency, local.of(message), Date.now())) continue;
      void show(message, slot);
    }
  }

  async function show(message: DeliveredMessage, slot: string): Promise<void> {
    claiming.add(slot);
    const release = await tabs.hold(message.id);
    claiming.delete(slot);
    if (!release) {
      // Another tab holds it, or the page this one replaced (a reload) has not let go of its
      // lock yet: look again shortly rather than give the message up for this page.
      setTimeout(evaluate, 1000);
      return;
    }
    if (views.has(slot) || !eligible(message) || document.hidden) {
      release();
      return evaluate();
    }
    const claim = claimOf()!;
    const view = showMessage(message, {
      frameUrl: frameUrl(host, location.origin),
      timeout: settings.selectorTimeout ?? 10_000,
      report(type, fields) {
        // What the visitor does with a message is activity; showing it is not.
        if (type !== 'opened' && type !== 'error') session.touch();
        if (type === 'opened') local.viewed(message);
        if (type === 'dismissed') local.dismissed(message);
        reporter.send(claim, { type, deliveryId: message.deliveryId, ...fields });
        emit(type, message, fields);
      },
      ended(how) {
        if (views.get(slot) === view) views.delete(slot);
        release();
        if (how === 'failed') failed.add(message.id);
        tabs.post({ t: how === 'dismissed' ? 'dismissed' : 'hidden', id: message.id });
        // After the current evaluation, if one is running: the next in the queue takes the slot.
        queueMicrotask(evaluate);
      },
    });
    views.set(slot, view);
    tabs.post({ t: 'showing', id: message.id });
  }

  const receive = (message: TabMessage) => {
    if (message.t === 'dismissed') {
      for (const view of views.values()) if (view.message.id === message.id) view.remove();
    }
    if (message.t === 'who') {
      for (const view of views.values()) tabs.post({ t: 'showing', id: view.message.id });
    }
    if (message.t === 'hello' || message.t === 'down') {
      streamPoll = message.t === 'hello' ? message.p : 0;
      schedule();
    }
    if (message.t === 'identity') restartStream();
    if (message.t === 'refresh' || message.t === 'identity') void refresh();
    if (message.t === 'hidden') evaluate();
  };
  const tabs = createTabs(prefix, store, receive);

  // The event stream, held by one tab (the leader) that relays its hints to the others.
  let restartStream = () => {};
  const openStream = () => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const relay = (message: TabMessage) => {
      tabs.post(message);
      receive(message);
    };
    const close = () => {
      clearTimeout(retry);
      source?.close();
      source = undefined;
    };
    const open = () => {
      close();
      const claim = claimOf();
      if (!claim || typeof EventSource === 'undefined') return;
      const stream = (source = new EventSource(`${host}/v1/in-app/stream?${query(claim)}`));
      stream.addEventListener('hello', (event) => {
        const { pollInterval: p } = JSON.parse((event as MessageEvent<string>).data) as {
          pollInterval: number;
        };
        relay({ t: 'hello', p });
        // Hints may have been missed while disconnected: a revalidation costs a 304 at most.
        relay({ t: 'refresh' });
      });
      stream.addEventListener('refresh', () => relay({ t: 'refresh' }));
      stream.addEventListener('reconnect', () => {
        close();
        retry = setTimeout(open, 500 + Math.random() * 2000);
      });
      stream.onerror = () => {
        relay({ t: 'down' });
        // A refused stream is not retried by the browser: try again later, polling meanwhile.
        if (stream.readyState === 2) retry = setTimeout(open, pollInterval * 1000);
      };
    };
    restartStream = open;
    open();
    return () => {
      close();
      restartStream = () => {};
      relay({ t: 'down' });
    };
  };

  let who = visitor();
  const identityChanged = (event?: HeraldEvent) => {
    const fromCall = event?.integrations?.['In-App'] as InAppSettings | undefined;
    if (fromCall?.userHash) settings.userHash = fromCall.userHash;
    if (fromCall?.userToken) settings.userToken = fromCall.userToken;
    if (visitor() === who) return;
    who = visitor();
    tabs.post({ t: 'identity' });
    restartStream();
    evaluate(); // At once: anonymous messages go as soon as the visitor is identified.
    // The identify call first, so that the server knows the traits messages are personalised with.
    void api.flush().then(refresh, refresh);
  };
  emitter.on('identify', identityChanged);
  emitter.on('reset', identityChanged);
  emitter.on('page', (event: HeraldEvent) => {
    const url = String(event.properties?.url ?? location.href);
    target = pageTarget({ name: event.name, url });
    failed.clear();
    evaluate();
    // A new session (after 30 idle minutes, maybe in another tab) has its own per-session cap.
    if (session.startedAt() !== asked) void refresh();
  });
  document.addEventListener('visibilitychange', () => void refresh());
  addEventListener('pagehide', () => {
    for (const view of views.values()) tabs.post({ t: 'hidden', id: view.message.id });
  });

  tabs.post({ t: 'who' });
  tabs.lead(openStream);
  void refresh();
};
