/**
 * New contacts written set-based (an import chunk): the rows in multi-row inserts through Strapi's query
 * engine (`createMany`: the schema's defaults, createdAt/updatedAt, JSON columns, the `*CreateMany`
 * lifecycles), each with a new document id and publishedAt as the document service gives a type without
 * draft & publish; then the relation links of all of them in one insert per join table, with the order
 * columns Strapi's own create would write (the inverse order: after the target's last link); then the new rows
 * read back in one statement, as the document service returns a created entry.
 */
import { randomBytes } from 'crypto';
import type { Write } from './unit-of-work';
import type { ContactRow } from './duplicate-contacts';
import { joinTableOf } from './tables';
import { UID } from '../utils/uids';

/** A contact to insert: its values (scalars only) and its links (relation attribute → target id). */
export interface NewContactRow {
  values: Record<string, unknown>;
  links: Record<string, number>;
}

/**
 * A document id like Strapi's (cuid2: 24 characters, lower-case letters and digits, a letter first). Strapi's
 * generator is internal to @strapi/core; a random id of the same form is as unique (120 random bits).
 */
export function newDocumentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(24);
  let id = alphabet[bytes[0] % 26];
  for (let i = 1; i < 24; i += 1) id += alphabet[bytes[i] % 36];
  return id;
}

/** Whether contacts can be inserted this way: every relation a plain link (no `on` condition, no own order). */
export function canInsertSetBased(write: Write, relations: readonly string[]): boolean {
  const attributes = write.strapi.db.metadata.get(UID.contact).attributes as Record<
    string,
    { joinTable?: { on?: unknown } }
  >;
  return relations.every((field) => {
    const jt = attributes[field]?.joinTable;
    return !!jt && !jt.on && !joinTableOf(write.strapi, UID.contact, field).orderColumn;
  });
}

/** Rows per insert of links (SQLite's bound-parameter limit: 4 columns × 200). */
const LINK_CHUNK = 200;

async function insertLinks(write: Write, field: string, links: { id: number; target: number }[]) {
  if (!links.length) return;
  const jt = joinTableOf(write.strapi, UID.contact, field);
  const next = new Map<number, number>();
  if (jt.inverseOrderColumn) {
    const targets = [...new Set(links.map((l) => l.target))];
    const max: Record<string, unknown>[] = await write
      .trx(jt.name)
      .whereIn(jt.inverseJoinColumn, targets)
      .groupBy(jt.inverseJoinColumn)
      .select(jt.inverseJoinColumn)
      .max(jt.inverseOrderColumn, { as: 'max' });
    for (const r of max) next.set(Number(r[jt.inverseJoinColumn]), Number(r.max ?? 0));
  }
  const rows = links.map(({ id, target }) => {
    const row: Record<string, unknown> = { [jt.joinColumn]: id, [jt.inverseJoinColumn]: target };
    if (jt.inverseOrderColumn) {
      const ord = (next.get(target) ?? 0) + 1;
      next.set(target, ord);
      row[jt.inverseOrderColumn] = ord;
    }
    return row;
  });
  for (let i = 0; i < rows.length; i += LINK_CHUNK) await write.trx(jt.name).insert(rows.slice(i, i + LINK_CHUNK));
}

/** Inserts `rows` in order and returns them as stored (in the same order). */
export async function insertContacts(write: Write, rows: NewContactRow[]): Promise<ContactRow[]> {
  if (!rows.length) return [];
  const now = new Date();
  const data = rows.map((r) => ({ ...r.values, documentId: newDocumentId(), publishedAt: now }));
  const { ids } = (await write.strapi.db.query(UID.contact).createMany({ data: data as never })) as {
    ids: (number | string)[];
  };
  if (ids.length !== rows.length) throw new Error(`Inserted ${rows.length} contacts but got ${ids.length} ids back.`);
  const idOf = ids.map(Number);
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r.links)))];
  for (const field of fields) {
    const links = rows.flatMap((r, i) =>
      r.links[field] === undefined ? [] : [{ id: idOf[i], target: r.links[field] }],
    );
    await insertLinks(write, field, links);
  }
  const stored = (await write.strapi.db.query(UID.contact).findMany({ where: { id: { $in: idOf } } })) as ContactRow[];
  const byId = new Map(stored.map((c) => [Number(c.id), c]));
  return idOf.map((id) => byId.get(id)!);
}
