import { readJson } from '../store/json.js';
import { dayOf, propertiesMatch } from './conditions.js';
import { applyChanges, reevaluate } from './membership.js';
import { fireCampaign } from './sends.js';
/**
 * Segment membership and event-triggered campaigns, kept up to date as identify and track calls
 * are applied, in their ingest transaction (never recomputed per request):
 *
 * - a track call bumps the person's daily counters that some segment condition reads (one per
 *   distinct property filter), then re-evaluates the segments that mention the event;
 * - an identify call re-evaluates the segments with trait conditions;
 * - a track call whose event triggers a campaign (filters passing) queues its message, now or
 *   after the campaign's delay (a durable job).
 *
 * Events of people not identified yet (no profile) count for nobody: segments are of people.
 */
export function campaignsEffect(rules, bus) {
    return {
        async apply(batch) {
            if (!batch.events.some((e) => e.type === 'identify' || e.type === 'track'))
                return;
            const { trx, workspaceId } = batch;
            const workspace = await rules.of(trx, workspaceId);
            if (workspace.segments.length === 0 && workspace.eventTriggers.size === 0)
                return;
            const now = Date.now();
            const people = new PeopleLookup(trx, workspaceId);
            const touched = new Map();
            const touch = (profileId, segments) => {
                const set = touched.get(profileId) ?? new Set();
                for (const segment of segments)
                    set.add(segment);
                touched.set(profileId, set);
            };
            const visitors = new Set();
            for (const event of batch.events) {
                if (event.type === 'identify' && event.user_id && event.traits) {
                    const person = await people.of(event);
                    if (person)
                        touch(person.profileId, workspace.segments.filter((s) => s.usesTraits));
                    continue;
                }
                if (event.type !== 'track' || !event.name)
                    continue;
                const counters = workspace.counters.get(event.name);
                const triggers = workspace.eventTriggers.get(event.name);
                if (!counters && !triggers)
                    continue;
                const person = await people.of(event);
                if (!person)
                    continue;
                const properties = readJson(event.properties, {});
                for (const counter of counters ?? []) {
                    if (propertiesMatch(counter.where, properties)) {
                        await bump(trx, workspaceId, person.profileId, counter.key, dayOf(event.timestamp));
                    }
                }
                if (counters) {
                    touch(person.profileId, workspace.segments.filter((s) => s.events.has(event.name)));
                }
                for (const campaign of triggers ?? []) {
                    const trigger = campaign.definition.trigger;
                    if (trigger.type !== 'event' || !propertiesMatch(trigger.where, properties))
                        continue;
                    const outcome = await fireCampaign(trx, workspaceId, campaign, { ...person, key: `ev:${event.message_id}`, event: properties }, now);
                    if (outcome === 'queued')
                        visitors.add(`u:${person.userId}`);
                }
            }
            for (const [profileId, segments] of touched) {
                const changes = await reevaluate(trx, workspaceId, [profileId], [...segments], now);
                for (const visitor of await applyChanges(trx, workspaceId, workspace, changes, now)) {
                    visitors.add(visitor);
                }
            }
            if (visitors.size > 0) {
                batch.afterCommit(() => {
                    for (const visitor of visitors)
                        bus.publish({ kind: 'visitor', workspaceId, visitor });
                });
            }
        },
    };
}
async function bump(trx, workspaceId, profileId, counter, day) {
    await trx
        .insertInto('person_event_counts')
        .values({ profile_id: profileId, workspace_id: workspaceId, counter, day, count: 1 })
        .onConflict((oc) => oc
        .columns(['profile_id', 'counter', 'day'])
        .doUpdateSet((eb) => ({ count: eb('person_event_counts.count', '+', 1) })))
        .execute();
}
/** The person (profile and canonical userId) an event belongs to, cached for the batch. */
class PeopleLookup {
    trx;
    workspaceId;
    cache = new Map();
    constructor(trx, workspaceId) {
        this.trx = trx;
        this.workspaceId = workspaceId;
    }
    async of(event) {
        const [kind, value] = event.user_id
            ? ['user', event.user_id]
            : ['anonymous', event.anonymous_id];
        if (!value)
            return undefined;
        const key = `${kind}:${value}`;
        if (!this.cache.has(key)) {
            const row = await this.trx
                .selectFrom('identities')
                .innerJoin('profiles', 'profiles.id', 'identities.profile_id')
                .select(['profiles.id', 'profiles.user_id'])
                .where('identities.workspace_id', '=', this.workspaceId)
                .where('identities.kind', '=', kind)
                .where('identities.value', '=', value)
                .executeTakeFirst();
            this.cache.set(key, row ? { profileId: row.id, userId: row.user_id } : null);
        }
        return this.cache.get(key) ?? undefined;
    }
}
//# sourceMappingURL=effect.js.map