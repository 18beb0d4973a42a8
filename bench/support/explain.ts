import pg from 'pg';

/** What PostgreSQL plans for one of Herald's hot queries: the indexes it uses, or its scans. */
export interface Plan {
  name: string;
  summary: string;
}

/**
 * EXPLAIN of the statements behind the measured figures, written as the store writes them
 * (same tables, predicates and order), on the loaded database: every one should reach its rows
 * through an index, never by reading a whole table.
 */
export async function explain(
  databaseUrl: string,
  workspaceId: string,
  messageId: string,
  segmentId: string,
): Promise<Plan[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const statements: Array<[string, string, unknown[]]> = [
      [
        'delivery: the visitor’s message states',
        `SELECT message_id, views, last_viewed_at, dismissed_at, variant, read_at, archived_at
           FROM message_states WHERE workspace_id = $1 AND visitor = $2`,
        [workspaceId, 'u:user-7'],
      ],
      [
        'delivery: the person’s segments',
        `SELECT sm.segment_id FROM identities i JOIN segment_members sm ON sm.profile_id = i.profile_id
          WHERE i.workspace_id = $1 AND i.kind = 'user' AND i.value = $2`,
        [workspaceId, 'user-7'],
      ],
      [
        'metrics: unique viewers',
        `SELECT count(*) FROM message_states
          WHERE message_id = $1 AND first_viewed_at >= $2 AND first_viewed_at < $3`,
        [messageId, 0, Date.now()],
      ],
      [
        'metrics: hourly counters',
        `SELECT hour, metric, action, count FROM message_stats
          WHERE message_id = $1 AND hour >= $2 AND hour < $3`,
        [messageId, 0, Date.now()],
      ],
      [
        'segment: member count',
        `SELECT count(*) FROM segment_members WHERE segment_id = $1`,
        [segmentId],
      ],
      [
        'activity: a person’s events, newest first (their identifiers named, as people.ts does)',
        `SELECT * FROM events WHERE workspace_id = $1
            AND (user_id IN ('user-11') OR anonymous_id IN ('anon-11'))
          ORDER BY timestamp DESC, id DESC LIMIT 51`,
        [workspaceId],
      ],
    ];
    const plans: Plan[] = [];
    for (const [name, sql, params] of statements) {
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      );
      plans.push({ name, summary: summarise(rows[0]!['QUERY PLAN']) });
    }
    return plans;
  } finally {
    await client.end();
  }
}

interface Node {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: Node[];
}

/** "Index Only Scan message_states_pk; Seq Scan identities" — every scan of the plan. */
function summarise(plan: unknown): string {
  const scans: string[] = [];
  const walk = (node: Node) => {
    if (node['Node Type'].includes('Scan')) {
      scans.push(
        `${node['Node Type']} ${node['Index Name'] ?? node['Relation Name'] ?? ''}`.trim(),
      );
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk((plan as Array<{ Plan: Node }>)[0]!.Plan);
  return [...new Set(scans)].join('; ');
}
