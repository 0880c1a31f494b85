/**
 * Many rows into one plain table. On PostgreSQL one statement whatever the count: each column goes as one array
 * (`INSERT … SELECT * FROM unnest($1::int[], $2::text[], …)`), so the server parses and plans five parameters,
 * not five per row, and knex does not number tens of thousands of placeholders. On SQLite multi-row inserts
 * under its bound-parameter limit.
 */
import type { Write } from './unit-of-work';
import { isPostgres } from './tables';

export type ColumnType = 'int' | 'text';

/** A PostgreSQL array literal: `{1,2,NULL}`, `{"a","b \"c\""}` (every text element quoted and escaped). */
export function pgArray(values: readonly unknown[], type: ColumnType): string {
  const element = (v: unknown) => {
    if (v === null || v === undefined) return 'NULL';
    if (type === 'int') {
      const n = typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v)) ? Number(v) : NaN;
      if (!Number.isSafeInteger(n)) throw new TypeError(`Not a whole number: ${String(v)}`);
      return String(n);
    }
    return `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  };
  return `{${values.map(element).join(',')}}`;
}

/** Rows per statement on SQLite: 999 bound parameters in older builds, so 150 rows of up to 6 columns. */
const SQLITE_ROWS = 150;

export async function insertRows(
  write: Pick<Write, 'strapi' | 'trx'>,
  table: string,
  columns: Record<string, ColumnType>,
  rows: readonly Record<string, unknown>[],
) {
  if (!rows.length) return;
  if (!isPostgres(write.strapi)) {
    for (let i = 0; i < rows.length; i += SQLITE_ROWS) await write.trx(table).insert(rows.slice(i, i + SQLITE_ROWS));
    return;
  }
  const names = Object.keys(columns);
  await write.trx.raw(
    `INSERT INTO ?? (${names.map(() => '??').join(', ')}) SELECT * FROM unnest(${names
      .map((c) => `?::${columns[c]}[]`)
      .join(', ')})`,
    [
      table,
      ...names,
      ...names.map((c) =>
        pgArray(
          rows.map((r) => r[c]),
          columns[c],
        ),
      ),
    ],
  );
}
