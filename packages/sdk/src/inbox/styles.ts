import type { InboxLauncherOptions } from '../core/types.js';

type Corner = NonNullable<InboxLauncherOptions['position']>;

/** Colours a site may pass as `accent`; anything else keeps the default (no CSS from options). */
const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|hsl)a?\([\d.,%\s]+\))$/i;

/**
 * The launcher's stylesheet, inside its shadow root. Custom properties set on `herald-inbox` in
 * the page's CSS reach in (they inherit through the shadow boundary), so a site themes it there.
 * In a corner it floats over the page; mounted into an element it sits in the flow.
 */
export function launcherStyles(corner: Corner | null, accent: string | undefined): string {
  const [vertical = 'bottom', horizontal = 'right'] = (corner ?? '').split('-');
  const fallback = accent && COLOUR.test(accent) ? accent : '#4f46e5';
  const place = corner
    ? `:host{position:fixed;${vertical}:20px;${horizontal}:20px;z-index:2147482000}
.panel{${vertical}:56px}`
    : `:host{position:relative;display:inline-block}.panel{top:calc(100% + 8px)}`;
  return `:host{all:initial;font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;
--accent:var(--herald-inbox-accent,${fallback});--bg:var(--herald-inbox-background,#fff);
--fg:var(--herald-inbox-text,#111827);color:var(--fg)}
${place}
.panel{${horizontal}:0}
button{font:inherit;color:inherit;cursor:pointer}
button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.bell{position:relative;width:44px;height:44px;border-radius:50%;border:0;background:var(--bg);
box-shadow:0 4px 16px rgba(0,0,0,.18);display:grid;place-items:center}
.badge{position:absolute;top:-2px;right:-2px;min-width:18px;height:18px;padding:0 5px;
box-sizing:border-box;border-radius:9px;background:var(--accent);color:#fff;font-size:11px;
line-height:18px;font-weight:600;text-align:center}
.badge[hidden],[hidden]{display:none!important}
.panel{position:absolute;width:min(360px,calc(100vw - 40px));max-height:min(520px,calc(100vh - 100px));
overflow:auto;background:var(--bg);border-radius:12px;box-shadow:0 12px 40px rgba(0,0,0,.25)}
header{display:flex;align-items:center;gap:8px;padding:12px 14px;border-bottom:1px solid rgba(0,0,0,.08)}
h2{flex:1;margin:0;font-size:15px}
.all,.back{border:0;background:none;color:var(--accent);padding:4px}
.all:disabled{opacity:.45;cursor:default}
.close{border:0;background:none;font-size:20px;line-height:1;padding:0 4px}
.list{list-style:none;margin:0;padding:0}
li{display:flex;border-bottom:1px solid rgba(0,0,0,.06)}
.item{flex:1;display:flex;flex-direction:column;align-items:flex-start;gap:2px;border:0;
background:none;padding:10px 14px;text-align:left}
.unread .title{font-weight:600}
.unread .item::before{content:"";width:8px;height:8px;border-radius:50%;background:var(--accent);
margin:6px 0 -14px -10px}
time{font-size:12px;opacity:.65}
.archive{border:0;background:none;padding:0 12px;opacity:.5}
.archive:hover,.archive:focus-visible{opacity:1}
.empty{margin:0;padding:24px 14px;text-align:center;opacity:.65}
.detail{padding:8px 10px 12px}
.content{margin-top:6px}`;
}
