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
import {
  hasCompany,
  mergePairChanges,
  pairChanges,
  searchFieldsOf,
  searchInputChanged,
  searchInputFieldsOf,
  settlesPair,
  type PairChanges,
} from '../domain/duplicate-search';
import { reportDuplicates, type ReportedDuplicate } from '../utils/request-state';
import { EVENTS, emitAfterCommit } from '../events';
import { loadSetup, type FlatSetup } from '../repositories/setup';
import { searchLines } from '../repositories/search-setup-lines';
import { removeIndexOf, replaceIndexOfMany, type IndexRows } from '../repositories/duplicate-index';
import { candidateIds } from '../repositories/duplicate-candidates';
import { contactsById, type ContactRow } from '../repositories/duplicate-contacts';
import { deletePairs, pairWithContacts, pairsOf, pairsOfMany, writePairs } from '../repositories/duplicate-pairs';

export type { ContactRow };

/** What the search needs of a contact, for reading contacts in bulk (regeneration, re-index queue). */
export async function searchFields(write: Write) {
  return searchFieldsOf(await searchLines(write.strapi, write.trx));
}

interface SearchContext {
  lines: SearchLine[];
  setup: FlatSetup;
}

const contextOf = async (write: Write): Promise<SearchContext> => ({
  lines: await searchLines(write.strapi, write.trx),
  setup: await loadSetup(write.strapi, write.trx),
});

const stringsOf = (c: Record<string, unknown>, ctx: SearchContext) =>
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

const candidatesOf = (
  write: Write,
  rows: IndexRows,
  ctx: SearchContext,
  belowId: number | null,
  hidden: readonly number[] = [],
) =>
  candidateIds(write, {
    contactId: rows.contact.id,
    type: rows.contact.type,
    stringCount: rows.strings.length,
    required: requiredOf(ctx),
    keys: rows.keys,
    name: rows.name,
    belowId,
    hidden,
  });

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

/**
 * Writes the pair changes; each new pair is announced (`duplicate.found`) once the write commits. Returns
 * the new pairs' document ids by (settling contact, other contact).
 */
async function savePairs(write: Write, changes: PairChanges) {
  const inserted = await writePairs(write, changes);
  for (const pair of inserted) {
    await emitAfterCommit(write.strapi, EVENTS.duplicateFound, () => foundPayload(write, pair.documentId));
  }
  return inserted;
}

