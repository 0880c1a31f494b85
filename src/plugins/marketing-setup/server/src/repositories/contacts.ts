/**
 * Contacts: loading one as a flat record (relations as ids), the company link (a company is its own
 * company), the raw row a merge keeps for undo, and row locks.
 */
import type { Write } from './unit-of-work';
import type { ContactType } from '../domain/contact-fields';
import { UID } from '../utils/uids';
import { columnOf, isPostgres, joinTableOf, rowsOf, tableOf, type RawResult } from './tables';
import { SEARCH_STRINGS } from './duplicate-index';

/** Contact relations that take part in inheritance and defaults, with their target types. */
export const RELATION_FIELDS: Record<string, string> = {
  salesperson: UID.salesperson,
  territory: UID.territory,
  countryRegion: UID.countryRegion,
  language: UID.language,
  salutation: UID.salutation,
};

/** A stored record as the query engine returns it. */
export type Row = { id: number; documentId: string } & Record<string, unknown>;

/** A contact as the rules read it: relations as ids, its company as { id, documentId, type, name }. */
export type FlatContact = Row & {
  type: ContactType;
  no: string | null;
  name: string | null;
  company: { id: number; documentId: string; type: ContactType; name: string | null } | null;
  inheritanceOverrides?: string[] | null;
};

/**
 * A contact as the rules read it: its row through the query engine (columns as attributes), then its links
 * in one statement over the join tables. Strapi's populate would read each relation with a statement of its
 * own (six, each a DISTINCT over a join); every update, merge and import update row starts here.
 */
export async function loadContactFlat(
  write: Pick<Write, 'strapi' | 'trx'>,
  where: Record<string, unknown>,
): Promise<FlatContact | null> {
  const row = (await write.strapi.db.query(UID.contact).findOne({ where })) as Row | null;
  if (!row) return null;
  return toFlat(row, (await linksOf(write, [row.id])).get(row.id));
}

/** `loadContactFlat` for many contacts by document id, in the statements of one. */
export async function loadContactsFlat(
  write: Pick<Write, 'strapi' | 'trx'>,
  documentIds: string[],
): Promise<FlatContact[]> {
  if (!documentIds.length) return [];
  const rows = (await write.strapi.db.query(UID.contact).findMany({
    where: { documentId: { $in: documentIds } },
  })) as Row[];
  const links = await linksOf(
    write,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toFlat(r, links.get(r.id)));
}

/**
 * A contact's stored values with its relations (the master-data relations and its company) as the document ids
 * of the records they point to: what an import row, whose relations are document ids, is compared with.
 */
export async function contactWithLinkDocumentIds(
  write: Pick<Write, 'strapi' | 'trx'>,
  id: number,
): Promise<Record<string, unknown> | null> {
  const { strapi, trx } = write;
  const row = (await strapi.db.query(UID.contact).findOne({ where: { id } })) as Row | null;
  if (!row) return null;
  const relations: [string, string][] = [...Object.entries(RELATION_FIELDS), ['company', UID.contact]];
  const parts = relations.map(([field, target]) => {
    const jt = joinTableOf(strapi, UID.contact, field);
    return `SELECT '${field}' AS field, t.${columnOf(strapi, target, 'documentId')} AS document_id
      FROM ${jt.name} l JOIN ${tableOf(strapi, target)} t ON t.id = l.${jt.inverseJoinColumn}
      WHERE l.${jt.joinColumn} = ?`; // the field names are the plugin's own, written into the text
  });
  const result: RawResult<{ field: string; document_id: string }> = await trx.raw(
    parts.join(' UNION ALL '),
    relations.map(() => id),
  );
  const out: Record<string, unknown> = { ...row, ...Object.fromEntries(relations.map(([f]) => [f, null])) };
  for (const r of rowsOf(result)) out[r.field] ??= r.document_id;
  return out;
}

/** A contact's links: the relation fields' ids and its company. */
interface Links {
  ids: Record<string, number>;
  company: FlatContact['company'];
}

function toFlat(row: Row, links: Links | undefined): FlatContact {
  const out: Record<string, unknown> = { ...row, company: links?.company ?? null };
  for (const f of Object.keys(RELATION_FIELDS)) out[f] = links?.ids[f] ?? null;
  return out as FlatContact;
}

/**
 * The links of `ids`, by contact id, in one statement: a UNION ALL over the relations' join tables, the
 * company's columns read by its id. A relation with more than one link row (none should have) gives the lowest id.
 */
