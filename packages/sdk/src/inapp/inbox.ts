import type { DeliveredMessage, InAppReportType } from '@herald/protocol';
import type { Emitter } from '../core/emitter.js';
import type { InboxLauncherOptions } from '../core/types.js';
import { warn } from '../core/log.js';

/** One item of the visitor's inbox, newest first in `list()`. */
export interface InboxItem {
  /** The message's id: what markRead, archive and open take. */
  id: string;
  topic: string | null;
  /** The message's inbox title, or else the first heading (or words) of its content. */
  title: string;
  read: boolean;
  /** ISO 8601: when it arrived in the inbox. */
  receivedAt: string;
  expiresAt: string | null;
}

export interface InboxFilter {
  topic?: string;
}

/** `herald.inbox`: every method answers a promise and never throws into the page. */
export interface Inbox {
  list(filter?: InboxFilter): Promise<InboxItem[]>;
  unreadCount(filter?: InboxFilter): Promise<number>;
  markRead(id: string): Promise<void>;
  markAllRead(filter?: InboxFilter): Promise<void>;
  archive(id: string): Promise<void>;
  /**
   * Shows an item's message inside `element`, in the same sandboxed frame as on the page (for a
   * site's own inbox UI); `closed` is called when the visitor closes it. Answers how to close it.
   */
  open(id: string, element: HTMLElement, closed?: () => void): () => void;
  /** Loads the built-in launcher (a bell with a badge and a panel), into `element` or the corner. */
  mount(element?: HTMLElement | string | null, options?: InboxLauncherOptions): Promise<void>;
}

/** `herald.on('inbox:changed', fn)` receives this whenever the items or their read state change. */
export interface InboxChange {
  unread: number;
  items: InboxItem[];
}

export interface InboxDeps {
  host: string;
  emitter: Emitter;
  /** Resolves once the first answer has come (or there is none to wait for). */
  ready: () => Promise<unknown>;
  messages: () => DeliveredMessage[];
  report(message: DeliveredMessage, type: InAppReportType): void;
  /** Shows `message` in `element` for the inbox; answers how to take it away. */
  show(message: DeliveredMessage, element: HTMLElement, closed: () => void): () => void;
}

/**
 * The inbox's API over the delivery answer: the server keeps what is read and archived (so
 * every tab and device agrees, and the stream brings their changes here); what this page did
 * counts at once, until the next answer has it too.
 */
export function createInbox(deps: InboxDeps) {
  let read = new Set<string>();
  let archived = new Set<string>();
  let last = '';
  const titles = new Map<string, string>();

  const items = (filter?: InboxFilter): InboxItem[] =>
    deps
      .messages()
      .filter(
        (m) =>
          m.inbox &&
          m.steps.length > 0 &&
          !archived.has(m.id) &&
          (m.inbox.expiresAt === null || Date.now() < m.inbox.expiresAt) &&
          (!filter?.topic || m.inbox.topic === filter.topic),
      )
      .map((m) => {
        const { topic, title, at, readAt, expiresAt } = m.inbox!;
        return {
          id: m.id,
          topic,
          title: title || titleOf(titles, m),
          read: readAt !== null || read.has(m.id),
          receivedAt: new Date(at).toISOString(),
          expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
        };
      })
      .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  const unread = (filter?: InboxFilter) => items(filter).filter((item) => !item.read);

  /** Tells listeners when what the inbox shows has changed. */
  const changed = () => {
    const now = items();
    const key = JSON.stringify(now.map((item) => [item.id, item.read]));
    if (key === last) return;
    last = key;
    deps.emitter.emit('inbox:changed', {
      unread: now.filter((item) => !item.read).length,
      items: now,
    } satisfies InboxChange);
  };
  const mark = (ids: string[], type: 'read' | 'archived') => {
    for (const id of ids) {
      const message = deps.messages().find((m) => m.id === id && m.inbox);
      if (!message) continue;
      read.add(id);
      if (type === 'archived') archived.add(id);
      deps.report(message, type);
    }
    changed();
  };
  const after =
    <A extends unknown[], R>(fn: (...args: A) => R, fallback: R) =>
    async (...args: A): Promise<R> => {
      try {
        await deps.ready();
        return fn(...args);
      } catch (error) {
        warn('inbox', error);
        return fallback;
      }
    };

  const inbox: Inbox = {
    list: after((filter?: InboxFilter) => items(filter), []),
    unreadCount: after((filter?: InboxFilter) => unread(filter).length, 0),
    markRead: after((id: string) => mark([String(id)], 'read'), undefined),
    markAllRead: after(
      (filter?: InboxFilter) =>
        mark(
          unread(filter).map((item) => item.id),
          'read',
        ),
      undefined,
    ),
    archive: after((id: string) => mark([String(id)], 'archived'), undefined),
    open(id, element, closed = () => {}) {
      const message = deps.messages().find((m) => m.id === id && m.inbox);
      if (!message || !(element instanceof HTMLElement)) return () => {};
      read.add(id);
      changed();
      return deps.show(message, element, closed);
    },
    async mount(element, options = {}) {
      try {
        const target = typeof element === 'string' ? document.querySelector(element) : element;
        const launcher = (await import(`${deps.host}/sdk/inbox.js`)) as {
          mount(inbox: Inbox, on: Emitter, target: Element | null, o: InboxLauncherOptions): void;
        };
        launcher.mount(inbox, deps.emitter, target ?? null, options);
      } catch (error) {
        warn('could not load the inbox launcher', error);
      }
    },
  };
  return {
    inbox,
    changed,
    /** A new visitor (login, logout): what this page marked was theirs. */
    reset() {
      read = new Set();
      archived = new Set();
      changed();
    },
  };
}

/** The first heading of the message's first step, or its first words; parsed inert, never run. */
function titleOf(cache: Map<string, string>, message: DeliveredMessage): string {
  const key = `${message.id}@${message.version}`;
  let title = cache.get(key);
  if (title === undefined) {
    const page = new DOMParser().parseFromString(message.steps[0]?.html ?? '', 'text/html');
    const text = (page.querySelector('h1,h2,h3,h4,strong') ?? page.body)?.textContent ?? '';
    title = text.replace(/\s+/g, ' ').trim().slice(0, 120);
    cache.set(key, title);
  }
  return title;
}
