/**
 * The duplicate search, inside the caller's transaction: (re)build a contact's index rows (search
 * strings, blocking keys, search name), fetch candidates through the indexes, score each with the
 * domain's one verdict, and bring the stored pairs in line. For one contact after its write (the hook
 * the contact's write rules call), or for a batch of contacts (bulk regeneration, re-index queue).
 */
import type { Write } from '../repositories/unit-of-work';
import {
  blockingKeys,
  buildSearchStrings,
  duplicateVerdict,
  ownFieldsForSearch,
  prepareContact,
  requiredMatches,
  type DuplicateVerdict,
  type SearchLine,
} from '../domain/duplicates';
import { searchNameOf } from '../domain/duplicates/search-name';
import { getService } from '../utils/services';
import { reportDuplicates, type ReportedDuplicate } from '../utils/request-state';
import { UID } from '../utils/uids';
import { searchLines } from './setup-lines';
import { removeIndexOf, replaceIndexOfMany, type IndexRows } from './index-store';
import { candidateIds } from './candidates';
import { pairsOf, pairsOfMany, savePairs, deletePairs, type StoredPair } from './pairs';

/** Contact fields the fuzzy rule reads (the setup lines may name more). */
const FUZZY_FIELDS = [
  'type',
  'name',
  'firstName',
  'middleName',
  'surname',
  'address',
  'city',
  'postCode',
  'phoneNo',
  'mobilePhoneNo',
  'vatRegistrationNo',
  'email',
];

export type ContactRow = Record<string, any> & { id: number; documentId: string; type: string };

const fieldsToRead = (lines: { field: string }[]) => [
  ...new Set([
    'id',
    'documentId',
    'no',
    'companyName',
    'inheritanceOverrides',
    ...FUZZY_FIELDS,
    ...lines.map((l) => l.field),
  ]),
];

/** What the search needs of a contact, for reading contacts in bulk (regeneration, re-index queue). */
export async function searchFields(write: Write) {
  return fieldsToRead(await searchLines(write.strapi, write.trx));
}

/**
 * A person's company is not read from the join table (one statement less per write): a person's
 * `companyName` always follows its company and is blank without one.
 */
const hasCompany = (c: Record<string, any>) => c.type === 'person' && !!c.companyName;

interface SearchContext {
  lines: SearchLine[];
  setup: Awaited<ReturnType<ReturnType<typeof getService<'setup'>>['get']>>;
}

const contextOf = async (write: Write): Promise<SearchContext> => ({
  lines: await searchLines(write.strapi, write.trx),
  setup: await getService(write.strapi, 'setup').get(write.trx),
});

const stringsOf = (c: Record<string, any>, ctx: SearchContext) =>
  buildSearchStrings(ownFieldsForSearch(c, hasCompany(c), ctx.setup), ctx.lines);

/** The index rows of a contact under the current setup lines. */
function indexRowsOf(contact: ContactRow, ctx: SearchContext): IndexRows {
  // Phone and e-mail keys only from the person's own values: an inherited company phone would put
  // every colleague in one bucket (and score them all on each create).
  const own = ownFieldsForSearch(contact, hasCompany(contact), ctx.setup);
  const keys = blockingKeys({ ...contact, phoneNo: own.phoneNo, mobilePhoneNo: own.mobilePhoneNo, email: own.email });
  return { contact, strings: stringsOf(contact, ctx), keys, name: searchNameOf(contact) };
}

const requiredOf = (ctx: SearchContext) =>
  ctx.lines.length ? requiredMatches(ctx.lines.length, ctx.setup.searchHitPercent) : 0;

const candidatesOf = (write: Write, rows: IndexRows, ctx: SearchContext, belowId: number | null) =>
  candidateIds(write, {
    contactId: rows.contact.id,
    type: rows.contact.type,
    stringCount: rows.strings.length,
    required: requiredOf(ctx),
    keys: rows.keys,
    name: rows.name,
    belowId,
  });

const readContacts = async (write: Write, ids: number[], ctx: SearchContext): Promise<ContactRow[]> =>
  ids.length
    ? write.strapi.db.query(UID.contact).findMany({ where: { id: { $in: ids } }, select: fieldsToRead(ctx.lines) })
    : [];