async function linksOf(write: Pick<Write, 'strapi' | 'trx'>, ids: number[]): Promise<Map<number, Links>> {
  const out = new Map<number, Links>(ids.map((id) => [id, { ids: {}, company: null }]));
  if (!ids.length) return out;
  const { strapi, trx } = write;
  const marks = ids.map(() => '?').join(', ');
  const parts: string[] = [];
  const bindings: unknown[] = [];
  for (const field of Object.keys(RELATION_FIELDS)) {
    const jt = joinTableOf(strapi, UID.contact, field);
    parts.push(
      `SELECT '${field}' AS field, ${jt.joinColumn} AS contact_id, ${jt.inverseJoinColumn} AS id, NULL AS document_id,
        NULL AS type, NULL AS name FROM ${jt.name} WHERE ${jt.joinColumn} IN (${marks})`,
    );
    bindings.push(...ids); // the field names are the plugin's own, written into the text
  }
  // The company's columns by primary key, one scalar subquery each: a join lets the planner scan every contact
  // when the link table has no statistics yet (an import's fresh rows: 10 ms at 100,000 contacts, not 0.2).
  const jt = joinTableOf(strapi, UID.contact, 'company');
  const ofCompany = (attribute: string) =>
    `(SELECT c.${columnOf(strapi, UID.contact, attribute)} FROM ${tableOf(strapi, UID.contact)} c
      WHERE c.id = l.${jt.inverseJoinColumn})`;
  parts.push(
    `SELECT 'company' AS field, l.${jt.joinColumn} AS contact_id, l.${jt.inverseJoinColumn} AS id,
      ${ofCompany('documentId')} AS document_id, ${ofCompany('type')} AS type, ${ofCompany('name')} AS name
      FROM ${jt.name} l WHERE l.${jt.joinColumn} IN (${marks})`,
  );
  bindings.push(...ids);
  const result: RawResult<LinkRow> = await trx.raw(`${parts.join(' UNION ALL ')} ORDER BY id`, bindings);
  for (const r of rowsOf(result)) {
    const links = out.get(Number(r.contact_id));
    if (!links) continue;
    const id = Number(r.id);
    if (r.field === 'company') {
      if (r.document_id === null) continue; // a link to a contact that is gone (none should be)
      links.company ??= { id, documentId: r.document_id!, type: r.type as ContactType, name: r.name ?? null };
    } else links.ids[r.field] ??= id;
  }
  return out;
}

type LinkRow = {
  field: string;
  contact_id: number | string;
  id: number | string;
  document_id: string | null;
  type: string | null;
  name: string | null;
};

/** Contacts by id, with the given fields (by number when `byNo`). */
export async function contactsByIds(write: Pick<Write, 'strapi'>, ids: number[], select: string[], byNo = false) {
  return (await write.strapi.db.query(UID.contact).findMany({
    where: { id: { $in: ids } },
    select,
    ...(byNo ? { orderBy: { no: 'asc' } } : {}),
  })) as Row[];
}

/** A contact with its language and salutation (with the salutation's formulas and their languages). */
export async function contactWithSalutation(write: Pick<Write, 'strapi'>, documentId: string) {
  return (await write.strapi.db.query(UID.contact).findOne({
    where: { documentId },
    populate: {
      language: { select: ['id', 'code'] },
      salutation: { populate: { formulas: { populate: { language: { select: ['id', 'code'] } } } } },
    },
  })) as
    | (Row & {
        no: string | null;
        name: string | null;
        language: { code: string } | null;
        salutation: { code: string; formulas?: Record<string, unknown>[] } | null;
      })
    | null;
}

/** Whether a language with this code is set up (the salutation's `language`). */
export async function languageExists(write: Pick<Write, 'strapi'>, code: string) {
  return (await write.strapi.db.query(UID.language).count({ where: { code } })) > 0;
}

/** A contact as stored, all columns (the duplicate search reads it this way). */
export async function contactById(write: Pick<Write, 'strapi'>, id: number) {
  return (await write.strapi.db.query(UID.contact).findOne({ where: { id } })) as (Row & { type: ContactType }) | null;
}

/** A contact that has the id, the documentId or the number (which one does not matter: any is taken). */
export async function contactTaking(write: Pick<Write, 'strapi'>, id: number, documentId: string, no: string | null) {
  return (await write.strapi.db.query(UID.contact).findOne({
    where: { $or: [{ id }, { documentId }, ...(no ? [{ no }] : [])] },
    select: ['no'],
  })) as { no: string | null } | null;
}

/**
 * One contact's columns and links written through Strapi's query engine (no validation: the caller judged the
 * values; updatedAt from Strapi's timestamps, the `beforeUpdate`/`afterUpdate` lifecycles); the row as stored.
 */
