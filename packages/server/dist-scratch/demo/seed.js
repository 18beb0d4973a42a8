/** The workspace the demo site at /demo uses. */
export const DEMO_WORKSPACE = 'Demo';
const card = (title, text, actions) => `<div class="m"><h2>${title}</h2><p>${text}</p><div class="actions">${actions}</div></div>` +
    '<style>.m{padding:20px 22px;font-family:system-ui,sans-serif}.m h2{margin:0 0 6px;font-size:20px}' +
    '.m p{margin:0 0 14px;color:#444}.actions a{display:inline-block;margin-right:8px;padding:8px 14px;' +
    'border-radius:6px;background:#4f46e5;color:#fff;text-decoration:none;font-weight:600}' +
    '.actions a.ghost{background:#eef;color:#4f46e5}</style>';
const page = (path) => ({ include: [{ op: 'contains', value: path }], exclude: [] });
/** One message of each display type, each on its demo page. */
export const DEMO_MESSAGES = [
    {
        name: 'Demo: welcome modal',
        priority: 1,
        pageRules: { include: [{ op: 'regex', value: '/demo/?(\\?.*)?$' }], exclude: [] },
        display: { type: 'modal', position: 'center', width: '440px' },
        steps: [
            {
                name: 'welcome',
                html: card('Welcome to the Herald demo', 'This is a modal in-app message. It lives in a sandboxed frame, so it can’t touch this page.', '<a href="herald://next">Show me more</a><a class="ghost" href="herald://close">Close</a>'),
            },
            {
                name: 'corner',
                html: card('Steps can move', 'This second step is an overlay in the corner: a step may change the display.', '<a href="herald://action/liked?value=yes">Nice</a><a class="ghost" href="herald://close">Done</a>'),
                display: { type: 'overlay', position: 'bottom-left' },
            },
        ],
    },
    {
        name: 'Demo: overlay',
        priority: 5,
        pageRules: page('/demo/pricing'),
        display: { type: 'overlay', position: 'bottom-right' },
        steps: [
            {
                name: 'main',
                html: card('Spring sale', 'An overlay at the bottom right. 20% off the Pro plan this week.', '<a href="herald://action/claim?value=spring">Claim</a><a class="ghost" href="herald://close">No thanks</a>'),
            },
        ],
    },
    {
        name: 'Demo: inline',
        priority: 5,
        pageRules: page('/demo/pricing'),
        display: { type: 'inline', selector: '#demo-inline' },
        steps: [
            {
                name: 'main',
                html: card('An inline message', 'Inline messages take a place in the page, here under the plans.', '<a href="/demo/app">Try the app</a>'),
            },
        ],
    },
    {
        name: 'Demo: tooltip',
        priority: 5,
        pageRules: page('/demo/app/inbox'),
        display: { type: 'tooltip', selector: '#demo-compose', position: 'bottom' },
        steps: [
            {
                name: 'main',
                html: card('New: compose', 'A tooltip points at an element and follows it.', '<a href="herald://close">Got it</a>'),
            },
        ],
    },
    {
        name: 'Demo: top banner',
        priority: 5,
        pageRules: page('/demo/app/settings'),
        display: { type: 'modal', position: 'top', overlayColor: 'rgba(15,23,42,0.35)' },
        steps: [
            {
                name: 'main',
                html: card('Single-page apps', 'This modal appeared on a route change: the app called herald.page().', '<a href="herald://close">Close</a>'),
            },
        ],
    },
];
/**
 * On first start, creates the "Demo" workspace (in-app and anonymous messages on) with a launched
 * message of each display type on the /demo pages, so that a newcomer sees them at once. Does
 * nothing when a workspace named "Demo" exists: it runs on every start, and the demo is theirs to
 * change. Goes through the admin API, like any script of our users would.
 *
 * @example
 * await seedDemo(app, masterKey); // before app.listen()
 */
export async function seedDemo(app, masterKey) {
    const call = async (method, url, payload) => {
        const response = await app.inject({
            method,
            url: `/api/v1${url}`,
            headers: { authorization: `Bearer ${masterKey}` },
            ...(payload ? { payload } : {}),
        });
        if (response.statusCode >= 300) {
            throw new Error(`demo seed: ${method} ${url} answered ${response.statusCode}: ${response.body}`);
        }
        return response.json();
    };
    const { data = [] } = await call('GET', '/workspaces');
    if (data.some((workspace) => workspace.name === DEMO_WORKSPACE))
        return false;
    const workspace = await call('POST', '/workspaces', {
        name: DEMO_WORKSPACE,
        inApp: { enabled: true, anonymous: true },
    });
    for (const message of DEMO_MESSAGES) {
        const created = await call('POST', `/workspaces/${workspace.id}/messages`, message);
        await call('POST', `/workspaces/${workspace.id}/messages/${created.id}/launch`);
    }
    return true;
}
//# sourceMappingURL=seed.js.map