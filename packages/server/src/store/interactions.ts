import type { Interaction } from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** Message id → when each interaction last happened (epoch ms). */
export type InteractionFacts = ReadonlyMap<string, Partial<Record<Interaction, number>>>;

/** Keys and ids per query: well under both dialects' bound-parameter limits. */
const IN_CHUNK = 400;

/**
 * What the people `profileIds` did with the messages `messageIds`, by profile: from the message
 * states under every key of theirs (each userId, and each anonymous ID linked to them: what they
 * did before signing up counts) and from their conversions. Of several keys, the latest of each
 * interaction wins.
 */
export async function interactionsOfPeople(
  db: Kysely<Schema>,
  workspaceId: string,
  profileIds: string[],
  messageIds: string[],
): Promise<Map<string, InteractionFacts>> {
  const facts = new Map<string, Map<string, Partial<Record<Interaction, number>>>>();
  if (profileIds.length === 0 || messageIds.length === 0) return facts;
  const note = (profileId: string, messageId: string, interaction: Interaction, at: unknown) => {
    if (at === null || at === undefined) return;
    const byMessage =
      facts.get(profileId) ?? new Map<string, Partial<Record<Interaction, number>>>();
    const known = byMessage.get(messageId) ?? {};
    known[interaction] = Math.max(known[interaction] ?? 0, Number(at));
    byMessage.set(messageId, known);
    facts.set(profileId, byMessage);
  };
  const owners = new Map<string, string>();
  for (let i = 0; i < profileIds.length; i += IN_CHUNK) {
    const identities = await db
      .selectFrom('identities')
      .select(['kind', 'value', 'profile_id'])
      .where('workspace_id', '=', workspaceId)
      .where('profile_id', 'in', profileIds.slice(i, i + IN_CHUNK))
      .execute();
    for (const row of identities) {
      owners.set(`${row.kind === 'user' ? 'u' : 'a'}:${row.value}`, row.profile_id);
    }
    const conversions = await db
      .selectFrom('conversions')
      .select(['profile_id', 'message_id', 'converted_at'])
      .where('workspace_id', '=', workspaceId)
      .where('profile_id', 'in', profileIds.slice(i, i + IN_CHUNK))
      .where('message_id', 'in', messageIds)
      .execute();
    for (const row of conversions)
      note(row.profile_id, row.message_id, 'converted', row.converted_at);
  }
  const keys = [...owners.keys()];
  for (let i = 0; i < keys.length; i += IN_CHUNK) {
    const states = await db
      .selectFrom('message_states')
      .select(['visitor', 'message_id', 'last_viewed_at', 'first_clicked_at', 'dismissed_at'])
      .where('workspace_id', '=', workspaceId)
      .where('visitor', 'in', keys.slice(i, i + IN_CHUNK))
      .where('message_id', 'in', messageIds)
      .execute();
    for (const row of states) {
      const profileId = owners.get(row.visitor)!;
      note(profileId, row.message_id, 'seen', row.last_viewed_at);
      note(profileId, row.message_id, 'clicked', row.first_clicked_at);
      note(profileId, row.message_id, 'dismissed', row.dismissed_at);
    }
  }
  return facts;
}

/**
 * What one visitor did with `messageIds`: for `u:<userId>`, the person's (every key of theirs,
 * {@link interactionsOfPeople}); for `a:<anonymousId>`, that browser's own states and the
 * conversions it led to.
 */
export async function interactionsOfVisitor(
  db: Kysely<Schema>,
  workspaceId: string,
  visitor: string,
  messageIds: string[],
): Promise<InteractionFacts> {
  if (visitor.startsWith('u:')) {
    const identity = await db
      .selectFrom('identities')
      .select('profile_id')
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'user')
      .where('value', '=', visitor.slice(2))
      .executeTakeFirst();
    if (identity) {
      const facts = await interactionsOfPeople(db, workspaceId, [identity.profile_id], messageIds);
      return facts.get(identity.profile_id) ?? new Map();
    }
  }
  const facts = new Map<string, Partial<Record<Interaction, number>>>();
  const [states, conversions] = await Promise.all([
    db
      .selectFrom('message_states')
      .select(['message_id', 'last_viewed_at', 'first_clicked_at', 'dismissed_at'])
      .where('workspace_id', '=', workspaceId)
      .where('visitor', '=', visitor)
      .where('message_id', 'in', messageIds)
      .execute(),
    db
      .selectFrom('conversions')
      .select(['message_id', 'converted_at'])
      .where('workspace_id', '=', workspaceId)
      .where('visitor', '=', visitor)
      .where('message_id', 'in', messageIds)
      .execute(),
  ]);
  const set = (messageId: string, interaction: Interaction, at: unknown) => {
    if (at === null || at === undefined) return;
    facts.set(messageId, { ...facts.get(messageId), [interaction]: Number(at) });
  };
  for (const row of states) {
    set(row.message_id, 'seen', row.last_viewed_at);
    set(row.message_id, 'clicked', row.first_clicked_at);
    set(row.message_id, 'dismissed', row.dismissed_at);
  }
  for (const row of conversions) set(row.message_id, 'converted', row.converted_at);
  return facts;
}
