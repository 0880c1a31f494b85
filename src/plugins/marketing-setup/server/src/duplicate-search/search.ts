/**
 * The duplicate search of one contact, inside the caller's transaction: (re)build its search strings
 * and blocking keys, fetch candidates through the indexes, score each with the domain's one verdict,
 * and bring the stored pairs in line. Also the hook the contact's write rules call after a write.
 */
import type { Write } from '../write-rules/types';
import {
  blockingKeys, buildSearchStrings, duplicateVerdict, ownFieldsForSearch, prepareContact, requiredMatches, type DuplicateVerdict,
} from '../domain/duplicates';
import { getService } from '../utils/services';
import { reportDuplicates, type ReportedDuplicate } from '../utils/request-state';
import { UID } from '../utils/uids';
import { searchLines } from './setup-lines';
import { removeIndexOf, replaceIndexOf } from './index-store';
import { candidateIds } from './candidates';
import { pairsOf, savePairs, deletePairs } from './pairs';

/** Contact fields the fuzzy rule reads (the setup lines may name more). */
const FUZZY_FIELDS = ['type', 'name', 'firstName', 'middleName', 'surname', 'address', 'city', 'postCode', 'phoneNo', 'mobilePhoneNo', 'vatRegistrationNo', 'email'];

type ContactRow = Record<string, any> & { id: number; documentId: string; type: string };

const fieldsToRead = (lines: { field: string }[]) =>
  [...new Set(['id', 'documentId', 'no', 'companyName', 'inheritanceOverrides', ...FUZZY_FIELDS, ...lines.map((l) => l.field)])];

/**
 * A person's company is not read from the join table (one statement less per write): a person's
 * `companyName` always follows its company and is blank without one.
 */
const hasCompany = (c: Record<string, any>) => c.type === 'person' && !!c.companyName;

/** Runs the search for `contact` (a full record after the write); returns the pairs to report. */
export async function searchDuplicates(write: Write, contact: ContactRow, isNew: boolean): Promise<ReportedDuplicate[]> {
  const lines = await searchLines(write.strapi, write.trx);
  const setup = await getService(write.strapi, 'setup').get(write.trx);
  const prepared = prepareContact(contact);
  // Phone and e-mail keys only from the person's own values: an inherited company phone would put
  // every colleague in one bucket (and score them all on each create).
  const own = ownFieldsForSearch(contact, hasCompany(contact), setup);
  const keys = blockingKeys({ ...contact, phoneNo: own.phoneNo, mobilePhoneNo: own.mobilePhoneNo, email: own.email });
  const stringsOf = (c: Record<string, any>) => buildSearchStrings(ownFieldsForSearch(c, hasCompany(c), setup), lines);
  const strings = stringsOf(contact);
  await replaceIndexOf(write, contact, strings, keys);

  const required = lines.length ? requiredMatches(lines.length, setup.searchHitPercent) : 0;
  const ids = await candidateIds(write, contact.id, required, keys);
  const others: ContactRow[] = ids.length
    ? await write.strapi.db.query(UID.contact).findMany({ where: { id: { $in: ids } }, select: fieldsToRead(lines) })
    : [];
  const found = new Map<number, DuplicateVerdict>();
  const byId = new Map(others.map((o) => [o.id, o]));
  for (const other of others) {
    const verdict = duplicateVerdict({ contact, prepared, searchStrings: strings }, { contact: other, searchStrings: stringsOf(other) },
      { lines, hitPercent: setup.searchHitPercent });
    if (verdict.isDuplicate) found.set(other.id, verdict);
  }
  // A new contact has no pairs yet: one statement saved on every create.
  const existing = isNew ? [] : await pairsOf(write, contact.id);
  const verdicts = new Map(found);
  const reported = await savePairs(write, contact.id, found, existing);
  return [...reported].map(([otherId, pairDocumentId]) => {
    const other = byId.get(otherId)!;
    const v = verdicts.get(otherId)!;
    return {
      documentId: other.documentId, no: other.no ?? null, name: other.name ?? null, pairDocumentId,
      matchingStrings: v.matchingStrings, hitPercent: v.hitPercent, fuzzyScore: v.fuzzy.total, rules: v.rules,
    };
  });
}

/** Did the write change anything the search reads? (The reference re-indexes on a field change only.) */
const searchInputChanged = (lines: { field: string }[], before: Record<string, any>, after: Record<string, any>) =>
  fieldsToRead(lines).some((f) => f !== 'id' && f !== 'documentId' && f !== 'no' && JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));

/**
 * After a contact's create or update: with "maintain" on, index it and store its pairs (as the reference
 * does, also when autosearch is off); with "autosearch" on, report them in the response's meta.
 */
export async function afterContactWrite(write: Write, before: Record<string, any> | null, after: ContactRow) {
  const setup = await getService(write.strapi, 'setup').get(write.trx);
  if (!setup.maintainDuplSearchStrings) return;
  if (before && !searchInputChanged(await searchLines(write.strapi, write.trx), before, after)) return;
  const duplicates = await searchDuplicates(write, after, !before);
  if (setup.autosearchForDuplicates) reportDuplicates(write.strapi, after.documentId, duplicates);
}

/** Before a contact's delete: its index rows and all its pairs (separate ones too) go with it. */
export async function beforeContactDelete(write: Write, contactId: number) {
  await removeIndexOf(write, contactId);
  await deletePairs(write, (await pairsOf(write, contactId)).map((p) => p.id));
}
