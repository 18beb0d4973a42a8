import type { MessageDefinition } from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { ChangeBus } from '../inapp/bus.js';
import { readJson } from '../store/json.js';
import type { Schema } from '../store/schema.js';
import {
  type ConditionGroup,
  conditionsOf,
  counterKey,
  type PropertyFilter,
  type SegmentDefinition,
  timeDependent,
} from './conditions.js';
import type { CampaignDefinition } from './definitions.js';

export interface SegmentRule {
  id: string;
  name: string;
  definition: SegmentDefinition;
  /** Event names its conditions mention. */
  events: Set<string>;
  /** The counters its event conditions read (distinct keys). */
  counters: Counter[];
  usesTraits: boolean;
  /** The messages its conditions ask what the person did with (seen, clicked…). */
  messages: string[];
  timeDependent: boolean;
  /**
   * Its build (a `segment.rebuild` job recounting its counters from `events`) had not finished
   * when the rules were read: membership is decided only for people the build has passed
   * (membership.ts, buildStates).
   */
  building: boolean;
}

export interface CampaignRule {
  id: string;
  messageId: string;
  definition: CampaignDefinition;
}

/** A per-person daily event counter (person_event_counts): its key, event and filters. */
export interface Counter {
  key: string;
  event: string;
  where: PropertyFilter[] | undefined;
}

/** A workspace's segments and active campaigns, shaped for the ingest path. */
export interface WorkspaceRules {
  segments: SegmentRule[];
  /** Event name → the counters that event may bump (one per distinct set of filters). */
  counters: Map<string, Counter[]>;
  eventTriggers: Map<string, CampaignRule[]>;
  segmentTriggers: Map<string, CampaignRule[]>;
  /** Segments whose entry or exit is the goal of a launched (or paused) message. */
  goalSegments: Set<string>;
}

const EMPTY: WorkspaceRules = {
  segments: [],
  counters: new Map(),
  eventTriggers: new Map(),
  segmentTriggers: new Map(),
  goalSegments: new Set(),
};
/** How long a node may go on with rules it read, when no bus tells it of a change. */
export const RULES_MAX_AGE_MS = 10_000;

/**
 * Segments and campaigns per workspace, cached so that a track call costs nothing unless its
 * event is one some segment or campaign mentions. Changes are announced on the bus (kind
 * `messages`); the cache also expires after 10 s, for nodes that share no bus. Read inside the
 * ingest transaction: on SQLite that transaction holds the only connection.
 */
export class RulesCache {
  private readonly cache = new Map<string, { loaded: number; rules: WorkspaceRules }>();
  private readonly unsubscribe: () => void;

  constructor(bus: ChangeBus) {
    this.unsubscribe = bus.subscribe((change) => {
      if (change.kind === 'messages') this.cache.delete(change.workspaceId);
    });
  }

  async of(db: Kysely<Schema>, workspaceId: string): Promise<WorkspaceRules> {
    const hit = this.cache.get(workspaceId);
    if (hit && Date.now() - hit.loaded < RULES_MAX_AGE_MS) return hit.rules;
    const rules = await loadRules(db, workspaceId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(workspaceId, { loaded: Date.now(), rules });
    return rules;
  }

  /** Drops a workspace's rules on this node: the next read loads them (in its transaction). */
  forget(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }

  close(): void {
    this.unsubscribe();
  }
}

export async function loadRules(db: Kysely<Schema>, workspaceId: string): Promise<WorkspaceRules> {
  const [segmentRows, campaignRows] = await Promise.all([
    db
      .selectFrom('segments')
      .select(['id', 'name', 'definition', 'built_through'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
    db
      .selectFrom('campaigns')
      .select(['id', 'message_id', 'definition'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'active')
      .execute(),
  ]);
  if (segmentRows.length === 0 && campaignRows.length === 0) return EMPTY;
  const rules: WorkspaceRules = {
    segments: [],
    counters: new Map(),
    eventTriggers: new Map(),
    segmentTriggers: new Map(),
    goalSegments: segmentRows.length > 0 ? await goalSegmentsOf(db, workspaceId) : new Set(),
  };
  for (const row of segmentRows) {
    const definition = readJson<ConditionGroup>(row.definition, { match: 'all', conditions: [] });
    const conditions = conditionsOf(definition);
    const segment: SegmentRule = {
      id: row.id,
      name: row.name,
      definition,
      events: new Set(),
      counters: [],
      usesTraits: conditions.some((c) => c.type === 'trait'),
      messages: [
        ...new Set(conditions.flatMap((c) => (c.type === 'message' ? [c.messageId] : []))),
      ],
      timeDependent: timeDependent(definition),
      building: row.built_through !== null,
    };
    for (const condition of conditions) {
      if (condition.type !== 'event') continue;
      const counter: Counter = {
        key: counterKey(condition),
        event: condition.event,
        where: condition.where,
      };
      segment.events.add(condition.event);
      if (!segment.counters.some((c) => c.key === counter.key)) segment.counters.push(counter);
      const list = rules.counters.get(condition.event) ?? [];
      if (!list.some((c) => c.key === counter.key)) list.push(counter);
      rules.counters.set(condition.event, list);
    }
    rules.segments.push(segment);
  }
  for (const row of campaignRows) {
    const campaign: CampaignRule = {
      id: row.id,
      messageId: row.message_id,
      definition: readJson<CampaignDefinition>(row.definition, {} as CampaignDefinition),
    };
    const trigger = campaign.definition.trigger;
    if (!trigger) continue;
    const [map, key] =
      trigger.type === 'event'
        ? [rules.eventTriggers, trigger.event]
        : [rules.segmentTriggers, trigger.segmentId];
    map.set(key, [...(map.get(key) ?? []), campaign]);
  }
  return rules;
}

/** The segments that launched or paused messages of the workspace name as their goal. */
async function goalSegmentsOf(db: Kysely<Schema>, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('messages')
    .select('definition')
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['active', 'paused'])
    .execute();
  const ids = new Set<string>();
  for (const row of rows) {
    const goal = readJson<MessageDefinition>(row.definition, {} as MessageDefinition).goal;
    if (goal?.segment) ids.add(goal.segment.id);
  }
  return ids;
}
