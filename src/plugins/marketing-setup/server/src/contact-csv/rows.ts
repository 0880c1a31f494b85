/**
 * One imported row through the contacts' write path: its codes resolved to records, the contact it updates
 * found (No., else VAT Registration No., else e-mail), then `strapi.documents(contact).create/update` — so the
 * document-service middleware applies numbering, defaults, inheritance and the duplicate search exactly as
 * for a REST or Content Manager write. The caller decides the transaction (a dry run rolls it back).
 */
import type { Core } from '@strapi/strapi';
import { CODE_RELATIONS, rowToInput, matchKeyOf, type CsvField, type ImportRow } from '../domain/contact-csv';
import { fieldLabel } from '../domain/field-labels';
import { RuleViolation } from '../domain/errors';
import { takeDuplicates, type ReportedDuplicate } from '../utils/request-state';
import { uidOf } from '../content-types/fields';
import { UID } from '../utils/uids';
import type { CsvRecord } from './parse';

export type Outcome = 'created' | 'updated' | 'possibleDuplicate' | 'error';

export interface RowResult {
  row: number;
  outcome: Outcome;
  /** The contact written (its No. after numbering), or the one it would update. */
  contact?: { documentId: string | null; no: string | null; name: string | null } | null;
  matchedBy?: 'no' | 'vatRegistrationNo' | 'email' | null;
  duplicates?: ReportedDuplicate[];
  error?: string;
  field?: string | null;
}

/** Codes → documentIds, remembered for one import (master data does not change during it). */
export function codeCache(strapi: Core.Strapi) {
  const cache = new Map<string, string | null>();
  return async (field: keyof typeof CODE_RELATIONS, code: string): Promise<string> => {
    const key = `${field}:${code.toUpperCase()}`;
    if (!cache.has(key)) {
      const row = await strapi.db
        .query(uidOf(CODE_RELATIONS[field]) as any)
        .findOne({ where: { code: { $eqi: code } }, select: ['documentId'] });
      cache.set(key, row?.documentId ?? null);
    }
    const documentId = cache.get(key);
    if (!documentId) throw new RuleViolation(`${fieldLabel(field)} "${code}" does not exist.`, [field]);
    return documentId;
  };
}
export type CodeLookup = ReturnType<typeof codeCache>;

const MATCH_FIELDS = { no: 'no', vatRegistrationNo: 'vatRegistrationNo', email: 'email' } as const;

/** The contact a row updates, or null for a new one; two contacts with the same VAT no. or e-mail: the row is refused. */
async function findMatch(strapi: Core.Strapi, row: ImportRow) {
  const key = matchKeyOf(row);
  if (!key) return { key, found: null };
  const where = key.field === 'email' ? { email: { $eqi: key.value } } : { [MATCH_FIELDS[key.field]]: key.value };
  const found = await strapi.db
    .query(UID.contact)
    .findMany({ where, select: ['id', 'documentId', 'no', 'name'], limit: 2, orderBy: { id: 'asc' } });
  if (found.length > 1) {
    throw new RuleViolation(
      `More than one contact has ${fieldLabel(key.field)} "${key.value}"; give the No. of the one to update.`,
      [key.field],
    );
  }
  return { key, found: (found[0] as any) ?? null };
}

/** The data of the write: scalars of the row plus its relations as documentIds. */
async function writeData(strapi: Core.Strapi, row: ImportRow, codes: CodeLookup) {
  const data: Record<string, unknown> = { ...row.data };
  for (const [field, code] of Object.entries(row.codes)) {
    if (field === 'company') {
      const company = await strapi.db
        .query(UID.contact)
        .findOne({ where: { no: code }, select: ['documentId', 'type'] });
      if (!company)
        throw new RuleViolation(`${fieldLabel('company')} "${code}" does not exist (give the company's No.).`, [
          'company',
        ]);
      data.company = company.documentId;
      if (data.type === undefined) data.type = 'person'; // a row that names a company is a person
    } else {
      data[field] = await codes(field as keyof typeof CODE_RELATIONS, code!);
    }
  }
  return data;
}

/**
 * Writes one row through the document service, inside the caller's transaction (or its own). Throws the
 * write rules' error as they raise it (ValidationError) or a RuleViolation for a cell or code of the file.
 */
export async function writeRow(
  strapi: Core.Strapi,
  record: CsvRecord,
  mapping: Record<string, CsvField>,
  codes: CodeLookup,
) {
  const input = rowToInput(record, mapping);
  const { key, found } = await findMatch(strapi, input);
  const data = await writeData(strapi, input, codes);
  const state: Record<string, any> = {};
  const ctx = { state };
  // The write reports its duplicates on the request state; a context of its own catches them for this row.
  const saved: any = await (strapi.requestContext as any).run(ctx, async () => {
    if (found) {
      if (key?.field === 'no') delete data.no;
      return strapi.documents(UID.contact).update({ documentId: found.documentId, data: data as any });
    }
    return strapi.documents(UID.contact).create({ data: data as any });
  });
  return {
    outcome: (found ? 'updated' : 'created') as 'created' | 'updated',
    matchedBy: found ? key!.field : null,
    contact: saved ? { documentId: saved.documentId, no: saved.no ?? null, name: saved.name ?? null } : null,
    duplicates: (saved && takeDuplicates(ctx, saved.documentId)) || [],
  };
}

/** A thrown error as a row's message and field. Anything that is not a rule's refusal is rethrown. */
export function rowError(err: any): { error: string; field: string | null } | null {
  if (err instanceof RuleViolation) return { error: err.message, field: err.path[0] ?? null };
  if (err?.name === 'ValidationError' || err?.name === 'NotFoundError') {
    const path = err.details?.errors?.[0]?.path;
    return { error: err.message, field: Array.isArray(path) && path.length ? String(path[0]) : null };
  }
  return null;
}

const ROLLBACK = new Error('dry run: roll back');

/**
 * The dry run of one row: written in a transaction that is always rolled back, so the outcome is exactly what
 * the run would do (numbering, defaults, inheritance, refusals, duplicates) and nothing stays.
 */
export async function dryRunRow(
  strapi: Core.Strapi,
  rowNo: number,
  record: CsvRecord,
  mapping: Record<string, CsvField>,
  codes: CodeLookup,
): Promise<RowResult> {
  let result: RowResult | null = null;
  try {
    await strapi.db.transaction(async () => {
      const r = await writeRow(strapi, record, mapping, codes);
      result = {
        row: rowNo,
        outcome: r.duplicates.length ? 'possibleDuplicate' : r.outcome,
        contact:
          r.outcome === 'updated'
            ? r.contact
            : { documentId: null, no: r.contact?.no ?? null, name: r.contact?.name ?? null },
        matchedBy: r.matchedBy,
        ...(r.duplicates.length ? { duplicates: r.duplicates.map(({ pairDocumentId: _pair, ...d }) => d as any) } : {}),
      };
      throw ROLLBACK;
    });
  } catch (err) {
    if (err === ROLLBACK && result) return result;
    const e = rowError(err);
    if (!e) throw err;
    return { row: rowNo, outcome: 'error', ...e };
  }
  throw new Error('dry run ended without a result');
}
