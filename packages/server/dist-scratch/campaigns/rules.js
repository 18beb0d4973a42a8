import { readJson } from '../store/json.js';
import { conditionsOf, counterKey, timeDependent, } from './conditions.js';
const EMPTY = {
    segments: [],
    counters: new Map(),
    eventTriggers: new Map(),
    segmentTriggers: new Map(),
};
const MAX_AGE_MS = 10_000;
/**
 * Segments and campaigns per workspace, cached so that a track call costs nothing unless its
 * event is one some segment or campaign mentions. Changes are announced on the bus (kind
 * `messages`); the cache also expires after 10 s, for nodes that share no bus. Read inside the
 * ingest transaction: on SQLite that transaction holds the only connection.
 */
export class RulesCache {
    cache = new Map();
    unsubscribe;
    constructor(bus) {
        this.unsubscribe = bus.subscribe((change) => {
            if (change.kind === 'messages')
                this.cache.delete(change.workspaceId);
        });
    }
    async of(db, workspaceId) {
        const hit = this.cache.get(workspaceId);
        if (hit && Date.now() - hit.loaded < MAX_AGE_MS)
            return hit.rules;
        const rules = await loadRules(db, workspaceId);
        if (this.cache.size > 10_000)
            this.cache.clear();
        this.cache.set(workspaceId, { loaded: Date.now(), rules });
        return rules;
    }
    close() {
        this.unsubscribe();
    }
}
export async function loadRules(db, workspaceId) {
    const [segmentRows, campaignRows] = await Promise.all([
        db
            .selectFrom('segments')
            .select(['id', 'name', 'definition'])
            .where('workspace_id', '=', workspaceId)
            .execute(),
        db
            .selectFrom('campaigns')
            .select(['id', 'message_id', 'definition'])
            .where('workspace_id', '=', workspaceId)
            .where('status', '=', 'active')
            .execute(),
    ]);
    if (segmentRows.length === 0 && campaignRows.length === 0)
        return EMPTY;
    const rules = {
        segments: [],
        counters: new Map(),
        eventTriggers: new Map(),
        segmentTriggers: new Map(),
    };
    for (const row of segmentRows) {
        const definition = readJson(row.definition, { match: 'all', conditions: [] });
        const conditions = conditionsOf(definition);
        const segment = {
            id: row.id,
            name: row.name,
            definition,
            events: new Set(),
            counters: [],
            usesTraits: conditions.some((c) => c.type === 'trait'),
            timeDependent: timeDependent(definition),
        };
        for (const condition of conditions) {
            if (condition.type !== 'event')
                continue;
            const key = counterKey(condition);
            segment.events.add(condition.event);
            segment.counters.push(key);
            const list = rules.counters.get(condition.event) ?? [];
            if (!list.some((c) => c.key === key))
                list.push({ key, where: condition.where });
            rules.counters.set(condition.event, list);
        }
        rules.segments.push(segment);
    }
    for (const row of campaignRows) {
        const campaign = {
            id: row.id,
            messageId: row.message_id,
            definition: readJson(row.definition, {}),
        };
        const trigger = campaign.definition.trigger;
        if (!trigger)
            continue;
        const [map, key] = trigger.type === 'event'
            ? [rules.eventTriggers, trigger.event]
            : [rules.segmentTriggers, trigger.segmentId];
        map.set(key, [...(map.get(key) ?? []), campaign]);
    }
    return rules;
}
//# sourceMappingURL=rules.js.map