import type { Emitter } from '../core/emitter.js';
import type { InboxLauncherOptions } from '../core/types.js';
import type { Inbox, InboxChange, InboxItem } from '../inapp/inbox.js';
import { launcherStyles } from './styles.js';

/**
 * The inbox's built-in launcher, loaded on demand from /sdk/inbox.js (never part of herald.js):
 * a bell with an unread badge that opens a panel listing the items, newest first; an item opens
 * in the same sandboxed frame messages use on the page. It lives in a shadow root, so the page's
 * CSS neither breaks it nor is touched by it; it is themed through CSS custom properties
 * (`--herald-inbox-accent`, `--herald-inbox-background`, `--herald-inbox-text`) or `accent`.
 *
 * Keyboard: the bell is a button (Enter/Space); in the panel, Arrow keys move between items,
 * Escape goes back from an item and then closes the panel, giving focus back to the bell.
 *
 * @example
 * herald.inbox.mount('#account-menu', { label: 'Updates' });
 */
export function mount(
  inbox: Inbox,
  events: Emitter,
  target: Element | null,
  options: InboxLauncherOptions,
): void {
  const label = options.label || 'Inbox';
  const host = document.createElement('herald-inbox');
  // Open, unlike a message's: it holds nothing herald.inbox.list() does not give the page anyway,
  // and a site's own tests can reach it.
  const root = host.attachShadow({ mode: 'open' });
  const corner = target ? null : (options.position ?? 'bottom-right');
  root.innerHTML = `<style>${launcherStyles(corner, options.accent)}</style>
<button class="bell" type="button" aria-haspopup="dialog" aria-expanded="false">
  <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/></svg>
  <span class="badge" hidden></span>
</button>
<div class="panel" role="dialog" hidden>
  <header><h2></h2><button class="all" type="button">Mark all as read</button><button class="close" type="button" aria-label="Close">&times;</button></header>
  <ul class="list"></ul>
  <p class="empty" hidden>Nothing here yet.</p>
  <div class="detail" hidden><button class="back" type="button">&larr; Back</button><div class="content"></div></div>
</div>`;
  const $ = <E extends Element>(selector: string) => root.querySelector(selector) as E;
  const bell = $<HTMLButtonElement>('.bell');
  const badge = $<HTMLElement>('.badge');
  const panel = $<HTMLElement>('.panel');
  const list = $<HTMLUListElement>('.list');
  const empty = $<HTMLElement>('.empty');
  const detail = $<HTMLElement>('.detail');
  const content = $<HTMLElement>('.content');
  const markAll = $<HTMLButtonElement>('.all');
  $<HTMLElement>('h2').textContent = label;
  panel.setAttribute('aria-label', label);

  let items: InboxItem[] = [];
  let closeItem: (() => void) | undefined;
  const mine = (all: InboxItem[]) =>
    options.topic ? all.filter((item) => item.topic === options.topic) : all;
  const time = relativeTime();

  const render = () => {
    const unread = items.filter((item) => !item.read).length;
    badge.hidden = unread === 0;
    badge.textContent = unread > 99 ? '99+' : String(unread);
    bell.setAttribute('aria-label', unread ? `${label}, ${unread} unread` : label);
    markAll.disabled = unread === 0;
    empty.hidden = items.length > 0;
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement('li');
        li.className = item.read ? 'read' : 'unread';
        const open = document.createElement('button');
        open.type = 'button';
        open.className = 'item';
        open.dataset.id = item.id;
        open.setAttribute('aria-label', `${item.title}${item.read ? '' : ', unread'}`);
        const title = document.createElement('span');
        title.className = 'title';
        title.textContent = item.title;
        const when = document.createElement('time');
        when.dateTime = item.receivedAt;
        when.textContent = time(item.receivedAt);
        open.append(title, when);
        open.onclick = () => show(item);
        const archive = document.createElement('button');
        archive.type = 'button';
        archive.className = 'archive';
        archive.textContent = '×';
        archive.setAttribute('aria-label', `Archive ${item.title}`);
        archive.onclick = () => void inbox.archive(item.id);
        li.append(open, archive);
        return li;
      }),
    );
  };
  const show = (item: InboxItem) => {
    list.hidden = empty.hidden = true;
    detail.hidden = false;
    closeItem = inbox.open(item.id, content, back);
    $<HTMLElement>('.back').focus();
  };
  function back() {
    const close = closeItem;
    closeItem = undefined;
    close?.();
    content.replaceChildren();
    detail.hidden = true;
    list.hidden = false;
    render();
    (list.querySelector<HTMLElement>('.item') ?? markAll).focus();
  }
  const toggle = (open: boolean) => {
    if (!open && closeItem) back();
    panel.hidden = !open;
    bell.setAttribute('aria-expanded', String(open));
    if (open) (list.querySelector<HTMLElement>('.item') ?? markAll).focus();
    else bell.focus();
  };

  bell.onclick = () => toggle(panel.hidden);
  $<HTMLElement>('.close').onclick = () => toggle(false);
  $<HTMLElement>('.back').onclick = back;
  markAll.onclick = () => void inbox.markAllRead(options.topic ? { topic: options.topic } : {});
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (closeItem) back();
      else toggle(false);
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const buttons = Array.from(list.querySelectorAll<HTMLElement>('.item'));
      const at = buttons.indexOf(root.activeElement as HTMLElement);
      const next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    }
  });
  // A click elsewhere on the page closes the panel.
  document.addEventListener('click', (event) => {
    if (!panel.hidden && !event.composedPath().includes(host)) toggle(false);
  });

  events.on('inbox:changed', (change: InboxChange) => {
    items = mine(change.items);
    if (!closeItem) render();
  });
  (target ?? document.body).appendChild(host);
  void inbox.list().then((all) => {
    items = mine(all);
    render();
  });
}

/** "3 min ago", "yesterday"… in the page's language. */
function relativeTime(): (iso: string) => string {
  const format = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, {
    numeric: 'auto',
  });
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 4.35],
    ['month', 12],
    ['year', Infinity],
  ];
  return (iso) => {
    let value = (Date.parse(iso) - Date.now()) / 60_000;
    for (const [unit, size] of steps) {
      if (Math.abs(value) < size) return format.format(Math.round(value), unit);
      value /= size;
    }
    return '';
  };
}
