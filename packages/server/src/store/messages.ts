import type { Message, MessageDefinition, MessageStatus } from '@herald/protocol';
import type { Kysely } from 'kysely';
import { HeraldError, invalid } from '../errors.js';
import { prefixedId } from './ids.js';
import { readJson } from './json.js';
import type { MessageRow, Schema } from './schema.js';

/** A lifecycle step: draft → active ⇄ paused → archived. */
export type Transition = 'launch' | 'pause' | 'archive';

const TRANSITIONS: Record<Transition, { from: MessageStatus[]; to: MessageStatus }> = {
  launch: { from: ['draft', 'paused'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  archive: { from: ['draft', 'active', 'paused'], to: 'archived' },
};

/** Messages and their lifecycle. Definitions arrive validated (inapp/definition.ts). */
export class MessageRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async create(workspaceId: string, definition: MessageDefinition): Promise<Message> {
    const now = Date.now();
    const id = prefixedId('msg', 9);
    await this.db
      .insertInto('messages')
      .values({
        id,
        workspace_id: workspaceId,
        status: 'draft',
        version: 1,
        launched_at: null,
        created_at: now,
        updated_at: now,
        ...definitionColumns(definition),
      })
      .execute();
    return (await this.get(workspaceId, id))!;
  }

  async get(workspaceId: string, id: string): Promise<Message | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toMessage(row);
  }

  async list(workspaceId: string, status?: MessageStatus): Promise<Message[]> {
    let query = this.db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId);
    if (status) query = query.where('status', '=', status);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toMessage);
  }

  /** Every active message of a workspace, as the delivery path caches them. */
  async active(workspaceId: string): Promise<Message[]> {
    return this.list(workspaceId, 'active');
  }

  /**
   * Ends an experiment for everyone: from now on every person gets `variant`, the holdout too.
   * Not a content change, so the version stays (figures keep counting under it).
   */
  async declareWinner(workspaceId: string, id: string, variant: string): Promise<Message> {
    const current = await this.require(workspaceId, id);
    const { experiment } = current;
    if (!experiment) throw invalid('variant', 'this message has no experiment');
    if (!experiment.variants.some((v) => v.key === variant)) {
      throw invalid(
        'variant',
        `must be one of ${experiment.variants.map((v) => v.key).join(', ')}`,
      );
    }
    const row = await this.db
      .selectFrom('messages')
      .select('definition')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const definition = readJson<MessageDefinition>(row.definition, {} as MessageDefinition);
    definition.experiment = { ...experiment, winner: variant };
    await this.db
      .updateTable('messages')
      .set({ definition: JSON.stringify(definition), updated_at: Date.now() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
    return (await this.get(workspaceId, id))!;
  }

  /**
   * Replaces the definition. A draft changes in place; a launched message (active or paused)
   * changes only when the caller says so explicitly, and gets a new content version.
   */
  async update(
    workspaceId: string,
    id: string,
    definition: MessageDefinition,
    options: { newVersion: boolean },
  ): Promise<Message> {
    const current = await this.require(workspaceId, id);
    if (current.status === 'archived') {
      throw new HeraldError('invalid_transition', 'An archived message cannot be edited');
    }
    const launched = current.status !== 'draft';
    if (launched && !options.newVersion) throw new HeraldError('message_live');
    await this.db
      .updateTable('messages')
      .set({
        ...definitionColumns(definition),
        version: launched ? current.version + 1 : current.version,
        updated_at: Date.now(),
      })
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .execute();
    return (await this.get(workspaceId, id))!;
  }

  async transition(workspaceId: string, id: string, transition: Transition): Promise<Message> {
    const current = await this.require(workspaceId, id);
    const rule = TRANSITIONS[transition];
    if (!rule.from.includes(current.status)) {
      throw new HeraldError(
        'invalid_transition',
        `A ${current.status} message cannot ${transition}; it must be ${rule.from.join(' or ')}`,
      );
    }
    const now = Date.now();
    await this.db
      .updateTable('messages')
      .set({
        status: rule.to,
        updated_at: now,
        // The first launch fixes the message's place among equal priorities.
        ...(transition === 'launch' && current.launchedAt === null ? { launched_at: now } : {}),
      })
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', current.status)
      .execute();
    return (await this.get(workspaceId, id))!;
  }

  /** Deletes a draft or an archived message with all its figures. */
  async delete(workspaceId: string, id: string): Promise<void> {
    const current = await this.require(workspaceId, id);
    if (current.status === 'active' || current.status === 'paused') {
      throw new HeraldError(
        'invalid_transition',
        'Archive a launched message before deleting it; its figures go with it',
      );
    }
    await this.db
      .deleteFrom('messages')
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .execute();
  }

  async require(workspaceId: string, id: string): Promise<Message> {
    const message = await this.get(workspaceId, id);
    if (!message) throw new HeraldError('not_found', `Message ${id} not found`, 'id');
    return message;
  }
}

function definitionColumns(definition: MessageDefinition) {
  const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
  return {
    definition: JSON.stringify(definition),
    audience: definition.audience.type,
    priority: definition.priority,
    start_at: at(definition.schedule.startAt),
    end_at: at(definition.schedule.endAt),
  };
}

function toMessage(row: MessageRow): Message {
  const definition = readJson<MessageDefinition>(row.definition, {} as MessageDefinition);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: row.id,
    ...definition,
    status: row.status,
    version: row.version,
    launchedAt: row.launched_at === null ? null : iso(row.launched_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
