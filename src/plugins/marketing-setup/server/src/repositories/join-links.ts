/**
 * The link rows of a merge, found from Strapi's metadata rather than a list: every relation attribute
 * of every content type and component (the plugin's, the host app's, other plugins') whose target is
 * the contact. Moving a contact's links = updating its id in those join tables; undo moves the same
 * rows back. All statements run in the caller's transaction.
 */
import type { Write } from './unit-of-work';
import { joinTableOf, tableOf } from './tables';
import { UID } from '../utils/uids';

/** A join-table row as stored (its own id taken out where it is kept for undo). */
type JoinRow = Record<string, unknown>;

/** A relation attribute as Strapi's schema describes it (the part read here). */
interface RelationAttribute {
  type: string;
  target?: string;
  mappedBy?: string;
  relation?: string;
}
interface Model {
  attributes?: Record<string, RelationAttribute>;
  info?: { displayName?: string };
}

export interface ContactLink {
  uid: string;
  attribute: string;
  displayName: string;
  /** true: a contact may be linked from one record only (one-to-one, or the "many" side of one-to-many). */
  single: boolean;
}

/** Handled on their own: pairs are derived data (dropped and rebuilt), the merge log holds no relations. */
const SKIPPED = new Set<string>([UID.contactDuplicate, UID.mergeLog]);

/** createdBy / updatedBy are plain columns, not join tables. */
const hasJoinTable = (write: Write, uid: string, attribute: string) =>
  !!(write.strapi.db.metadata.get(uid)?.attributes?.[attribute] as { joinTable?: unknown } | undefined)?.joinTable;

/** Every owning relation attribute that points at the contact, content types and components alike. */
export function linksToContact(write: Write): ContactLink[] {
  const { strapi } = write;
  const models: Record<string, Model> = {
    ...(strapi.contentTypes as unknown as Record<string, Model>),
    ...(strapi.components as unknown as Record<string, Model>),
  };
  const links: ContactLink[] = [];
  for (const [uid, model] of Object.entries(models)) {
    if (SKIPPED.has(uid)) continue;
    for (const [attribute, attr] of Object.entries(model.attributes ?? {})) {
      if (attr.type !== 'relation' || attr.target !== UID.contact || attr.mappedBy) continue;
      if (!hasJoinTable(write, uid, attribute)) continue;
      links.push({
        uid,
        attribute,
        displayName: model.info?.displayName ?? uid,
        single: attr.relation === 'oneToOne' || attr.relation === 'oneToMany',
      });
    }
  }
  return links;
}

/** A contact's incoming rows of one link; for the contact's own `company`, its link to itself is not incoming. */
const incoming = (write: Write, link: ContactLink, contactId: number) => {
  const jt = joinTableOf(write.strapi, link.uid, link.attribute);
  const q = write.trx(jt.name).where(jt.inverseJoinColumn, contactId);
  return link.uid === UID.contact ? q.whereNot(jt.joinColumn, contactId) : q;
};

export async function countIncoming(write: Write, link: ContactLink, contactId: number): Promise<number> {
  const [{ n }] = await incoming(write, link, contactId).count({ n: '*' });
  return Number(n);
}

/** What undo needs to put one link back: the rows moved, and the rows dropped because the record already pointed at the survivor. */
export interface MovedLink {
  uid: string;
  attribute: string;
  moved: number[];
  dropped: JoinRow[];
}

