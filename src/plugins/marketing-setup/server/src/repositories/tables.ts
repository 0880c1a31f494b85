import type { Core } from '@strapi/strapi';

/** Table and column names of a content type, read from Strapi's metadata (never guessed). */
export const tableOf = (strapi: Core.Strapi, uid: string) => strapi.db.metadata.get(uid).tableName;

export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string => {
  const attr = strapi.db.metadata.get(uid).attributes[attribute] as { columnName?: string } | undefined;
  return attr?.columnName ?? attribute;
};

/** The shape of a relation's join table in Strapi's metadata (the part we read). */
interface JoinTableMeta {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
}

/** The join table behind a relation attribute: { name, joinColumn, inverseJoinColumn, orderColumn? }. */
export const joinTableOf = (strapi: Core.Strapi, uid: string, attribute: string) => {
  const jt = (strapi.db.metadata.get(uid).attributes[attribute] as unknown as { joinTable: JoinTableMeta }).joinTable;
  return {
    name: jt.name,
    joinColumn: jt.joinColumn.name,
    inverseJoinColumn: jt.inverseJoinColumn.name,
    orderColumn: jt.orderColumnName ?? null,
    inverseOrderColumn: jt.inverseOrderColumnName ?? null,
  };
};

export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/** knex.raw's result: the rows themselves on SQLite, pg's result object (`rows`) on PostgreSQL. */
export type RawResult<T> = T[] | { rows: T[] };
export const rowsOf = <T>(result: RawResult<T>): T[] => (Array.isArray(result) ? result : result.rows);

/** Today as YYYY-MM-DD (UTC), the usage date of a number drawn now. */
export const today = () => new Date().toISOString().slice(0, 10);

/** Dates come back from SQLite as strings and from pg as Date objects; the domain wants YYYY-MM-DD. */
export const isoDate = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
};
