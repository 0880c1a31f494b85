/**
 * Stored pairs (`contact-duplicate`): one row per pair, whichever side was saved last is `contact`
 * (the reference inserts (X,Y) only when neither (X,Y) nor (Y,X) exists). Re-indexing a contact
 * updates its pairs that still hold, deletes those that no longer do, and adds new ones; a pair marked
 * `separateContacts` is never touched, so it is never reported again.
 */
import type { Write } from '../repositories/unit-of-work';
import type { DuplicateVerdict } from '../domain/duplicates/verdict';
import { columnOf, joinTableOf, tableOf } from '../repositories/tables';
import { withSync } from '../utils/sync-context';
import { UID } from '../utils/uids';
import { EVENTS, emitAfterCommit } from '../events';

export interface StoredPair {
  id: number;
  documentId: string;
  otherId: number;
  separate: boolean;
}

/** What a pair carries besides its two contacts. */
export const pairFields = (v: DuplicateVerdict) => ({
  matchingStrings: v.matchingStrings,
  hitPercent: v.hitPercent,
  fuzzyScore: v.fuzzy.total,
  rules: v.rules,
  breakdown: v.fuzzy.breakdown,
});

/** Every pair a contact is part of, from either side: one statement over the two link tables. */
export async function pairsOf(write: Write, contactId: number): Promise<StoredPair[]> {
  return (await pairsOfMany(write, [contactId])).get(contactId) ?? [];
}

/** The pairs of several contacts at once (one statement), by contact id. */
export async function pairsOfMany(write: Write, contactIds: number[]): Promise<Map<number, StoredPair[]>> {
  const { strapi, trx } = write;
  const out = new Map<number, StoredPair[]>(contactIds.map((id) => [id, []]));
  if (!contactIds.length) return out;
  const a = joinTableOf(strapi, UID.contactDuplicate, 'contact');
  const b = joinTableOf(strapi, UID.contactDuplicate, 'duplicateContact');
  const rows = await trx(`${tableOf(strapi, UID.contactDuplicate)} as p`)
    .join(`${a.name} as a`, `a.${a.joinColumn}`, 'p.id')
    .join(`${b.name} as b`, `b.${b.joinColumn}`, 'p.id')
    .where((q) => q.whereIn(`a.${a.inverseJoinColumn}`, contactIds).orWhereIn(`b.${b.inverseJoinColumn}`, contactIds))
    .select(
      'p.id',
      'p.document_id',
      `a.${a.inverseJoinColumn} as contact_id`,
      `b.${b.inverseJoinColumn} as duplicate_id`,
      `p.${columnOf(strapi, UID.contactDuplicate, 'separateContacts')} as separate`,
    );
  for (const r of rows as any[]) {
    const [x, y] = [Number(r.contact_id), Number(r.duplicate_id)];
    const pair = (otherId: number) => ({ id: r.id, documentId: r.document_id, otherId, separate: !!r.separate });
    out.get(x)?.push(pair(y));
    if (y !== x) out.get(y)?.push(pair(x));
  }
  return out;
}

/** Deletes pairs with their link rows (set-based; the link rows do not rely on a cascading foreign key). */
export async function deletePairs(write: Write, ids: number[]) {
  if (!ids.length) return;
  const { strapi, trx } = write;
  for (const rel of ['contact', 'duplicateContact']) {
    const jt = joinTableOf(strapi, UID.contactDuplicate, rel);
    await trx(jt.name).whereIn(jt.joinColumn, ids).delete();
  }
  await trx(tableOf(strapi, UID.contactDuplicate)).whereIn('id', ids).delete();
}

/**
 * Brings the stored pairs of `contactId` in line with `found` (other contact id → verdict). Returns the
 * pairs to report: those found and not marked separate, with the pair's documentId.
 */
export async function savePairs(
  write: Write,
  contactId: number,
  found: Map<number, DuplicateVerdict>,
  existing: StoredPair[],
) {
  const reported = new Map<number, string>();
  const stale: number[] = [];
  for (const pair of existing) {
    if (pair.separate) {
      found.delete(pair.otherId);
      continue;
    }
    const verdict = found.get(pair.otherId);
    if (!verdict) {
      stale.push(pair.id);
      continue;
    }
    await write.strapi.db
      .query(UID.contactDuplicate)
      .update({ where: { id: pair.id }, data: pairFields(verdict) as any });
    reported.set(pair.otherId, pair.documentId);
  }
  await deletePairs(write, stale);
  for (const [otherId, verdict] of found) {
    if (reported.has(otherId)) continue;
    // Marked as the duplicate search's own write: the pair's rules refuse pairs made by hand.
    const pair = await withSync({ origin: { uid: UID.contact, id: contactId } }, () =>
      write.strapi.documents(UID.contactDuplicate).create({
        data: { contact: contactId, duplicateContact: otherId, ...pairFields(verdict), separateContacts: false } as any,
      }),
    );
    reported.set(otherId, pair.documentId);
    await emitAfterCommit(write.strapi, EVENTS.duplicateFound, () => foundPayload(write, pair.documentId));
  }
  return reported;
}

/** The `duplicate.found` payload: the pair as stored, read after the commit (only when a webhook listens). */
async function foundPayload(write: Write, documentId: string) {
  const contact = { select: ['documentId', 'no', 'name', 'type'] };
  const pair: any = await write.strapi.db.query(UID.contactDuplicate).findOne({
    where: { documentId },
    populate: { contact, duplicateContact: contact },
  });
  if (!pair) return null;
  const { matchingStrings, hitPercent, fuzzyScore, rules, breakdown } = pair;
  return {
    pair: documentId,
    contact: pair.contact,
    duplicate: pair.duplicateContact,
    matchingStrings,
    hitPercent,
    fuzzyScore,
    rules,
    breakdown,
  };
}
