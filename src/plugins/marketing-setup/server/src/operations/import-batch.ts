/**
 * What the new contacts of one import chunk share while they are written one after another through the
 * document service (so every write rule still runs for each): the contact numbers, drawn as one block
 * (operations/number-block.ts), and the duplicate search, run once for the set of contacts created since the
 * last settle instead of once per contact (duplicate-search/search.ts `searchNewContacts`).
 *
 * The job opens a batch around the creates of a chunk and settles it before anything else reads what the
 * batch holds back — before a row that updates a contact (its own search must find the contacts created
 * before it; it may read number series lines) and before the chunk commits. A row rolled back to its
 * savepoint is taken out of the batch again (`markBatch` / `restoreBatch`). Lives in one call chain only
 * (AsyncLocalStorage); nothing is kept between chunks.
 */
import { AsyncLocalStorage } from 'async_hooks';
import type { Write } from '../repositories/unit-of-work';
import type { ContactRow } from '../repositories/duplicate-contacts';
import { numberBlock, type NumberBlock } from './number-block';
import { contactsByKeys, contactsByNos, matchKeyId, type MatchedContact } from '../repositories/import-lookups';
import { lookupKeysOfContact, type MatchKey } from '../domain/contact-csv';
import { loadContactsFlat } from '../repositories/contacts';

export interface ImportBatch {
  /** Rows of the chunk: sizes the look-ahead of taken numbers. */
  size: number;
  numbers: NumberBlock | null;
  /** Contacts created in the batch whose duplicate search has not run yet, in creation order. */
  created: ContactRow[];
  /**
   * Records read by the creates' rules (a person's company, the ids of master data), kept for the chunk: a create
   * changes no other contact, and a row that updates a contact forgets it (`forgetCompany`).
   */
  remembered: Map<string, Promise<unknown>>;
  /** Contacts found by No. (a person's company): kept for the whole chunk (an import never changes a No.). */
  byNo: Map<string, { documentId: string; type: string }>;
  /**
   * The contacts the match keys of the chunk's rows to come find (`prefetchMatches`), read at once; null when a
   * write may have changed them (an update, a document-service create: `forgetMatches`).
   */
  matches: Map<string, MatchedContact[]> | null;
  /** Lookup keys of the contacts the batch created (lookupKeysOfContact): a row with one reads its match itself. */
  createdKeys: Set<string>;
}

const storage = new AsyncLocalStorage<ImportBatch>();

export const newImportBatch = (size: number): ImportBatch => ({
  size,
  numbers: null,
  created: [],
  remembered: new Map(),
  byNo: new Map(),
  matches: null,
  createdKeys: new Set(),
});

/** Runs `fn` (the creates of an import chunk) with `batch` as the running batch. */
export const inImportBatch = <T>(batch: ImportBatch, fn: () => Promise<T>) => storage.run(batch, fn);

/** The running import batch (null outside an import's creates). */
export const importBatch = (): ImportBatch | null => storage.getStore() ?? null;

/**
 * The batch's number block for a record of `write.uid` numbered from `seriesId` (created at its first use);
 * null when the batch draws for another series or content type (that one draws record by record).
 */
export function batchNumbers(write: Write, seriesId: number, attribute: string): NumberBlock | null {
  const batch = importBatch();
  if (!batch) return null;
  batch.numbers ??= numberBlock(write.strapi, write.trx, seriesId, { uid: write.uid, attribute }, batch.size);
  return batch.numbers.seriesId === seriesId && batch.numbers.uid === write.uid ? batch.numbers : null;
}

/** A record the rules read, read once per batch (`key` names it); read every time outside a batch. Misses are not kept. */
async function remembered<T>(key: string, load: () => Promise<T>): Promise<T> {
  const batch = importBatch();
  if (!batch) return load();
  if (!batch.remembered.has(key)) batch.remembered.set(key, load());
  const value = (await batch.remembered.get(key)) as T;
  if (value === null || value === undefined) batch.remembered.delete(key);
  return value;
}

