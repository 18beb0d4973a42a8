import { convertOnSegmentChange } from '../inapp/goals.js';
import { prefixedId } from '../store/ids.js';
import { readJson } from '../store/json.js';
import { DAY, evaluate } from './conditions.js';
import { MAX_WINDOW_DAYS } from './definitions.js';
import { fireCampaign } from './sends.js';
/**
 * Re-evaluates `segments` for `profileIds` from their traits and event counters (never the
 * events table) and writes who entered and who left, with a row in each person's activity.
 * Answers the changes, for {@link applyChanges}.
 */
export async function reevaluate(trx, workspaceId, profileIds, segments, now) {
    if (profileIds.length === 0 || segments.length === 0)
        return [];
    const profiles = await trx
        .selectFrom('profiles')
        .select(['id', 'user_id', 'traits'])
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', profileIds)
        .execute();
    const counters = [...new Set(segments.flatMap((s) => s.counters))];
    const counts = new Map();
    if (counters.length > 0) {
        const rows = await trx
            .selectFrom('person_event_counts')
            .select(['profile_id', 'counter', 'day', 'count'])
            .where('profile_id', 'in', profileIds)
            .where('counter', 'in', counters)
            .where('day', '>=', now - (MAX_WINDOW_DAYS + 1) * DAY)
            .execute();
        for (const row of rows) {
            const byCounter = counts.get(row.profile_id) ?? new Map();
            const byDay = byCounter.get(row.counter) ?? new Map();
            byDay.set(Number(row.day), row.count);
            byCounter.set(row.counter, byDay);
            counts.set(row.profile_id, byCounter);
        }
    }
    const memberRows = await trx
        .selectFrom('segment_members')
        .select(['segment_id', 'profile_id'])
        .where('profile_id', 'in', profileIds)
        .where('segment_id', 'in', segments.map((s) => s.id))
        .execute();
    const members = new Set(memberRows.map((r) => `${r.segment_id} ${r.profile_id}`));
    const changes = [];
    for (const profile of profiles) {
        const facts = {
            traits: readJson(profile.traits, {}),
            counts: counts.get(profile.id) ?? new Map(),
        };
        for (const segment of segments) {
            const matches = evaluate(segment.definition, facts, now);
            const member = members.has(`${segment.id} ${profile.id}`);
            if (matches === member)
                continue;
            const change = {
                segmentId: segment.id,
                segmentName: segment.name,
                profileId: profile.id,
                userId: profile.user_id,
                change: matches ? 'enter' : 'leave',
            };
            await writeChange(trx, workspaceId, change, now);
            changes.push(change);
        }
    }
    return changes;
}
async function writeChange(trx, workspaceId, change, now) {
    if (change.change === 'enter') {
        await trx
            .insertInto('segment_members')
            .values({
            segment_id: change.segmentId,
            profile_id: change.profileId,
            workspace_id: workspaceId,
            entered_at: now,
        })
            .onConflict((oc) => oc.columns(['segment_id', 'profile_id']).doNothing())
            .execute();
    }
    else {
        await trx
            .deleteFrom('segment_members')
            .where('segment_id', '=', change.segmentId)
            .where('profile_id', '=', change.profileId)
            .execute();
    }
    // The person's activity shows it; type `segment` cannot be sent through the tracking API.
    await trx
        .insertInto('events')
        .values({
        workspace_id: workspaceId,
        message_id: prefixedId('seg', 12),
        type: 'segment',
        name: change.change === 'enter' ? 'entered segment' : 'left segment',
        user_id: change.userId,
        anonymous_id: null,
        group_id: null,
        previous_id: null,
        properties: JSON.stringify({ segmentId: change.segmentId, segmentName: change.segmentName }),
        traits: null,
        context: null,
        integrations: null,
        timestamp: now,
        original_timestamp: null,
        sent_at: null,
        received_at: now,
    })
        .execute();
}
/**
 * What follows from entering and leaving segments, in the same transaction: campaigns triggered
 * by entering, and goals met by entering or leaving. Answers the visitors whose deliveries
 * changed (membership decides `audience.segment`), to announce after commit.
 */
export async function applyChanges(trx, workspaceId, rules, changes, now) {
    const visitors = new Set();
    for (const change of changes) {
        visitors.add(`u:${change.userId}`);
        await convertOnSegmentChange(trx, workspaceId, change.profileId, change.segmentId, change.change, now);
        if (change.change !== 'enter')
            continue;
        for (const campaign of rules.segmentTriggers.get(change.segmentId) ?? []) {
            await fireCampaign(trx, workspaceId, campaign, {
                profileId: change.profileId,
                userId: change.userId,
                // Each entry is its own occurrence: leaving and entering again fires again.
                key: `enter:${change.profileId}:${now}:${prefixedId('x', 4)}`,
                event: { segmentId: change.segmentId, segmentName: change.segmentName },
            }, now);
        }
    }
    return visitors;
}
//# sourceMappingURL=membership.js.map