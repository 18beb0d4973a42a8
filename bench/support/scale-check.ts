/**
 * The proof that bench/scale's bulk load is what the API would have written: the same people
 * loaded twice, through the store's pipeline into one database and in bulk into another
 * (scale-load.ts), then every table either writes compared row by row, with generated ids and
 * clock times left out (profiles and segments are matched by user ID and name; a message ID
 * inside a view's properties is masked).
 */
import pg from 'pg';

/** Each compared table: its rows as text, for workspace $1 (readTables sorts them). */
const TABLES: Record<string, string> = {
  events: `select concat_ws('|', type, message_id, name, user_id, anonymous_id,
      regexp_replace(properties, '"msg_[^".]+', '"msg', 'g'),
      traits, context, timestamp, original_timestamp, sent_at, received_at)
    from events where workspace_id = $1 and type <> 'segment'`,
  event_ids: `select message_id || '|' || received_at from event_ids where workspace_id = $1`,
  profiles: `select concat_ws('|', user_id, email, traits, created_at, last_seen_at)
    from profiles where workspace_id = $1`,
  identities: `select concat_ws('|', i.kind, i.value, p.user_id)
    from identities i join profiles p on p.id = i.profile_id where i.workspace_id = $1`,
  person_event_counts: `select concat_ws('|', p.user_id, c.counter, c.day, c.count)
    from person_event_counts c join profiles p on p.id = c.profile_id where c.workspace_id = $1`,
  segment_members: `select s.name || '|' || p.user_id
    from segment_members m join segments s on s.id = m.segment_id
      join profiles p on p.id = m.profile_id where m.workspace_id = $1`,
  'segment activity': `select concat_ws('|', e.name, e.user_id, e.properties::json->>'segmentName')
    from events e where e.workspace_id = $1 and e.type = 'segment'`,
  message_states: `select concat_ws('|', s.visitor, s.views, s.first_viewed_at, s.dismissed_at)
    from message_states s where s.workspace_id = $1`,
  message_stats: `select concat_ws('|', metric, hour, action, count) from message_stats
    where message_id in (select id from messages where workspace_id = $1)`,
};

/** A table's rows, as text, sorted. */
export type TableRows = string[];

/** The compared tables' rows for the workspace (a check loads a few hundred people). */
export async function readTables(
  databaseUrl: string,
  workspaceId: string,
): Promise<Record<string, TableRows>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables: Record<string, TableRows> = {};
    for (const [table, rows] of Object.entries(TABLES)) {
      const result = await client.query<{ r: string }>(
        `select r from (${rows}) as t(r) order by r`,
        [workspaceId],
      );
      tables[table] = result.rows.map((row) => row.r);
    }
    return tables;
  } finally {
    await client.end();
  }
}

/** The tables whose rows differ between two loads, each with a row found in one load only. */
export function differences(
  pipeline: Record<string, TableRows>,
  bulk: Record<string, TableRows>,
): string[] {
  return Object.keys(pipeline).flatMap((table) => {
    const a = pipeline[table]!;
    const b = bulk[table]!;
    const onlyBulk = new Set(b);
    for (const row of a) onlyBulk.delete(row);
    const onlyPipeline = new Set(a);
    for (const row of b) onlyPipeline.delete(row);
    if (onlyBulk.size === 0 && onlyPipeline.size === 0 && a.length === b.length) return [];
    const sample = (rows: Set<string>) => [...rows][0] ?? '(none)';
    return [
      `${table} (${a.length} rows vs ${b.length}; pipeline only: ${sample(onlyPipeline)}; ` +
        `bulk only: ${sample(onlyBulk)})`,
    ];
  });
}
