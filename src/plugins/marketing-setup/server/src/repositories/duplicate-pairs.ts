/**
 * Stored pairs (`contact-duplicate`): one row per pair, whichever side was saved last is `contact`
 * (the reference inserts (X,Y) only when neither (X,Y) nor (Y,X) exists). Written set-based: whatever
 * the number of pairs a write or a batch settles, one delete, one update and one insert (plus its two
 * link-table inserts) — not a Strapi write per pair, which held the contacts' row locks for the whole
 * loop (issue 14). The rows are written as the document service would write them (document id,
 * timestamps, publication date) so the Content Manager, REST and the admin read them alike.
 */
import type { Write } from './unit-of-work';
import type { PairChanges, PairFigures, StoredPair } from '../domain/duplicate-search';
import { columnOf, isPostgres, joinTableOf, tableOf } from './tables';
import { UID } from '../utils/uids';

const PAIR = UID.contactDuplicate;

/** Pairs per statement: keeps SQLite under its bound-parameter limit. */
const CHUNK = 100;
const chunks = <T>(rows: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
};

interface PairLinkRow {
  id: number;
  document_id: string;
  contact_id: number | string;
  duplicate_id: number | string;
  separate: boolean | number | null;
}

/** Every pair a contact is part of, from either side: one statement over the two link tables. */
export async function pairsOf(write: Write, contactId: number): Promise<StoredPair[]> {
  return (await pairsOfMany(write, [contactId])).get(contactId) ?? [];
}

/** The pairs of several contacts at once (one statement), by contact id. */
export async function pairsOfMany(write: Write, contactIds: number[]): Promise<Map<number, StoredPair[]>> {
  const { strapi, trx } = write;
  const out = new Map<number, StoredPair[]>(contactIds.map((id) => [id, []]));
  if (!contactIds.length) return out;
  const a = joinTableOf(strapi, PAIR, 'contact');
  const b = joinTableOf(strapi, PAIR, 'duplicateContact');
  const rows: PairLinkRow[] = await trx(`${tableOf(strapi, PAIR)} as p`)
    .join(`${a.name} as a`, `a.${a.joinColumn}`, 'p.id')
    .join(`${b.name} as b`, `b.${b.joinColumn}`, 'p.id')
    .where((q) => q.whereIn(`a.${a.inverseJoinColumn}`, contactIds).orWhereIn(`b.${b.inverseJoinColumn}`, contactIds))
    .select(
      'p.id',
      'p.document_id',
      `a.${a.inverseJoinColumn} as contact_id`,
      `b.${b.inverseJoinColumn} as duplicate_id`,
      `p.${columnOf(strapi, PAIR, 'separateContacts')} as separate`,
    );
  for (const r of rows) {
    const [x, y] = [Number(r.contact_id), Number(r.duplicate_id)];
    const pair = (otherId: number, reversed: boolean): StoredPair => ({
      id: r.id,
      documentId: r.document_id,
      otherId,
      separate: !!r.separate,
      reversed,
    });
    // Seen from its `duplicateContact` (y), the pair is the other way round.
    out.get(x)?.push(pair(y, false));
    if (y !== x) out.get(y)?.push(pair(x, true));
  }
  return out;
}

/** Deletes pairs with their link rows (set-based; the link rows do not rely on a cascading foreign key). */
export async function deletePairs(write: Write, ids: number[]) {
  if (!ids.length) return;
  const { strapi, trx } = write;
  for (const rel of ['contact', 'duplicateContact']) {
    const jt = joinTableOf(strapi, PAIR, rel);
    await trx(jt.name).whereIn(jt.joinColumn, ids).delete();
  }
  await trx(tableOf(strapi, PAIR)).whereIn('id', ids).delete();
}

/** A new document id, made the way Strapi makes them (the model's `documentId` default). */
function newDocumentId(write: Write): string {
  const attr = write.strapi.db.metadata.get(PAIR).attributes.documentId as { default?: unknown };
  if (typeof attr.default !== 'function') throw new Error('Strapi no longer generates document ids in its model.');
  return String(attr.default());
}

/** The figures as columns (JSON as text: what Strapi stores on both databases). */
function figureColumns(write: Write, f: PairFigures): Record<string, unknown> {
  const col = (attribute: string) => columnOf(write.strapi, PAIR, attribute);
  return {
    [col('matchingStrings')]: f.matchingStrings,
    [col('hitPercent')]: f.hitPercent,
    [col('fuzzyScore')]: f.fuzzyScore,
    [col('rules')]: JSON.stringify(f.rules),
    [col('breakdown')]: JSON.stringify(f.breakdown),
  };
}

/** PostgreSQL types of the figure columns for the update's VALUES list (SQLite takes values untyped). */
const PG_TYPES: Record<string, string> = {
  matchingStrings: 'integer',
  hitPercent: 'integer',
  fuzzyScore: 'numeric',
  rules: 'jsonb',
  breakdown: 'jsonb',
};
const FIGURES = Object.keys(PG_TYPES);