/** A person's company as the create rule loads it. */
const companyKey = (ref: unknown) => `company:${JSON.stringify(ref)}`;

export const rememberedCompany = <T>(ref: unknown, load: () => Promise<T>) => remembered(companyKey(ref), load);

/** The id of a related record (salesperson, territory, …) named by a create. */
export const rememberedId = <T>(uid: string, ref: unknown, load: () => Promise<T>) =>
  remembered(`id:${uid}:${JSON.stringify(ref)}`, load);

/** The contact with No. `no` as a row names its company (found ones are kept for the chunk). */
export async function rememberedByNo<T extends { documentId: string; type: string }>(
  no: string,
  load: () => Promise<T | null>,
): Promise<{ documentId: string; type: string } | null> {
  const batch = importBatch();
  const known = batch?.byNo.get(no);
  if (known) return known;
  const found = await load();
  if (found && batch) batch.byNo.set(no, { documentId: found.documentId, type: found.type });
  return found;
}

/**
 * Reads ahead what the rows to come will read one by one: the contacts their Company No. names, and those
 * contacts as the create rule loads a company — two reads for the chunk instead of several per person.
 */
export async function prefetchCompanies(write: Write, batch: ImportBatch, nos: string[]) {
  const wanted = [...new Set(nos)].filter((no) => !batch.byNo.has(no));
  for (const c of await contactsByNos(write.strapi, wanted)) batch.byNo.set(c.no, c);
  const ids = [...new Set(nos.map((no) => batch.byNo.get(no)?.documentId).filter((d): d is string => !!d))].filter(
    (documentId) => !batch.remembered.has(companyKey({ documentId })),
  );
  for (const flat of await loadContactsFlat(write, ids))
    batch.remembered.set(companyKey({ documentId: flat.documentId }), Promise.resolve(flat));
}

/** Reads the contacts the match keys of the rows to come find, one statement per key field. */
export async function prefetchMatches(write: Write, batch: ImportBatch, keys: MatchKey[]) {
  batch.matches = await contactsByKeys(
    write.strapi,
    write.trx,
    keys.filter((k): k is NonNullable<MatchKey> => !!k),
  );
}

/** A write that may change what a match key finds (an update, a document-service create): read again. */
export function forgetMatches(batch: ImportBatch) {
  batch.matches = null;
}

/** A contact the batch creates: a later row looking it up (lookupKeysOfContact) reads its match itself. */
export function noteCreated(batch: ImportBatch, fields: Record<string, unknown>) {
  for (const k of lookupKeysOfContact(fields)) batch.createdKeys.add(k);
}

/**
 * The contacts a row's match key finds (repositories/import-lookups.ts `contactsByKey`): as read ahead for the
 * chunk unless a contact created since may have the key; read now outside a batch.
 */
export async function rememberedMatch(
  key: NonNullable<MatchKey>,
  load: () => Promise<MatchedContact[]>,
): Promise<MatchedContact[]> {
  const batch = importBatch();
  const known = batch?.matches?.get(matchKeyId(key));
  if (!known || lookupKeysOfContact({ [key.field]: key.value }).some((k) => batch!.createdKeys.has(k))) return load();
  return known;
}

/** A contact the chunk changed (an update row): a create that names it as company reads it again. */
export function forgetCompany(batch: ImportBatch, documentId: string) {
  batch.remembered.delete(companyKey({ documentId }));
}

/** Holds a created contact's duplicate search back for the batch; false outside a batch (search now). */
export function deferSearch(contact: ContactRow): boolean {
  const batch = importBatch();
  if (!batch) return false;
  batch.created.push(contact);
  return true;
}

export const markBatch = (batch: ImportBatch) => ({ numbers: batch.numbers?.mark(), created: batch.created.length });

export function restoreBatch(batch: ImportBatch, mark: ReturnType<typeof markBatch>) {
  if (batch.numbers) {
    if (mark.numbers === undefined) batch.numbers = null;
    else batch.numbers.restore(mark.numbers);
  }
  batch.created.length = mark.created;
}
