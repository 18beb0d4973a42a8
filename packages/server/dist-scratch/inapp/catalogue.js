import { randomBytes } from 'node:crypto';
import { compilePageRules, } from '@herald/protocol';
import { parseTemplate, usesLiquid } from './liquid.js';
const MAX_AGE_MS = 60_000;
/**
 * Keeps each workspace's catalogue in memory, reloaded after a change to its messages or settings
 * (announced on the bus, by this node or another) and at the latest every minute.
 */
export class MessageCatalogue {
    store;
    cache = new Map();
    prepared = new Map();
    unsubscribe;
    constructor(store, bus) {
        this.store = store;
        this.unsubscribe = bus.subscribe((change) => {
            if (change.kind === 'messages' || change.kind === 'workspace') {
                this.cache.delete(change.workspaceId);
            }
        });
    }
    /** The workspace's catalogue, or undefined when the workspace does not exist. */
    get(workspaceId) {
        const hit = this.cache.get(workspaceId);
        if (hit && Date.now() - hit.loaded < MAX_AGE_MS)
            return hit.value;
        const value = this.load(workspaceId);
        this.cache.set(workspaceId, { loaded: Date.now(), value });
        // A failed load must not be cached: the next request tries again.
        value.catch(() => this.cache.delete(workspaceId));
        return value;
    }
    /** Prepares any message (a test send may be a draft), cached per id and version. */
    prepare(message) {
        const key = `${message.id}@${message.version}@${message.updatedAt}`;
        const hit = this.prepared.get(key);
        if (hit)
            return hit;
        const steps = message.steps.map((step) => {
            const prepared = { name: step.name, html: step.html };
            if (step.display)
                prepared.display = step.display;
            if (message.audience.type === 'identified' && usesLiquid(step.html)) {
                prepared.template = parseTemplate(step.html);
            }
            return prepared;
        });
        const at = (iso) => (iso ? Date.parse(iso) : null);
        const launchedAt = at(message.launchedAt);
        const endAt = at(message.schedule.endAt);
        const pageRules = compilePageRules(message.pageRules);
        const fragment = JSON.stringify({
            id: message.id,
            version: message.version,
            priority: message.priority,
            launchedAt,
            audience: message.audience.type,
            test: false,
            pageRules,
            frequency: message.frequency,
            endAt,
            display: message.display,
            steps: steps.map(({ name, html, display }) => display ? { name, html, display } : { name, html }),
        }).slice(0, -1);
        const result = {
            message,
            launchedAt,
            startAt: at(message.schedule.startAt),
            endAt,
            pageRules,
            steps,
            personalised: steps.some((s) => s.template !== undefined),
            fragment,
        };
        if (this.prepared.size > 10_000)
            this.prepared.clear();
        this.prepared.set(key, result);
        return result;
    }
    close() {
        this.unsubscribe();
        this.cache.clear();
    }
    async load(workspaceId) {
        const workspace = await this.store.workspaces.get(workspaceId);
        if (!workspace)
            return undefined;
        const messages = await this.store.messages.active(workspaceId);
        return {
            workspace,
            version: randomBytes(6).toString('base64url'),
            messages: messages.map((m) => this.prepare(m)),
        };
    }
}
//# sourceMappingURL=catalogue.js.map