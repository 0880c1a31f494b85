/**
 * Rules for the duplicate search's own types: search-string setup lines (checked by the domain, unique
 * per field and part; a deleted or changed line takes its stored strings with it) and contact-duplicate
 * pairs (made by the duplicate search only; a person may only mark a pair as separate, or delete one that is not).
 */
import type { Write } from '../repositories/unit-of-work';
import type { WriteRules } from './types';
import { validateSearchLine, SEARCH_FIELD_LABELS } from '../domain/duplicates/search-strings';
import { validationError } from '../utils/errors';
import { forgetSearchLines, lineExists, storedLine } from '../repositories/search-setup-lines';
import { removeLineStrings } from '../repositories/duplicate-index';
import { pairMarkedSeparate } from '../repositories/duplicate-pairs';

async function assertUnique(write: Write, field: string, part: string, selfId: number | null) {
  if (await lineExists(write, field, part, selfId))
    throw validationError(`${SEARCH_FIELD_LABELS[field] ?? field} (${part}) is already in the search string setup.`, [
      'field',
    ]);
}

export const searchSetupRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    const line = validateSearchLine({ field: data.field, part: data.part ?? 'first', length: data.length ?? 5 });
    await assertUnique(write, line.field, line.part, null);
    Object.assign(data, line);
    forgetSearchLines(write.trx);
    return next();
  },
  async update(write, next) {
    const data = (write.params.data ??= {});
    const stored = await storedLine(write);
    if (!stored) return next();
    const line = validateSearchLine({
      field: data.field ?? stored.field,
      part: data.part ?? stored.part,
      length: data.length ?? stored.length,
    });
    await assertUnique(write, line.field, line.part, stored.id);
    Object.assign(data, line);
    forgetSearchLines(write.trx);
    const result = await next();
    // Strings built with the old definition would match nothing built with the new one; the bulk
    // regeneration (or the next save of each contact) builds the new ones.
    if (line.field !== stored.field || line.part !== stored.part || line.length !== Number(stored.length)) {
      await removeLineStrings(write, stored.field, stored.part);
    }
    return result;
  },
  async delete(write, next) {
    const stored = await storedLine(write);
    forgetSearchLines(write.trx);
    const result = await next();
    if (stored) await removeLineStrings(write, stored.field, stored.part);
    return result;
  },
};

/**
 * Only the duplicate search writes pairs, and it writes them set-based (repositories/duplicate-pairs.ts),
 * never through the document service: here a pair can only be marked separate, or deleted.
 */
export const contactDuplicateRules: WriteRules = {
  async create() {
    throw validationError(
      'Contact duplicates are found by the duplicate search; use POST /contacts/:documentId/find-duplicates.',
      [],
    );
  },
  async update(write, next) {
    // Contacts, figures and breakdown are the search's; a person decides only whether the pair is separate.
    const { separateContacts } = write.params.data ?? {};
    if (separateContacts === null)
      throw validationError('Separate Contacts is either true (not duplicates) or false.', ['separateContacts']);
    write.params.data = separateContacts === undefined ? {} : { separateContacts };
    return next();
  },
  async delete(write, next) {
    // A pair marked separate is the record of that decision: without it the next search reports the pair again.
    if (await pairMarkedSeparate(write))
      throw validationError(
        'This pair is marked as separate contacts (not duplicates); deleting it would let the search report them again. Set separateContacts to false first.',
        ['separateContacts'],
      );
    return next();
  },
};
