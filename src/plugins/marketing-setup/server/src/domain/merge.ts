/**
 * Merging two contacts (reference §4.5, done better: dry run, per-field choice, undo). The pure part:
 * which fields a merge may take from the duplicate, the field differences, the request checks and the
 * conflicts that block a merge. Values are plain (relations as ids); the adapter loads and writes.
 */
import { RuleViolation } from './errors';
import { CONTACT_DETAIL_FIELDS } from './contact-fields';

export type ContactType = 'company' | 'person';

/** Fields of any contact a merge may take from the duplicate. */
const COMMON_FIELDS: readonly string[] = ['name', 'name2', 'searchName', ...CONTACT_DETAIL_FIELDS];
/** Person-only fields (a company has no name parts, job title or company of its own). */
const PERSON_FIELDS = ['firstName', 'middleName', 'surname', 'initials', 'jobTitle', 'company'];

/**
 * Fields that are never taken from the duplicate: the survivor keeps its identity (number, type,
 * series) and the plugin maintains the derived ones. Named so the 400 can say why.
 */
export const NOT_MERGEABLE: Record<string, string> = {
  no: 'the surviving contact keeps its own number',
  type: 'both contacts have the same type',
  noSeries: 'the surviving contact keeps its own number series',
  companyName: 'it follows the company',
  searchEmail: 'it follows the e-mail',
  inheritanceOverrides: 'the plugin maintains it',
  businessRelation: 'it is computed from the business relations',
  id: 'it identifies the record',
  documentId: 'it identifies the record',
  createdAt: 'it is maintained by Strapi',
  updatedAt: 'it is maintained by Strapi',
  revision: 'it says when the contact was last saved',
};

export const mergeableFields = (type: ContactType): string[] =>
  type === 'person' ? [...COMMON_FIELDS, ...PERSON_FIELDS] : [...COMMON_FIELDS];

/** The relation fields among the mergeable ones (compared by id, shown as a reference). */
export const MERGE_RELATIONS = ['company', 'countryRegion', 'salesperson', 'territory', 'language', 'salutation'];

export interface MergeSide {
  id: number;
  type: ContactType;
  no: string | null;
}

/** Checks the request itself; throws a RuleViolation the API turns into a 400. */
export function checkMergeRequest(survivor: MergeSide, duplicate: MergeSide, fields: unknown): string[] {
  if (survivor.id === duplicate.id)
    throw new RuleViolation('A contact cannot be merged with itself; choose another contact as the duplicate.', [
      'duplicate',
    ]);
  if (survivor.type !== duplicate.type) {
    throw new RuleViolation(
      `Contact ${duplicate.no} is a ${duplicate.type} and contact ${survivor.no} is a ${survivor.type}; only contacts of the same type can be merged.`,
      ['duplicate'],
    );
  }
  if (fields === undefined || fields === null) return [];
  if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string'))
    throw new RuleViolation('fields must be a list of field names.', ['fields']);
  const allowed = mergeableFields(survivor.type);
  const problems: string[] = [];
  for (const f of fields as string[]) {
    if (allowed.includes(f)) continue;
    if (NOT_MERGEABLE[f]) problems.push(`${f} cannot be taken from the duplicate: ${NOT_MERGEABLE[f]}.`);
    else if (PERSON_FIELDS.includes(f)) problems.push(`${f} is a person field; these contacts are companies.`);
    else problems.push(`${f} is not a contact field.`);
  }
  if (problems.length)
    throw new RuleViolation(`${problems.join(' ')} Fields that can be taken: ${allowed.join(', ')}.`, ['fields']);
  return [...new Set(fields as string[])];
}

/** Comparable form: blank strings are null, strings trimmed, everything else as text. */
const norm = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** The mergeable fields whose values differ, in field order. */
export function fieldDifferences(
  type: ContactType,
  survivor: Record<string, unknown>,
  duplicate: Record<string, unknown>,
) {
  return mergeableFields(type)
    .filter((f) => norm(survivor[f]) !== norm(duplicate[f]))
    .map((field) => ({ field, survivor: survivor[field] ?? null, duplicate: duplicate[field] ?? null }));
}

export interface Conflict {
  code: string;
  message: string;
}

/** A contact business relation row, plain. */
export interface RelationLinkRow {
  code: string;
  linkToTable: string;
  linkedNo: string | null;
}

/**
 * After the merge the survivor holds both contacts' business relations. A contact holds each code once
 * and each kind of link (customer, vendor, bank account) once, as the business-relation rules require.
 */
export function businessRelationConflicts(
  survivorNo: string | null,
  survivorRows: RelationLinkRow[],
  duplicateNo: string | null,
  duplicateRows: RelationLinkRow[],
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const row of duplicateRows) {
    const sameCode = survivorRows.find((s) => s.code === row.code);
    if (sameCode) {
      conflicts.push({
        code: 'businessRelation',
        message: `Both contacts have business relation ${row.code} (${survivorNo} and ${duplicateNo}); remove it from one of them before merging.`,
      });
      continue;
    }
    const sameKind =
      row.linkToTable !== 'none' && row.linkedNo
        ? survivorRows.find((s) => s.linkToTable === row.linkToTable && s.linkedNo)
        : null;
    if (sameKind) {
      conflicts.push({
        code: 'businessRelation',
        message: `Both contacts are linked with a ${KIND_WORD[row.linkToTable] ?? row.linkToTable} (${sameKind.linkedNo} and ${row.linkedNo}); a contact can be linked with one only.`,
      });
    }
  }
  return conflicts;
}
const KIND_WORD: Record<string, string> = { customer: 'customer', vendor: 'vendor', bankAccount: 'bank account' };

/**
 * A relation that allows one link per contact (one-to-one, or the "many" side of a one-to-many): both
 * contacts linked from different records cannot both survive on one contact.
 */
export function singleLinkConflict(
  displayName: string,
  attribute: string,
  survivorLinked: boolean,
  duplicateLinked: boolean,
): Conflict | null {
  if (!survivorLinked || !duplicateLinked) return null;
  return {
    code: 'singleLink',
    message: `Both contacts are linked from a ${displayName} (${attribute}), which allows one per contact; unlink one of them before merging.`,
  };
}

/**
 * The duplicate named for a merge must still exist (a merge of it may have run first, on this or another
 * instance). The user knows the contact by what the review showed, not by its documentId: the message says what
 * happened, not which id was sent (the request has it).
 */
export const duplicateGoneViolation = () =>
  new RuleViolation(
    'The contact to merge no longer exists: it may have been merged into another contact or deleted. Reload the duplicates and choose again.',
    ['duplicate'],
  );

/** Why a merge cannot be undone (null when it can): not twice, and not when the survivor is gone. */
export function undoViolation(
  log: { duplicateNo: string | null; survivorNo: string | null; undoneAt: unknown },
  survivorExists: boolean,
): RuleViolation | null {
  const what = `The merge of ${log.duplicateNo} into ${log.survivorNo}`;
  if (log.undoneAt) return new RuleViolation(`${what} was already undone.`);
  if (!survivorExists)
    return new RuleViolation(`${what} cannot be undone: contact ${log.survivorNo} has been deleted or merged since.`);
  return null;
}

/** The duplicate's number (or id) was taken by another contact since the merge. */
export const undoTakenViolation = (log: { duplicateNo: string | null; survivorNo: string | null }, no: unknown) =>
  new RuleViolation(
    `The merge of ${log.duplicateNo} into ${log.survivorNo} cannot be undone: number ${no} now belongs to another contact.`,
  );