export async function updateContactRow(write: Write, id: number, data: Record<string, unknown>): Promise<Row> {
  return (await write.strapi.db.query(UID.contact).update({ where: { id }, data: data as never })) as Row;
}

/**
 * Stamps an admin as creator and last editor of the contacts `created`, and as last editor of those `updated`
 * (documentIds), as the Content Manager's saves do: writes that bypass it (an import job) would otherwise leave
 * the contacts without an owner, out of reach of "is creator" permissions.
 */
export async function stampEditor(
  write: Pick<Write, 'strapi' | 'trx'>,
  userId: number,
  { created, updated }: { created: Iterable<string>; updated: Iterable<string> },
) {
  const meta = write.strapi.db.metadata.get(UID.contact).attributes as unknown as Record<
    string,
    { joinColumn?: { name: string } }
  >;
  const createdBy = meta.createdBy?.joinColumn?.name;
  const updatedBy = meta.updatedBy?.joinColumn?.name;
  if (!createdBy || !updatedBy) return; // a content type without creator fields
  const table = tableOf(write.strapi, UID.contact);
  const documentId = columnOf(write.strapi, UID.contact, 'documentId');
  const stamp = async (ids: string[], columns: Record<string, number>) => {
    for (let i = 0; i < ids.length; i += 500)
      await write
        .trx(table)
        .whereIn(documentId, ids.slice(i, i + 500))
        .update(columns);
  };
  await stamp([...created], { [createdBy]: userId, [updatedBy]: userId });
  await stamp([...updated], { [updatedBy]: userId });
}

/** A company is its own company (as Company No. = No. in Business Central): one link row to itself. */
export async function linkToItself(write: Write, id: number, replace: boolean) {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  if (replace) await write.trx(jt.name).where(jt.joinColumn, id).delete();
  await write.trx(jt.name).insert({
    [jt.joinColumn]: id,
    [jt.inverseJoinColumn]: id,
    ...(jt.inverseOrderColumn ? { [jt.inverseOrderColumn]: 1 } : {}),
  });
}

/** New companies link to themselves: `linkToItself` for many at once (one insert). */
export async function linkAllToThemselves(write: Write, ids: number[]) {
  if (!ids.length) return;
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  const rows = ids.map((id) => ({
    [jt.joinColumn]: id,
    [jt.inverseJoinColumn]: id,
    ...(jt.inverseOrderColumn ? { [jt.inverseOrderColumn]: 1 } : {}),
  }));
  for (let i = 0; i < rows.length; i += 200) await write.trx(jt.name).insert(rows.slice(i, i + 200));
}

/** The company a contact links to (itself for a company), or null. */
export async function companyIdOf(write: Write, contactId: number): Promise<number | null> {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  const [own] = await write.trx(jt.name).where(jt.joinColumn, contactId).select(jt.inverseJoinColumn);
  return own ? Number(own[jt.inverseJoinColumn]) : null;
}

/**
 * On PostgreSQL, locks the contacts' rows (in id order, so two writes locking the same contacts queue
 * up instead of deadlocking). SQLite has one writer at a time anyway.
 */
export async function lockContactRows(write: Write, documentIds: string[]) {
  if (!isPostgres(write.strapi)) return;
  await write
    .trx(tableOf(write.strapi, UID.contact))
    .select('id')
    .whereIn('document_id', documentIds)
    .orderBy('id')
    .forUpdate();
}

/**
 * The duplicate's own database row, kept in the merge log and put back as it was by undo (same id and
 * documentId, so every stored link row and every reference to its documentId is valid again). A
 * restore is a rollback of the merge, not a new write: numbering, defaults and inheritance must not
 * run on it, so it is inserted as stored, inside the undo's transaction. Dates as ISO strings (pg
 * returns Date objects), so the row survives the JSON snapshot.
 */
export async function contactRow(write: Write, id: number): Promise<Record<string, unknown>> {
  const row: Record<string, unknown> = await write.trx(tableOf(write.strapi, UID.contact)).where({ id }).first();
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

/** Inserts the stored row again; JSON columns go to pg as JSON text (an array would otherwise become a pg array). */
export async function insertContactRow(write: Write, row: Record<string, unknown>) {
  const pg = isPostgres(write.strapi);
  const values = Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, pg && v !== null && typeof v === 'object' ? JSON.stringify(v) : v]),
  );
  await write.trx(tableOf(write.strapi, UID.contact)).insert(values);
}

/** How many duplicate-search strings the contact has (derived rows, dropped with it). */
export async function searchStringCount(write: Write, contactId: number): Promise<number> {
  const [{ n }] = await write.trx(SEARCH_STRINGS).where('contact_id', contactId).count({ n: '*' });
  return Number(n);
}
