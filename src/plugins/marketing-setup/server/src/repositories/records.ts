import type { Core } from '@strapi/strapi';
import type { RelationRef } from '../domain/relation-input';

/** The id of the record of `uid` a relation input names, or null when there is none. */
export async function idOfRecord(strapi: Core.Strapi, uid: string, ref: RelationRef): Promise<number | null> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the query engine types uids by the host's registry; any content type is looked up here
  const row = await strapi.db.query(uid as any).findOne({ where: ref, select: ['id'] });
  return row ? Number(row.id) : null;
}

/** A record of `uid` by id, all fields (null when there is none). */
export async function recordById(strapi: Core.Strapi, uid: string, id: number) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the query engine types uids by the host's registry; any content type is looked up here
  return (await strapi.db.query(uid as any).findOne({ where: { id } })) as Record<string, unknown> | null;
}

/** The documentId of the record of `uid` a relation input names, or null when there is none. */
export async function documentIdOfRecord(strapi: Core.Strapi, uid: string, ref: RelationRef): Promise<string | null> {
  if ('documentId' in ref) return ref.documentId;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const row = await strapi.db.query(uid as any).findOne({ where: ref, select: ['documentId'] });
  return row ? String(row.documentId) : null;
}

/** Some fields of the records of `uid` with these ids (missing ids are left out). */
export async function recordsByIds(strapi: Core.Strapi, uid: string, ids: number[], fields: string[]) {
  if (!ids.length) return [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const rows = await strapi.db.query(uid as any).findMany({ where: { id: { $in: ids } }, select: ['id', ...fields] });
  return rows as (Record<string, unknown> & { id: number })[];
}
