import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
import { foundation } from './0001_foundation.js';
import { inApp } from './0002_in_app.js';
import { accounts } from './0003_accounts.js';
import { ingestLog } from './0004_ingest_log.js';
import { campaigns } from './0006_campaigns.js';
import { segmentBuilds } from './0007_segment_builds.js';
import { ingestJournal } from './0008_ingest_journal.js';
import { mergedPeople } from './0009_merged_people.js';
import { segmentMemberPages } from './0010_segment_member_pages.js';
import { experiments } from './0011_experiments.js';
import { inbox } from './0012_inbox.js';
import { ingestLogCompression } from './0013_ingest_log_compression.js';
import { messageViewers } from './0014_message_viewers.js';
import { eventsByUserAndName } from './0015_events_by_user_and_name.js';

/**
 * The one ordered list of migrations, for both dialects. Names sort in order of application;
 * a migration that has shipped is never edited, only followed by a new one.
 */
export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_foundation': foundation(dialect),
    '0002_in_app': inApp(),
    '0003_accounts': accounts(dialect),
    '0004_ingest_log': ingestLog(dialect),
    '0006_campaigns': campaigns(),
    '0007_segment_builds': segmentBuilds(),
    '0008_ingest_journal': ingestJournal(),
    '0009_merged_people': mergedPeople(),
    '0010_segment_member_pages': segmentMemberPages(),
    '0011_experiments': experiments(),
    '0012_inbox': inbox(),
    '0013_ingest_log_compression': ingestLogCompression(dialect),
    '0014_message_viewers': messageViewers(),
    '0015_events_by_user_and_name': eventsByUserAndName(dialect),
  };
}
