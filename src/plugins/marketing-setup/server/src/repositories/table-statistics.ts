/**
 * PostgreSQL's planner statistics for the tables an import job reads — the duplicate search's, the contacts and
 * the job's own stored rows — refreshed after each chunk. A new database has none until autovacuum's first round
 * (a minute or more, never where autovacuum is off), and without them the candidate lookup reads the search
 * strings through the (field, part) index, throwing away about a thousand rows per string (the import benchmark
 * ran 126 rows/s on a fresh database against 216 with statistics), and the next chunk's rows are read by sorting
 * every row after the cursor (9 ms a chunk at 30,000 rows, more the longer the file) instead of walking the key.
 * SQLite plans without statistics; nothing is done there.
 */
import type { Core } from '@strapi/strapi';
import { BLOCKING_KEYS, NAMES, SEARCH_STRINGS } from './duplicate-index';
import { IMPORT_ROWS } from './import-jobs';
import { isPostgres, tableOf } from './tables';
import { UID } from '../utils/uids';

/** A table's counters as PostgreSQL keeps them (`pg_stat_user_tables`). */
export interface TableActivity {
  liveRows: number;
  changedSinceAnalyze: number;
  analyzed: boolean;
}

/** Changes below this never trigger a refresh (a small table is planned well enough, and tests stay quiet). */
export const STATISTICS_MIN_CHANGES = 500;

/**
 * Whether a table's statistics are stale: never analysed, or changed by more than a fifth since (autovacuum's
 * default scale factor is a tenth plus 50 rows; a fifth keeps a long import from analysing after every chunk).
 */
export const statisticsStale = (t: TableActivity): boolean =>
  t.changedSinceAnalyze >= STATISTICS_MIN_CHANGES && (!t.analyzed || t.changedSinceAnalyze > 0.2 * t.liveRows);

/** Analyses those tables whose statistics are stale; returns their names. */
export async function refreshImportStatistics(strapi: Core.Strapi): Promise<string[]> {
  if (!isPostgres(strapi)) return [];
  const db = strapi.db.connection;
  const tables = [SEARCH_STRINGS, BLOCKING_KEYS, NAMES, tableOf(strapi, UID.contact), IMPORT_ROWS];
  const rows: {
    relname: string;
    n_live_tup: string | number;
    n_mod_since_analyze: string | number;
    analyzed: boolean;
  }[] = await db('pg_stat_user_tables')
    .select(
      'relname',
      'n_live_tup',
      'n_mod_since_analyze',
      db.raw('(last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) AS analyzed'),
    )
    .whereIn('relname', tables)
    .andWhereRaw('schemaname = current_schema()');
  const stale = rows
    .filter((r) =>
      statisticsStale({
        liveRows: Number(r.n_live_tup),
        changedSinceAnalyze: Number(r.n_mod_since_analyze),
        analyzed: !!r.analyzed,
      }),
    )
    .map((r) => r.relname);
  for (const table of stale) await db.raw('ANALYZE ??', [table]);
  return stale;
}