/** The verdicts that make a pair, by the other contact's id. */
function duplicatesAmong(contact: ContactRow, strings: IndexRows['strings'], others: ContactRow[], ctx: SearchContext) {
  const prepared = prepareContact(contact);
  const found = new Map<number, DuplicateVerdict>();
  for (const other of others) {
    const verdict = duplicateVerdict(
      { contact, prepared, searchStrings: strings },
      { contact: other, searchStrings: stringsOf(other, ctx) },
      { lines: ctx.lines, hitPercent: ctx.setup.searchHitPercent },
    );
    if (verdict.isDuplicate) found.set(other.id, verdict);
  }
  return found;
}

/** Runs the search for `contact` (a full record after the write); returns the pairs to report. */
export async function searchDuplicates(
  write: Write,
  contact: ContactRow,
  isNew: boolean,
): Promise<ReportedDuplicate[]> {
  const ctx = await contextOf(write);
  const rows = indexRowsOf(contact, ctx);
  await replaceIndexOfMany(write, [rows], isNew);
  const others = await readContacts(write, await candidatesOf(write, rows, ctx, null), ctx);
  const found = duplicatesAmong(contact, rows.strings, others, ctx);
  // A new contact has no pairs yet: one statement saved on every create.
  const existing = isNew ? [] : await pairsOf(write, contact.id);
  const verdicts = new Map(found);
  const reported = await savePairs(write, contact.id, found, existing);
  const byId = new Map(others.map((o) => [o.id, o]));
  return [...reported].map(([otherId, pairDocumentId]) => {
    const other = byId.get(otherId)!;
    const v = verdicts.get(otherId)!;
    return {
      documentId: other.documentId,
      no: other.no ?? null,
      name: other.name ?? null,
      pairDocumentId,
      matchingStrings: v.matchingStrings,
      hitPercent: v.hitPercent,
      fuzzyScore: v.fuzzy.total,
      rules: v.rules,
    };
  });
}

/**
 * Re-indexes a batch of contacts (read with `searchFields`) and brings their pairs in line: the index
 * rows of the whole batch first (set-wise), then each contact's candidates and pairs. Each pair is
 * settled by one side only:
 * - 'regeneration' (contacts in id order, all of them): a contact settles its pairs with contacts of a
 *   smaller id — those are re-indexed already; the larger ones settle theirs when their turn comes;
 * - 'queue' (some contacts): a contact settles its pairs with every contact outside the batch, and within
 *   the batch with the smaller ids.
 */
export async function reindexBatch(write: Write, contacts: ContactRow[], mode: 'regeneration' | 'queue') {
  if (!contacts.length) return;
  const ctx = await contextOf(write);
  const batch = contacts.map((c) => indexRowsOf(c, ctx));
  await replaceIndexOfMany(write, batch);
  const inBatch = new Set(contacts.map((c) => c.id));
  const settles = (self: number, other: number) =>
    mode === 'regeneration' || inBatch.has(other) ? other < self : true;
  const candidates = new Map<number, number[]>();
  for (const rows of batch) {
    const ids = await candidatesOf(write, rows, ctx, mode === 'regeneration' ? rows.contact.id : null);
    candidates.set(
      rows.contact.id,
      ids.filter((id) => settles(rows.contact.id, id)),
    );
  }
  const others = new Map(
    (await readContacts(write, [...new Set([...candidates.values()].flat())], ctx)).map((o) => [o.id, o]),
  );
  const existing = await pairsOfMany(write, [...inBatch]);
  for (const rows of batch) {
    const self = rows.contact as ContactRow;
    const mine = candidates
      .get(self.id)!
      .map((id) => others.get(id))
      .filter((o): o is ContactRow => !!o);
    const found = duplicatesAmong(self, rows.strings, mine, ctx);
    const settled: StoredPair[] = (existing.get(self.id) ?? []).filter((p) => settles(self.id, p.otherId));
    await savePairs(write, self.id, found, settled);
  }
}

/** Did the write change anything the search reads? (The reference re-indexes on a field change only.) */
const searchInputChanged = (lines: { field: string }[], before: Record<string, any>, after: Record<string, any>) =>
  fieldsToRead(lines).some(
    (f) =>
      f !== 'id' &&
      f !== 'documentId' &&
      f !== 'no' &&
      JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null),
  );

/** The contact fields whose change can change what the search finds (the re-index queue is fed only for these). */
export const searchInputFields = async (write: Write) =>
  new Set([...FUZZY_FIELDS, ...(await searchLines(write.strapi, write.trx)).map((l) => l.field)]);

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
  await deletePairs(
    write,
    (await pairsOf(write, contactId)).map((p) => p.id),
  );
}
