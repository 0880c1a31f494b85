import type { Core } from '@strapi/strapi';

/** Table and column names of a content type, read from Strapi's metadata (never guessed). */
export const tableOf = (strapi: Core.Strapi, uid: string) => strapi.db.metadata.get(uid as any).tableName;

export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string) => {
  const attr = strapi.db.metadata.get(uid as any).attributes[attribute] as any;
  return attr?.columnName ?? attribute;
};

/** The join table behind a relation attribute: { name, joinColumn, inverseJoinColumn, orderColumn? }. */
export const joinTableOf = (strapi: Core.Strapi, uid: string, attribute: string) => {
  const jt = (strapi.db.metadata.get(uid as any).attributes[attribute] as any).joinTable;
  return {
    name: jt.name as string,
    joinColumn: jt.joinColumn.name as string,
    inverseJoinColumn: jt.inverseJoinColumn.name as string,
    orderColumn: (jt.orderColumnName ?? null) as string | null,
    inverseOrderColumn: (jt.inverseOrderColumnName ?? null) as string | null,
  };
};

export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/** Today as YYYY-MM-DD (UTC), the usage date of a number drawn now. */
export const today = () => new Date().toISOString().slice(0, 10);

/** Dates come back from SQLite as strings and from pg as Date objects; the domain wants YYYY-MM-DD. */
export const isoDate = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
};
