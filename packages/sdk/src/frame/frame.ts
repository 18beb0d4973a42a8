/**
 * The script of /sdk/frame.html: the document a message is shown in, inside an iframe sandboxed
 * without allow-same-origin (an opaque origin: it can read neither the host page's DOM nor its
 * cookies, nor Herald's). It renders the step HTML it is sent, runs the message's own scripts,
 * turns link clicks into requests to the SDK, and reports its size so the SDK can fit the iframe.
 */
import type { FromFrame, ToFrame } from './protocol.js';

const parentOrigin = decodeURIComponent(location.hash.slice(1));
/**
 * In an app (the React Native SDK's WebView) there is no parent window: the app talks to the
 * frame through the WebView's bridge, in the same messages, and says `app://herald` as origin.
 */
const bridge = (window as { ReactNativeWebView?: { postMessage(message: string): void } })
  .ReactNativeWebView;
const send = (message: FromFrame) =>
  bridge
    ? bridge.postMessage(JSON.stringify(message))
    : parent.postMessage(message, parentOrigin || '*');
let trap = false;

const base = document.createElement('style');
// The frame's own CSP allows inline styles: messages bring theirs, and this is the baseline.
base.textContent =
  'html,body{margin:0;padding:0;background:transparent}' +
  'body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;display:flow-root}';
document.head.appendChild(base);

function render(html: string): void {
  document.body.innerHTML = html;
  // innerHTML never runs scripts: recreate each so that the message's own code runs, in order of
  // appearance (external ones keep their place only as far as the browser loads them in order).
  for (const old of Array.from(document.body.querySelectorAll('script'))) {
    const script = document.createElement('script');
    for (const attribute of Array.from(old.attributes)) {
      script.setAttribute(attribute.name, attribute.value);
    }
    script.text = old.text;
    old.replaceWith(script);
  }
  const first = focusable()[0];
  if (trap && first) first.focus();
}

const focusable = () =>
  Array.from(
    document.querySelectorAll<HTMLElement>(
      'a[href],button,input,select,textarea,[tabindex]:not([tabindex="-1"])',
    ),
  ).filter((element) => !(element as HTMLButtonElement).disabled);

addEventListener('message', (event: MessageEvent<ToFrame>) => {
  // Only our parent (in an app: the app, which sends from no window), from the origin our URL
  // names, may tell us what to show.
  if (event.source !== (bridge ? null : parent)) return;
  if (parentOrigin && event.origin !== parentOrigin) return;
  const data = event.data;
  if (data && data.h === 'render' && typeof data.html === 'string') {
    trap = !!data.trap;
    render(data.html);
  }
});

addEventListener('error', (event) => send({ h: 'err', m: String(event.message) }));

document.addEventListener(
  'click',
  (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    if (!link) return;
    event.preventDefault();
    send({ h: 'go', u: link.getAttribute('href') ?? '', t: link.getAttribute('target') ?? '' });
  },
  true,
);

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') send({ h: 'esc' });
  if (event.key !== 'Tab' || !trap) return;
  // A modal keeps focus inside: Tab past the last element wraps to the first, and back.
  const items = focusable();
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return event.preventDefault();
  if (event.shiftKey && document.activeElement === first) {
    last.focus();
    event.preventDefault();
  } else if (!event.shiftKey && document.activeElement === last) {
    first.focus();
    event.preventDefault();
  }
});

const label = () =>
  (document.querySelector('h1,h2,h3')?.textContent || document.title || '').trim().slice(0, 200);
// <html> is as tall as its content (the viewport is not): watch it to fit the iframe.
new ResizeObserver(() =>
  send({
    h: 'size',
    y: Math.ceil(document.documentElement.getBoundingClientRect().height),
    l: label(),
  }),
).observe(document.documentElement);

send({ h: 'ready' });