/** Re-points every incoming row of `fromId` to `toId`; a record linked to both keeps one row (to `toId`). */
export async function moveIncoming(
  write: Write,
  link: ContactLink,
  fromId: number,
  toId: number,
): Promise<MovedLink | null> {
  const jt = joinTableOf(write.strapi, link.uid, link.attribute);
  const rows: JoinRow[] = await incoming(write, link, fromId).select('*');
  if (!rows.length) return null;
  const entities = rows.map((r) => r[jt.joinColumn] as number);
  const both = new Set(
    (
      await write.trx(jt.name).where(jt.inverseJoinColumn, toId).whereIn(jt.joinColumn, entities).pluck(jt.joinColumn)
    ).map(Number),
  );
  const dropped = rows.filter((r) => both.has(Number(r[jt.joinColumn])));
  const moved = rows.filter((r) => !both.has(Number(r[jt.joinColumn]))).map((r) => r.id as number);
  if (dropped.length)
    await write
      .trx(jt.name)
      .whereIn(
        'id',
        dropped.map((r) => r.id as number),
      )
      .delete();
  for (let i = 0; i < moved.length; i += 5000) {
    await write
      .trx(jt.name)
      .whereIn('id', moved.slice(i, i + 5000))
      .update({ [jt.inverseJoinColumn]: toId });
  }
  return { uid: link.uid, attribute: link.attribute, moved, dropped: dropped.map(({ id: _id, ...row }) => row) };
}

/**
 * Moves the rows back (undo). Rows deleted or re-pointed since the merge are left alone; a dropped row
 * comes back only if its record still exists. Returns how many rows came back.
 */
export async function moveBack(
  write: Write,
  link: MovedLink,
  survivorId: number,
  duplicateId: number,
): Promise<number> {
  const jt = joinTableOf(write.strapi, link.uid, link.attribute);
  let restored = 0;
  for (let i = 0; i < link.moved.length; i += 5000) {
    restored += await write
      .trx(jt.name)
      .whereIn('id', link.moved.slice(i, i + 5000))
      .where(jt.inverseJoinColumn, survivorId)
      .update({ [jt.inverseJoinColumn]: duplicateId });
  }
  restored += await reinsert(write, jt.name, tableOf(write.strapi, link.uid), jt.joinColumn, link.dropped);
  return restored;
}

/** Inserts stored link rows whose owning record (`ownerColumn` into `ownerTable`) still exists. */
export async function reinsert(
  write: Write,
  joinTable: string,
  ownerTable: string,
  ownerColumn: string,
  rows: JoinRow[],
) {
  if (!rows.length) return 0;
  const existing = new Set(
    (
      await write
        .trx(ownerTable)
        .whereIn(
          'id',
          rows.map((r) => r[ownerColumn] as number),
        )
        .pluck('id')
    ).map(Number),
  );
  const alive = rows.filter((r) => existing.has(Number(r[ownerColumn])));
  if (alive.length) await write.trx(joinTable).insert(alive);
  return alive.length;
}

/** The contact's own outgoing relation rows (its company, salesperson, …), to re-create it on undo. */
export async function ownLinkRows(write: Write, contactId: number) {
  const attrs = write.strapi.getModel(UID.contact).attributes as unknown as Record<string, RelationAttribute>;
  const out: { attribute: string; rows: JoinRow[] }[] = [];
  for (const [attribute, attr] of Object.entries(attrs)) {
    if (attr.type !== 'relation' || attr.mappedBy || !hasJoinTable(write, UID.contact, attribute)) continue;
    const jt = joinTableOf(write.strapi, UID.contact, attribute);
    const rows: JoinRow[] = await write.trx(jt.name).where(jt.joinColumn, contactId).select('*');
    if (rows.length) out.push({ attribute, rows: rows.map(({ id: _id, ...row }) => row) });
  }
  return out;
}

/** Re-creates the contact's own relation rows whose target still exists; returns the attributes that lost their target. */
export async function restoreOwnLinkRows(write: Write, own: { attribute: string; rows: JoinRow[] }[]) {
  const lost: string[] = [];
  const attrs = write.strapi.getModel(UID.contact).attributes as unknown as Record<string, RelationAttribute>;
  for (const { attribute, rows } of own) {
    if (!attrs[attribute]) continue;
    const jt = joinTableOf(write.strapi, UID.contact, attribute);
    const n = await reinsert(
      write,
      jt.name,
      tableOf(write.strapi, attrs[attribute].target!),
      jt.inverseJoinColumn,
      rows,
    );
    if (n < rows.length) lost.push(attribute);
  }
  return lost;
}
