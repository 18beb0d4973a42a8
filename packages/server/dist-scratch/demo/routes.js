import { DEMO_CSS, DEMO_JS } from './assets.js';
import { DEMO_WORKSPACE } from './seed.js';
/** The demo pages: strict CSP, nothing inline; Herald is this very server. */
const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; frame-src 'self'; connect-src 'self'; img-src 'self' data:";
const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const PAGES = {
    '/demo': {
        title: 'Home',
        body: `<h1>Herald demo</h1>
      <p>This little site loads the Herald SDK with the In-App plugin. The messages you see were
      seeded into the <b>Demo</b> workspace on the server's first start; edit them in the dashboard.</p>
      <ul><li>Home: a modal, whose second step is an overlay</li><li>Pricing: an overlay and an inline message</li>
      <li>App (a single-page app): a tooltip on Inbox, a top modal on Settings</li></ul>`,
    },
    '/demo/pricing': {
        title: 'Pricing',
        body: `<h1>Pricing</h1><div class="plans"><div class="plan"><h3>Free</h3><p>For trying things out.</p></div>
      <div class="plan"><h3>Pro</h3><p>For growing teams.</p></div></div><div id="demo-inline"></div>`,
    },
    '/demo/app': {
        title: 'App',
        body: `<h1>App</h1><nav class="app"><a data-route href="/demo/app">Home</a>
      <a data-route href="/demo/app/inbox">Inbox</a><a data-route href="/demo/app/settings">Settings</a></nav>
      <section id="demo-app"></section>`,
    },
};
/**
 * Serves the demo site at /demo (a few pages and a single-page section at /demo/app/*), with the
 * "Demo" workspace's write key filled in. The write key is public: it is in every page anyway.
 *
 * @example
 * await app.register(demoRoutes, { store });
 */
export const demoRoutes = async (app, { store }) => {
    const writeKey = async () => (await store.workspaces.list()).find((w) => w.name === DEMO_WORKSPACE)?.writeKey ?? '';
    const render = async (path) => {
        const page = PAGES[path.startsWith('/demo/app') ? '/demo/app' : path] ?? PAGES['/demo'];
        return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Herald demo</title><link rel="stylesheet" href="/demo/demo.css">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<script src="/sdk/herald.js" defer></script>
<script src="/demo/demo.js" defer data-write-key="${escape(await writeKey())}"></script></head>
<body><header><strong>Herald demo</strong><a href="/demo">Home</a><a href="/demo/pricing">Pricing</a>
<a href="/demo/app">App</a><button id="demo-reset" type="button">Be a new visitor</button></header>
<main>${page.body}<h3>In-app events on this page</h3><ul id="demo-log"></ul></main></body></html>`;
    };
    for (const path of ['/demo', '/demo/', '/demo/pricing', '/demo/app', '/demo/app/*']) {
        app.get(path, async (request, reply) => reply
            .type('text/html; charset=utf-8')
            .header('content-security-policy', POLICY)
            .header('cache-control', 'no-cache')
            .send(await render(request.url.split('?')[0])));
    }
    app.get('/demo/demo.js', async (_request, reply) => reply
        .type('application/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(DEMO_JS));
    app.get('/demo/demo.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(DEMO_CSS));
};
//# sourceMappingURL=routes.js.map