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
import { createInbox } from './inbox.js';
import { createReporter } from './report.js';
import { localState } from './state.js';
import { createTabs, type TabMessage } from './tabs.js';
import { createTriggers } from './triggers.js';
import { showMessage, type View } from './view.js';

/** How long a page remembers that the workspace has in-app messaging off, and asks nothing. */
const OFF_REMEMBERED_MS = 10 * 60_000;

/**
 * The in-app plugin: fetches the visitor's messages, hears about changes over one event stream
 * per browser (shared by its tabs), decides on every page() which messages to show without a
 * round trip (page rules, frequency, one per slot by priority, the rest queued), and shows them.
 *
 * The workspace's in-app switch is the source of truth (the seed's "enable it in your workspace
 * and we load the plugin"): without an "In-App" (or "Customer.io In-App Plugin") integration
 * setting, identified visitors get their messages whenever the switch is on, anonymous ones too
 * with `anonymousInApp`; the delivery answer says when the switch is off, and then this browser
 * asks nothing more for ten minutes. `"In-App": false` turns the plugin off; explicit settings
 * keep asking whatever the switch says (a site that set them up wants them as soon as it is on).
 */
export const inApp: Plugin = ({ writeKey, host, options, api, emitter, session }) => {
  const integrations = options.integrations ?? {};
  const raw = integrations['In-App'] ?? integrations['Customer.io In-App Plugin'];
  let messages: DeliveredMessage[] = [];
  /** Settles once the first answer is in, or when there is nothing to ask. */
  let answered = () => {};
  const first = new Promise<void>((resolve) => (answered = resolve));
  const { inbox, changed, reset } = createInbox({
    host,
    emitter,
    ready: () => first,
    messages: () => messages,
    report: (message, type) => {
      const claim = claimOf();
      if (claim) send(claim, message, { type });
    },
    show: (message, element, closed) => showInInbox(message, element, closed),
  });
  Object.assign(api, { inbox });
  if (raw === false) return answered();
  const settings: InAppSettings = raw && typeof raw === 'object' ? { ...raw } : {};
  if (options.anonymousInApp) settings.anonymousInApp = true;
  const store = localStore();
  const prefix = `herald:${writeKey}`;
  /** No explicit settings: the workspace switch decides, learnt from the delivery answer. */
  const switchDecides = !raw;
  const offKey = `${prefix}:in-app-off`;
  if (switchDecides && Date.now() - Number(store.get(offKey)) < OFF_REMEMBERED_MS)
    return answered();
  let off = false;

  const claimOf = (): VisitorClaim | undefined => {
    const { anonymousId, userId } = api.user();
    // Opted out, or in-app is off for the workspace: nothing is asked, shown or reported.
    if (!anonymousId || off) return undefined;
    // Only the identified are asked for, unless the site wants anonymous messages too.
    if (switchDecides && !userId && !settings.anonymousInApp) return undefined;
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
  /** A message's reports carry the language it was shown in, for the figures per language. */
  const send = (claim: VisitorClaim, message: DeliveredMessage, event: object) =>
    reporter.send(claim, {
      deliveryId: message.deliveryId,
      ...(message.locale ? { locale: message.locale } : {}),
      ...event,
    } as Parameters<typeof reporter.send>[1]);

  const local = localState(store, visitor);
  const reporter = createReporter(`${host}/v1/in-app/events`);
  const emit = inAppEmitter(settings, emitter);
  let target = location.href;
  /** On screen (or waiting for its element), by slot. */
  const views = new Map<string, View>();
  /** Slots whose message is being claimed from the other tabs. */
  const claiming = new Set<string>();
  /** Messages that failed on this page: not retried until the next page(). */
  const failed = new Set<string>();
  /** Test sends shown in this page: once each. */
  const testsShown = new Set<string>();

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
    if (!document.hidden && !off) {
      pollTimer = setTimeout(() => void refresh(), (streamPoll || pollInterval) * 1000);
    }
  };
  async function refresh(): Promise<void> {
    if (document.hidden) return clearTimeout(pollTimer);
    if (fetching) return void (again = true);
    const claim = claimOf();
    if (!claim) return answered();
    fetching = true;
    const params = query(claim);
    // Only the answer's content depends on it; the stream is the same in every language.
    params.set('locale', api.setLocale());
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
        if (switchDecides && body.enabled === false) {
          store.set(offKey, String(Date.now()));
          off = true;
          restartStream(); // Closes it: there is no visitor to stream for any more.
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
    answered();
    changed();
    evaluate();
  }

  const displayOf = (message: DeliveredMessage) => message.steps[0]?.display ?? message.display;
  /** Messages `showMessage()` asked for on this page: no page rules or trigger to wait for. */
  const forced = new Set<string>();
  /** `hideMessages()` until the next page. */
  let hidden = false;
  const triggers = createTriggers(emitter, () => evaluate());
  const eligible = (message: DeliveredMessage) =>
    !hidden &&
    !message.inboxOnly &&
    audienceAllows(message.audience, !!api.user().userId) &&
    (message.test || forced.has(message.id) || pageMatches(message.pageRules, target)) &&
    (message.endAt === null || Date.now() < message.endAt) &&
    !local.of(message).dismissed;

  function evaluate(): void {
    if (document.hidden || !claimOf()) return;
    for (const view of views.values()) {
      // Left out of the server's answer (or kept for the inbox only): paused, archived, or its
      // views used up. Only the last reason keeps it on screen: its last allowed view is this.
      const current = messages.find((m) => m.id === view.message.id);
      const { maxViews } = view.message.frequency;
      const usedUp = maxViews !== null && local.of(view.message).views >= maxViews;
      // A test send on screen stays until the tester is done with it: opening it used it up, so
      // the next answer has the message itself, or nothing, in its place.
      const message =
        view.message.test || (current?.inboxOnly && usedUp)
          ? view.message
          : (current ?? (usedUp ? view.message : undefined));
      // A new language (setLocale()) shows the message again, in it.
      if (!message || !eligible(message) || message.locale !== view.message.locale) view.remove();
    }
    const showing = new Set([...views.values()].map((view) => view.message.id));
    for (const message of [...messages].sort(byPriority)) {
      const slot = slotOf(displayOf(message));
      if (views.has(slot) || claiming.has(slot) || showing.has(message.id)) continue;
      if (failed.has(message.id) || tabs.elsewhere.has(message.id) || !eligible(message)) continue;
      if (message.test && testsShown.has(message.deliveryId)) continue;
      if (!frequencyAllows(message.frequency, local.of(message), Date.now())) continue;
      // Its moment (delay, scroll, exit intent, click, event) has not come yet.
      if (!message.test && !forced.has(message.id) && !triggers.fired(message.trigger)) continue;
      if (message.heldOut) {
        // The holdout sees nothing; the server learns once that it would have (its exposure).
        const mark = `${prefix}:held-out:${message.id}`;
        if (!store.get(mark)) send(claimOf()!, message, { type: 'held-out' });
        store.set(mark, '1');
        continue;
      }
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
        // A test send is the tester's once; the message's own state stays as it was.
        if (message.test) testsShown.add(message.deliveryId);
        else if (type === 'opened') local.viewed(message);
        else if (type === 'dismissed') local.dismissed(message);
        send(claim, message, { type, ...fields });
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

  /** An inbox item's message in the inbox's element: its openings and clicks count there. */
  function showInInbox(message: DeliveredMessage, element: HTMLElement, closed: () => void) {
    const claim = claimOf();
    const view = showMessage(
      {
        ...message,
        display: { type: 'inline' },
        steps: message.steps.map(({ name, html }) => ({ name, html })),
      },
      {
        frameUrl: frameUrl(host, location.origin),
        timeout: settings.selectorTimeout ?? 10_000,
        container: element,
        report(type, fields) {
          // Closing it in the inbox goes back to the list: it is no dismissal of the message.
          if (type === 'dismissed' || !claim) return;
          if (type !== 'opened' && type !== 'error') session.touch();
          send(claim, message, { type, ...fields, surface: 'inbox' });
          emit(type, message, fields);
        },
        ended: closed,
      },
    );
    return view.remove;
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
    reset();
    tabs.post({ t: 'identity' });
    restartStream();
    evaluate(); // At once: anonymous messages go as soon as the visitor is identified.
    // The identify call first, so that the server knows the traits messages are personalised with.
    void api.flush().then(refresh, refresh);
  };
  emitter.on('identify', identityChanged);
  emitter.on('locale', () => void refresh());
  emitter.on('reset', identityChanged);
  emitter.on('page', (event: HeraldEvent) => {
    const url = String(event.properties?.url ?? location.href);
    target = pageTarget({ name: event.name, url });
    failed.clear();
    forced.clear();
    hidden = false;
    triggers.reset();
    evaluate();
    // A new session (after 30 idle minutes, maybe in another tab) has its own per-session cap.
    if (session.startedAt() !== asked) void refresh();
  });
  document.addEventListener('visibilitychange', () => void refresh());
  addEventListener('pagehide', () => {
    for (const view of views.values()) tabs.post({ t: 'hidden', id: view.message.id });
  });

  Object.assign(api, {
    /** Shows an eligible message now, whatever its page rules and trigger say. */
    showMessage(id: unknown) {
      hidden = false;
      forced.add(String(id));
      evaluate();
      return messages.some((message) => message.id === id);
    },
    /** Takes every message off the screen until the next page. */
    hideMessages() {
      hidden = true;
      evaluate();
    },
  });

  tabs.post({ t: 'who' });
  tabs.lead(openStream);
  void refresh();
  const launcher = options.inbox?.launcher;
  if (launcher) {
    const o = launcher === true ? {} : launcher;
    void inbox.mount(o.target, o);
  }
};
