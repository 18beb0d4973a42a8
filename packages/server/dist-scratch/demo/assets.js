/**
 * The demo site's script and stylesheet, served as files (/demo/demo.js, /demo/demo.css) so the
 * pages carry no inline code and are served with a strict Content-Security-Policy, as we tell
 * our users they can.
 */
/** Loads Herald with the In-App plugin, logs its events on the page, and runs the SPA section. */
export const DEMO_JS = `(function () {
  var script = document.currentScript;
  var key = script && script.getAttribute('data-write-key');
  var log = document.getElementById('demo-log');
  function note(text) {
    if (!log) return;
    var line = document.createElement('li');
    line.textContent = new Date().toLocaleTimeString() + '  ' + text;
    log.insertBefore(line, log.firstChild);
  }
  if (!key) return note('No "Demo" workspace: it is created on the first start of the server.');
  herald.load(key, { integrations: { 'In-App': { anonymousInApp: true, events: function (event) {
    var d = event.detail;
    note(event.type + '  ' + d.messageId + (d.actionName ? '  ' + d.actionName : '') +
      (d.actionValue ? '=' + d.actionValue : '') + (d.error ? '  ' + d.error : ''));
  } } } });
  var app = document.getElementById('demo-app');
  function route() {
    if (!app) return;
    var view = location.pathname.replace(/^\\/demo\\/app\\/?/, '') || 'home';
    var views = {
      home: '<h2>App home</h2><p>This section is a single-page app: links change the route with history.pushState and call herald.page().</p>',
      inbox: '<h2>Inbox</h2><p>No new mail.</p><button id="demo-compose" type="button">Compose</button>',
      settings: '<h2>Settings</h2><p>A modal at the top appears on this route.</p>'
    };
    app.innerHTML = views[view] || views.home;
    herald.page();
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-route]');
    if (link) {
      event.preventDefault();
      history.pushState(null, '', link.getAttribute('href'));
      route();
    }
    if (event.target.id === 'demo-reset') {
      herald.reset();
      note('reset: you are a new visitor, every message shows again on its page');
      herald.page();
    }
  });
  addEventListener('popstate', route);
  if (app) route(); else herald.page();
})();
`;
export const DEMO_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1e293b;background:#f8fafc}
header{display:flex;gap:20px;align-items:center;padding:14px 28px;background:#0f172a;color:#fff}
header a{color:#c7d2fe;text-decoration:none}header strong{margin-right:auto}
main{max-width:860px;margin:0 auto;padding:28px}
.plans{display:flex;gap:16px}.plan{flex:1;padding:18px;border:1px solid #e2e8f0;border-radius:10px;background:#fff}
nav.app a{margin-right:14px}#demo-app{margin-top:16px;padding:18px;border:1px solid #e2e8f0;border-radius:10px;background:#fff;min-height:160px}
#demo-inline{margin-top:20px;border-radius:10px;background:#fff;border:1px dashed #c7d2fe}
#demo-log{font:13px/1.5 ui-monospace,monospace;color:#475569;padding-left:18px}
button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid #94a3b8;background:#fff;cursor:pointer}
`;
//# sourceMappingURL=assets.js.map