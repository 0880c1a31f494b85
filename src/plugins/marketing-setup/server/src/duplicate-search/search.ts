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
  type PreparedContact,
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
  stillValid,
  type PairChanges,
} from '../domain/duplicate-search';
import { reportDuplicates, type ReportedDuplicate } from '../utils/request-state';
import { EVENTS, emitAfterCommit } from '../events';
import { loadSetup, type FlatSetup } from '../repositories/setup';
import { searchLines } from '../repositories/search-setup-lines';
import { removeIndexOf, replaceIndexOfMany, type IndexRows } from '../repositories/duplicate-index';
import {
  candidateIds,
  candidateIdsOfMany,
  type CandidateInput,
  type HiddenIds,
} from '../repositories/duplicate-candidates';
import { contactsById, type ContactRow } from '../repositories/duplicate-contacts';
import { deletePairs, pairWithContacts, pairsOf, pairsOfMany, writePairs } from '../repositories/duplicate-pairs';
import { pacer } from '../utils/pacing';

export type { ContactRow };

/** What the search needs of a contact, for reading contacts in bulk (regeneration, re-index queue). */
export async function searchFields(write: Write) {
  return searchFieldsOf(await searchLines(write.strapi, write.trx));
}

export interface SearchContext {
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

const candidateInput = (
  rows: IndexRows,
  ctx: SearchContext,
  belowId: number | null,
  hidden: HiddenIds = [],
): CandidateInput => ({
  contactId: rows.contact.id,
  type: rows.contact.type,
  stringCount: rows.strings.length,
  required: requiredOf(ctx),
  keys: rows.keys,
  name: rows.name,
  belowId,
  hidden,
});

const candidatesOf = (write: Write, rows: IndexRows, ctx: SearchContext) =>
  candidateIds(write, candidateInput(rows, ctx, null));

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
  const others = await contactsById(write, await candidatesOf(write, rows, ctx), searchFieldsOf(ctx.lines));
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
 * Verdicts of `contact` against `others` that make a pair, by the other contact's id. `prepared` keeps each
 * contact's normalised form and search strings for the batch, so a contact scored against many is prepared once.
 */
function duplicatesAmong(
  contact: ContactRow,
  strings: IndexRows['strings'],
  others: ContactRow[],
  ctx: SearchContext,
  prepared: PreparedCache = new WeakMap(),
) {
  const mine = preparedOf(prepared, contact, ctx, strings);
  const found = new Map<number, DuplicateVerdict>();
  for (const other of others) {
    const theirs = preparedOf(prepared, other, ctx);
    const verdict = duplicateVerdict(
      { contact, prepared: mine.prepared, searchStrings: strings },
      { contact: other, prepared: theirs.prepared, searchStrings: theirs.strings },
      { lines: ctx.lines, hitPercent: ctx.setup.searchHitPercent },
    );
    if (verdict.isDuplicate) found.set(other.id, verdict);
  }
  return found;
}

/** Per batch: a contact's prepared form (domain `prepareContact`) and its search strings, by the row read. */
type PreparedCache = WeakMap<ContactRow, { prepared: PreparedContact; strings: IndexRows['strings'] }>;

function preparedOf(cache: PreparedCache, contact: ContactRow, ctx: SearchContext, strings?: IndexRows['strings']) {
  let entry = cache.get(contact);
  if (!entry) {
    entry = { prepared: prepareContact(contact), strings: strings ?? stringsOf(contact, ctx) };
    cache.set(contact, entry);
  }
  return entry;
}

/** A batch of contacts with their index rows built under the setup of the moment (`indexBatch`). */
export interface IndexedBatch {
  ctx: SearchContext;
  rows: (IndexRows & { contact: ContactRow })[];
}

/** What scoring a batch found (`scoreBatch`): no row of it is written yet. */
export interface ScoredBatch {
  ctx: SearchContext;
  mode: 'regeneration' | 'queue';
  /** The batch's contacts as they were read (and indexed), by id. */
  contacts: Map<number, ContactRow>;
  /** Per contact of the batch: the candidates it settles the pair with, and the verdicts that make a pair. */
  candidates: Map<number, number[]>;
  found: Map<number, Map<number, DuplicateVerdict>>;
  /** Every candidate as it was read and scored, by id. */
  others: Map<number, ContactRow>;
}

/** The contacts of a scored batch whose result still holds (domain `stillValid`), given them read again. */
export const validAfter = (scored: ScoredBatch, now: ReadonlyMap<number, ContactRow>) =>
  stillValid(scored.ctx.lines, scored, now);

/**
 * Builds and stores the index rows of a batch of contacts (read with `searchFields`), set-wise; under `ctx` when
 * given (a batch indexed in slices keeps the setup its first slice read).
 */
export async function indexBatch(write: Write, contacts: ContactRow[], given?: SearchContext): Promise<IndexedBatch> {
  const ctx = given ?? (await contextOf(write));
  const pace = pacer();
  const rows: IndexedBatch['rows'] = [];
  for (const c of contacts) {
    rows.push({ ...indexRowsOf(c, ctx), contact: c });
    await pace();
  }
  await replaceIndexOfMany(write, rows);
  return { ctx, rows };
}

/**
 * Scores a batch whose index rows are stored: each contact's candidates (through the indexes, which hold the
 * whole batch's new rows), the candidates read in one statement, the verdicts in memory. Reads only: it
 * holds no row lock, so it may run in a transaction of its own while writes go on.
 */
export async function scoreBatch(
  write: Write,
  { ctx, rows }: IndexedBatch,
  mode: 'regeneration' | 'queue',
  { giveWay = false }: { giveWay?: boolean } = {},
): Promise<ScoredBatch> {
  const inBatch = new Set(rows.map((r) => r.contact.id));
  const settles = (self: number, other: number) => settlesPair(mode, inBatch, self, other);
  // All the batch's lookups at once (PostgreSQL: a few statements; they read the rows `indexBatch` stored).
  const lookedUp = await candidateIdsOfMany(
    write,
    rows.map((r) => candidateInput(r, ctx, mode === 'regeneration' ? r.contact.id : null)),
  );
  const candidates = new Map<number, number[]>();
  for (const r of rows) {
    candidates.set(
      r.contact.id,
      (lookedUp.get(r.contact.id) ?? []).filter((id) => settles(r.contact.id, id)),
    );
  }
  const others = new Map(
    (await contactsById(write, [...new Set([...candidates.values()].flat())], searchFieldsOf(ctx.lines))).map((o) => [
      o.id,
      o,
    ]),
  );
  const prepared: PreparedCache = new WeakMap();
  const found = new Map<number, Map<number, DuplicateVerdict>>();
  // The worker's batch is hundreds of contacts: requests of this process get their turns in between, and with
  // `giveWay` (the caller's transaction holds no row lock) this process's write requests go first.
  const pace = pacer(8, { giveWay });
  for (const { contact, strings } of rows) {
    const mine = candidates
      .get(contact.id)!
      .map((id) => others.get(id))
      .filter((o): o is ContactRow => !!o);
    found.set(contact.id, duplicatesAmong(contact, strings, mine, ctx, prepared));
    await pace();
  }
  return { ctx, mode, contacts: new Map(rows.map((r) => [r.contact.id, r.contact])), candidates, found, others };
}

/**
 * Brings the stored pairs of the batch's contacts (or of `only` those) in line with what `scoreBatch` found,
 * in one set-based write. Each pair is settled by one side only (domain `settlesPair`, over the whole batch).
 */
export async function settleBatch(write: Write, scored: ScoredBatch, only?: ReadonlySet<number>) {
  const ids = [...scored.contacts.keys()].filter((id) => !only || only.has(id));
  if (!ids.length) return;
  const inBatch = new Set(scored.contacts.keys());
  const existing = await pairsOfMany(write, ids);
  const changes = ids.map((id) => {
    const settled = (existing.get(id) ?? []).filter((p) => settlesPair(scored.mode, inBatch, id, p.otherId));
    return pairChanges(id, scored.found.get(id)!, settled);
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
  // The contacts created after each one: a range when the set's ids are consecutive (as one import's are), not a
  // copy of the rest of the list per contact.
  const consecutive = ids.every((id, i) => i === 0 || id === ids[i - 1] + 1);
  const later = (i: number): HiddenIds =>
    i + 1 >= ids.length ? [] : consecutive ? { lo: ids[i + 1], hi: ids[ids.length - 1] } : ids.slice(i + 1);
  const lookedUp = await candidateIdsOfMany(
    write,
    batch.map((rows, i) => candidateInput(rows, ctx, null, later(i))),
  );
  const candidates = ids.map((id) => lookedUp.get(id) ?? []);
  const others = new Map(
    (await contactsById(write, [...new Set(candidates.flat())], searchFieldsOf(ctx.lines))).map((o) => [o.id, o]),
  );
  // One cache for the set: a candidate several new contacts share (same town and surname sound, say) is
  // normalised and given its search strings once, not once per contact that scores it.
  const prepared: PreparedCache = new WeakMap();
  const changes = batch.map(({ contact, strings }, i) => {
    // In id order, as one search reads its candidates (contactsById).
    const mine = [...candidates[i]]
      .sort((a, b) => a - b)
      .map((id) => others.get(id))
      .filter((o): o is ContactRow => !!o);
    return pairChanges(contact.id, duplicatesAmong(contact as ContactRow, strings, mine, ctx, prepared), []);
  });
  await savePairs(write, mergePairChanges(changes));
}

/**
 * Re-indexes a batch of contacts (read with `searchFields`) and brings their pairs in line, inside the
 * caller's transaction: the index rows of the whole batch first (set-wise), then each contact's candidates,
 * and the pairs of the whole batch in one set-based write. (The re-index queue runs the three steps in
 * transactions of their own: duplicate-search/reindex-queue.ts.)
 */
export async function reindexBatch(write: Write, contacts: ContactRow[], mode: 'regeneration' | 'queue') {
  if (!contacts.length) return;
  await settleBatch(write, await scoreBatch(write, await indexBatch(write, contacts), mode));
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