/** New figures of pairs that still hold: one UPDATE … FROM (VALUES …) per chunk. */
async function updateFigures(write: Write, rows: PairChanges['update'], now: Date) {
  const { strapi, trx } = write;
  const table = tableOf(strapi, PAIR);
  const pg = isPostgres(strapi);
  const cast = (type: string) => (pg ? `CAST(? AS ${type})` : '?');
  const tuple = `(${[cast('integer'), ...FIGURES.map((f) => cast(PG_TYPES[f]))].join(', ')})`;
  // VALUES columns are column1, column2, … on both databases: column1 is the id, then FIGURES in order.
  const assignments = FIGURES.map((f, i) => `${columnOf(strapi, PAIR, f)} = v.column${i + 2}`);
  for (const chunk of chunks(rows)) {
    const bindings = chunk.flatMap(({ id, figures }) => [id, ...Object.values(figureColumns(write, figures))]);
    await trx.raw(
      `UPDATE ${table} SET ${assignments.join(', ')}, ${columnOf(strapi, PAIR, 'updatedAt')} = ?
       FROM (VALUES ${chunk.map(() => tuple).join(', ')}) AS v WHERE ${table}.id = v.column1`,
      [now, ...bindings],
    );
  }
}

/** New pairs: the pair rows in one multi-row insert (ids returned), then their two link rows each. */
async function insertPairs(write: Write, rows: PairChanges['insert'], now: Date) {
  const { strapi, trx } = write;
  const col = (attribute: string) => columnOf(strapi, PAIR, attribute);
  const a = joinTableOf(strapi, PAIR, 'contact');
  const b = joinTableOf(strapi, PAIR, 'duplicateContact');
  const inserted: { contactId: number; otherId: number; documentId: string }[] = [];
  for (const chunk of chunks(rows)) {
    const made = chunk.map((row) => ({ ...row, documentId: newDocumentId(write) }));
    const ids: { id: number; document_id: string }[] = await trx(tableOf(strapi, PAIR))
      .insert(
        made.map((row) => ({
          document_id: row.documentId,
          ...figureColumns(write, row.figures),
          [col('separateContacts')]: false,
          [col('createdAt')]: now,
          [col('updatedAt')]: now,
          // Without draft & publish Strapi publishes every record on create.
          [col('publishedAt')]: now,
        })),
      )
      .returning(['id', 'document_id']);
    const idOf = new Map(ids.map((r) => [r.document_id, Number(r.id)]));
    const link = (jt: typeof a, contactOf: (row: (typeof made)[number]) => number) =>
      trx(jt.name).insert(
        made.map((row) => ({ [jt.joinColumn]: idOf.get(row.documentId), [jt.inverseJoinColumn]: contactOf(row) })),
      );
    await link(a, (row) => row.contactId);
    await link(b, (row) => row.otherId);
    inserted.push(...made.map(({ contactId, otherId, documentId }) => ({ contactId, otherId, documentId })));
  }
  return inserted;
}

/**
 * Writes a set of pair changes (domain `pairChanges`, one contact's or a whole batch's); returns the new
 * pairs with their document ids.
 */
export async function writePairs(write: Write, changes: PairChanges) {
  const now = new Date();
  await deletePairs(write, changes.remove);
  await updateFigures(write, changes.update, now);
  return insertPairs(write, changes.insert, now);
}

interface ContactRef {
  documentId: string;
  no: string | null;
  name: string | null;
  type: string;
}
interface PairRecord extends PairFigures {
  id: number;
  documentId: string;
  separateContacts: boolean | null;
  contact: (ContactRef & { id: number }) | null;
  duplicateContact: (ContactRef & { id: number }) | null;
}

/** A pair as stored, with both contacts (the `duplicate.found` event's payload, read after the commit). */
export async function pairWithContacts(write: Write, documentId: string): Promise<PairRecord | null> {
  const contact = { select: ['documentId', 'no', 'name', 'type'] };
  return write.strapi.db.query(PAIR).findOne({
    where: { documentId },
    populate: { contact, duplicateContact: contact },
  });
}

/** Pairs by id with both contacts, newest first. */
export async function pairsWithContacts(write: Write, ids: number[]): Promise<PairRecord[]> {
  if (!ids.length) return [];
  const contact = { select: ['id', 'documentId', 'no', 'name', 'type'] };
  return write.strapi.db.query(PAIR).findMany({
    where: { id: { $in: ids } },
    orderBy: { id: 'desc' },
    populate: { contact, duplicateContact: contact },
  });
}

/** Whether the pair a write names (its documentId) is marked as separate contacts. */
export async function pairMarkedSeparate(write: Write): Promise<boolean> {
  const pair = await write.strapi.db
    .query(PAIR)
    .findOne({ where: { documentId: write.params.documentId }, select: ['separateContacts'] });
  return !!pair?.separateContacts;
}
