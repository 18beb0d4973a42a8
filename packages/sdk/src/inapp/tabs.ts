import type { Store } from '../core/storage.js';

/**
 * What the tabs of one browser tell each other, over a BroadcastChannel:
 * `showing`/`hidden`/`dismissed` <messageId> (so that a message is on screen in one tab at a
 * time, and a dismissal removes it everywhere), `who` (a new tab asks what is showing),
 * `refresh`/`hello`/`down` (relayed from the tab that holds the event stream), and `identity`
 * (the visitor logged in or out: the stream must reconnect).
 */
export type TabMessage =
  | { t: 'showing' | 'hidden' | 'dismissed'; id: string }
  | { t: 'who' | 'refresh' | 'down' | 'identity' }
  | { t: 'hello'; p: number };

export interface Tabs {
  post(message: TabMessage): void;
  /** Messages on screen in another tab right now. */
  elsewhere: Set<string>;
  /**
   * Takes the right to show message `id` in this tab; answers the function that gives it back,
   * or null when another tab has it. A Web Lock makes this atomic, and a tab that closes loses
   * its locks on its own; without locks, what other tabs said they show decides.
   */
  hold(id: string): Promise<(() => void) | null>;
  /**
   * Runs `start` in one tab of the browser at a time (the leader) while this tab is visible;
   * `start` answers how to stop. A Web Lock elects the leader; without locks, a heartbeat in
   * localStorage does.
   */
  lead(start: () => () => void): void;
}

interface Locks {
  request(name: string, options: object, callback: (lock: unknown) => unknown): Promise<unknown>;
}

export function createTabs(
  prefix: string,
  store: Store,
  receive: (message: TabMessage) => void,
): Tabs {
  const elsewhere = new Set<string>();
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel(prefix);
    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      const message = event.data;
      if (message.t === 'showing') elsewhere.add(message.id);
      if (message.t === 'hidden' || message.t === 'dismissed') elsewhere.delete(message.id);
      receive(message);
    };
  } catch {
    // No BroadcastChannel: each tab on its own.
  }
  const locks = (navigator as { locks?: Locks }).locks;

  const hold = (id: string) =>
    new Promise<(() => void) | null>((resolve) => {
      if (!locks) return resolve(elsewhere.has(id) ? null : () => {});
      locks
        .request(`${prefix}:msg:${id}`, { ifAvailable: true }, (lock) =>
          lock ? new Promise<void>((release) => resolve(release)) : resolve(null),
        )
        .catch(() => resolve(() => {}));
    });

  const lead = (start: () => () => void) => {
    let stop: (() => void) | undefined;
    let abort: AbortController | undefined;
    const tab = Math.random().toString(36).slice(2);
    const key = `${prefix}:leader`;
    const resign = () => {
      abort?.abort();
      stop?.();
      stop = undefined;
    };
    const begin = () => {
      if (stop) return;
      const end = start();
      stop = () => end();
    };
    const elect = () => {
      if (document.hidden) return resign();
      if (locks) {
        if (stop || abort?.signal.aborted === false) return;
        abort = new AbortController();
        locks
          .request(
            key,
            { signal: abort.signal },
            () =>
              new Promise<void>((release) => {
                begin();
                const end = stop!;
                stop = () => {
                  end();
                  abort = undefined;
                  release();
                };
              }),
          )
          .catch(() => {});
        return;
      }
      // Heartbeat: the leader writes "<tab> <time>" every few seconds; a silent one is replaced.
      const [holder, at] = (store.get(key) ?? '').split(' ');
      if (!holder || holder === tab || Date.now() - Number(at) > 10_000) {
        store.set(key, `${tab} ${Date.now()}`);
        begin();
      } else if (stop) resign();
    };
    document.addEventListener('visibilitychange', elect);
    if (!locks) setInterval(elect, 4000);
    elect();
  };

  return {
    elsewhere,
    hold,
    lead,
    post(message) {
      try {
        channel?.postMessage(message);
      } catch {
        // A closed channel (the page is going away): nothing to tell.
      }
    },
  };
}