/** The `duplicate.found` payload: the pair as stored, read after the commit (only when a webhook listens). */
async function foundPayload(write: Write, documentId: string) {
  const pair = await pairWithContacts(write, documentId);
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

/** Runs the search for `contact` (a full record after the write); returns the pairs to report. */
export async function searchDuplicates(
  write: Write,
  contact: ContactRow,
  isNew: boolean,
): Promise<ReportedDuplicate[]> {
  const ctx = await contextOf(write);
  const rows = indexRowsOf(contact, ctx);
  await replaceIndexOfMany(write, [rows], isNew);
  const others = await contactsById(write, await candidatesOf(write, rows, ctx, null), searchFieldsOf(ctx.lines));
  const found = duplicatesAmong(contact, rows.strings, others, ctx);
  // A new contact has no pairs yet: one statement saved on every create.
  const existing = isNew ? [] : await pairsOf(write, contact.id);
  const changes = pairChanges(contact.id, found, existing);
  const inserted = await savePairs(write, changes);
  // Pairs still holding first (as stored), then the new ones.
  const reported: [number, string][] = [
    ...changes.update.map((u): [number, string] => [u.otherId, u.documentId]),
    ...inserted.map((p): [number, string] => [p.otherId, p.documentId]),
  ];
  const byId = new Map(others.map((o) => [o.id, o]));
  return reported.map(([otherId, pairDocumentId]) => {
    const other = byId.get(otherId)!;
    const v = found.get(otherId)!;
    return {
      documentId: other.documentId,
      no: (other.no as string | null | undefined) ?? null,
      name: (other.name as string | null | undefined) ?? null,
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
 * rows of the whole batch first (set-wise), then each contact's candidates, and the pairs of the whole
 * batch in one set-based write. Each pair is settled by one side only (domain `settlesPair`).
 */
export async function reindexBatch(write: Write, contacts: ContactRow[], mode: 'regeneration' | 'queue') {
  if (!contacts.length) return;
  const ctx = await contextOf(write);
  const batch = contacts.map((c) => indexRowsOf(c, ctx));
  await replaceIndexOfMany(write, batch);
  const inBatch = new Set(contacts.map((c) => c.id));
  const settles = (self: number, other: number) => settlesPair(mode, inBatch, self, other);
  const candidates = new Map<number, number[]>();
  for (const rows of batch) {
    const ids = await candidatesOf(write, rows, ctx, mode === 'regeneration' ? rows.contact.id : null);
    candidates.set(
      rows.contact.id,
      ids.filter((id) => settles(rows.contact.id, id)),
    );
  }
  const others = new Map(
    (await contactsById(write, [...new Set([...candidates.values()].flat())], searchFieldsOf(ctx.lines))).map((o) => [
      o.id,
      o,
    ]),
  );
  const existing = await pairsOfMany(write, [...inBatch]);
  const changes = batch.map(({ contact, strings }) => {
    const self = contact as ContactRow;
    const mine = candidates
      .get(self.id)!
      .map((id) => others.get(id))
      .filter((o): o is ContactRow => !!o);
    const found = duplicatesAmong(self, strings, mine, ctx);
    const settled = (existing.get(self.id) ?? []).filter((p) => settles(self.id, p.otherId));
    return pairChanges(self.id, found, settled);
  });
  await savePairs(write, mergePairChanges(changes));
}

/**
 * The search of contacts just created one after another (an import chunk's new contacts, in creation order),
 * for the set at once, with the outcome of one search per contact right after its create: the index rows of
 * the set in one insert per table, then each contact's candidates with the contacts of the set created after
 * it left out (they did not exist for its search), the candidates read in one statement, and the pairs of the
 * set in one write (each settled by the later contact, as its own search would have stored it). Nothing is
 * reported on the request (an import job reports no duplicates; its dry run searches row by row).
 */
export async function searchNewContacts(write: Write, contacts: ContactRow[]) {
  if (!contacts.length) return;
  const setup = await loadSetup(write.strapi, write.trx);
  if (!setup.maintainDuplSearchStrings) return;
  const ctx = await contextOf(write);
  const batch = contacts.map((c) => indexRowsOf(c, ctx));
  await replaceIndexOfMany(write, batch, true);
  const ids = contacts.map((c) => c.id);
  const candidates: number[][] = [];
  for (let i = 0; i < batch.length; i += 1)
    candidates.push(await candidatesOf(write, batch[i], ctx, null, ids.slice(i + 1)));
  const others = new Map(
    (await contactsById(write, [...new Set(candidates.flat())], searchFieldsOf(ctx.lines))).map((o) => [o.id, o]),
  );
  const changes = batch.map(({ contact, strings }, i) => {
    // In id order, as one search reads its candidates (contactsById).
    const mine = [...candidates[i]]
      .sort((a, b) => a - b)
      .map((id) => others.get(id))
      .filter((o): o is ContactRow => !!o);
    return pairChanges(contact.id, duplicatesAmong(contact as ContactRow, strings, mine, ctx), []);
  });
  await savePairs(write, mergePairChanges(changes));
}

/** The contact fields whose change can change what the search finds (the re-index queue is fed only for these). */
export const searchInputFields = async (write: Write) =>
  searchInputFieldsOf(await searchLines(write.strapi, write.trx));

/**
 * After a contact's create or update: with "maintain" on, index it and store its pairs (as the reference
 * does, also when autosearch is off); with "autosearch" on, report them in the response's meta.
 */
export async function afterContactWrite(write: Write, before: Record<string, unknown> | null, after: ContactRow) {
  const setup = await loadSetup(write.strapi, write.trx);
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
