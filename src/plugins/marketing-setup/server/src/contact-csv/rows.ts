/**
 * One imported row through the contacts' write path: its codes resolved to records, the contact it updates
 * found (No., else VAT Registration No., else e-mail), then `strapi.documents(contact).create/update` — so the
 * document-service middleware applies numbering, defaults, inheritance and the duplicate search exactly as
 * for a REST or Content Manager write. The caller decides the transaction (a dry run rolls it back).
 */
import type { Core } from '@strapi/strapi';
import type { ParameterizedContext } from 'koa';
import type { Knex } from 'knex';
import {
  companyNamed,
  dryRunOutcome,
  matchKeyOf,
  unchangedBy,
  pickMatch,
  rowType,
  twinNameOf,
  twinOf,
  withoutMatchedKey,
  rowToInput,
  pickByCode,
  unknownCode,
  unknownCompany,
  withRelations,
  FileRows,
  type CodeRelation,
  type CsvField,
  type ImportRow,
  type MatchKey,
  type RowWritten,
} from '../domain/contact-csv';
import { RuleViolation } from '../domain/errors';
import { withoutStaleInherited } from '../domain/inheritance';
import { withoutMaintainedFields } from '../domain/contact-fields';
import { fieldLabel } from '../domain/field-labels';
import { takeDuplicates, type ReportedDuplicate } from '../utils/request-state';
import { UID } from '../utils/uids';
import {
  companiesByName,
  contactByNo,
  contactsByKey,
  contactsNamed,
  recordsByCode,
  type MatchedContact,
} from '../repositories/import-lookups';
import type { CsvRecord } from './parse';
import { transaction } from '../repositories/unit-of-work';
import { contactWithLinkDocumentIds } from '../repositories/contacts';
import { loadSetup } from '../repositories/setup';
import { advanceSeriesForPreview } from '../operations/numbering';
import { rememberedByNo, rememberedMatch } from '../operations/import-batch';
import { updateDirect } from '../write-rules/contact-batch';

export type Outcome = RowWritten | 'possibleDuplicate' | 'error';
/** How a row found its contact: a match key, or (unchanged only) a contact of its name holding all its values. */
export type MatchedBy = NonNullable<MatchKey>['field'] | 'name';

export interface RowResult {
  row: number;
  outcome: Outcome;
  /**
   * The contact written (its No. after numbering), or the one it would update — with its name as it is now when the
   * row renames it (`previousName`), so the admin sees what a match overwrites.
   */
  contact?: { documentId: string | null; no: string | null; name: string | null; previousName?: string | null } | null;
  matchedBy?: MatchedBy | null;
  duplicates?: Omit<ReportedDuplicate, 'pairDocumentId'>[];
  error?: string;
  field?: string | null;
  /** The earlier row of the file this row repeats (it is unchanged: that row's contact). */
  sameAsRow?: number;
}

/**
 * The dry run's rows of one file so far, each with the contact it came to (`FileRows`), and the cells of each row
 * with whether it drew a number (a row that created a company is written again before a person row naming it).
 */
export class DryRunRows extends FileRows<NonNullable<RowResult['contact']>> {
  readonly records = new Map<number, EarlierRow>();
}
/** A row of the file as the dry run wrote it: its cells, the numbers drawn before it, whether it drew one. */
interface EarlierRow {
  record: CsvRecord;
  drawsBefore: number;
  drew: boolean;
}
export const dryRunRows = (): DryRunRows => new DryRunRows();

/** Codes → documentIds, remembered for one import (master data does not change during it). */
export function codeCache(strapi: Core.Strapi) {
  const cache = new Map<string, { documentId: string; code: string }[]>();
  return async (field: CodeRelation, code: string): Promise<string> => {
    const key = `${field}:${code.toUpperCase()}`;
    if (!cache.has(key)) cache.set(key, await recordsByCode(strapi, field, code));
    // The code as written first, else the one code of another case; several of other cases: refused.
    const documentId = pickByCode(field, code, cache.get(key)!);
    if (!documentId) throw unknownCode(field, code);
    return documentId;
  };
}
export type CodeLookup = ReturnType<typeof codeCache>;

/**
 * The contact a row updates, or null for a new one; two contacts with the same VAT no. or e-mail: the row is refused.
 * Only contacts the role may read count: one it cannot see is one that does not exist (a refusal naming it, or an
 * ambiguity it makes, would tell the role it is there and which No. it has).
 */
async function findMatch(strapi: Core.Strapi, row: ImportRow, access: RowAccess) {
  const key = matchKeyOf(row);
  if (!key) return { key, found: null };
  const all = await rememberedMatch(key, () => contactsByKey(strapi, key));
  const readable = await Promise.all(all.map((c) => access.mayRead(c.documentId)));
  return {
    key,
    found: pickMatch(
      key,
      all.filter((_, i) => readable[i]),
      rowType(row),
    ),
  };
}

/**
 * The contact a row's Company cell names, among those the role may read: the one with that No., else the one
 * company of that name (two: refused). A contact it may not read is one that does not exist — it neither takes
 * the cell's No. nor makes a name ambiguous (an Author's own "Fabrikam NV" is found beside another one's).
 */
async function readableCompany(strapi: Core.Strapi, cell: string, access: RowAccess) {
  const byNo = await contactByNo(strapi, cell);
  if (byNo && (await access.mayRead(byNo.documentId))) return byNo;
  const scope = await access.readScope();
  return scope === 'none' ? null : companyNamed(cell, await companiesByName(strapi, cell, scope));
}

/** The data of the write: scalars of the row plus its relations as documentIds. */
async function writeData(strapi: Core.Strapi, row: ImportRow, codes: CodeLookup, access: RowAccess) {
  const relations: Partial<Record<CodeRelation | 'company', string>> = {};
  for (const [field, code] of Object.entries(row.codes) as [CodeRelation | 'company', string][]) {
    if (field === 'company') {
      let company = await rememberedByNo(code, () => readableCompany(strapi, code, access));
      // The chunk reads the contacts its rows name by No. ahead, whoever may read them: one the role may not read is
      // looked up again as the role sees the contacts (then perhaps a company of that name).
      if (company && !(await access.mayRead(company.documentId))) company = await readableCompany(strapi, code, access);
      // A company the role may not read is one it does not see: the same answer as for none.
      if (!company) throw unknownCompany(code);
      relations.company = company.documentId;
    } else {
      relations[field] = await codes(field, code);
    }
  }
  return withRelations(row.data, relations);
}

/** What a row's write returns that the import reports. */
interface SavedContact {
  documentId: string;
  no?: string | null;
  name?: string | null;
}

/** The write's own request context, so the duplicates it reports (on the request state) are this row's. */
async function inOwnContext<T>(strapi: Core.Strapi, state: Record<string, unknown>, fn: () => Promise<T>) {
  let result: T | undefined;
  await strapi.requestContext.run({ state } as unknown as ParameterizedContext, async () => {
    result = await fn();
  });
  return result as T;
}

/**
 * What the importing admin may do with existing contacts (its Content Manager permissions, with conditions such as
 * "is creator"); the import's routes only check that it may create contacts. `mayUpdate`: the contact a row
 * matched; `mayRead`: the company a row names (a person of a company inherits its address, phone and e-mail —
 * naming a company the role may not read would show them); `readScope`: the same as a filter, so a lookup by
 * name counts only the companies the role may read.
 */
export interface RowAccess {
  mayUpdate(documentId: string): Promise<boolean>;
  mayRead(documentId: string): Promise<boolean>;
  /**
   * The contacts the role may read as a query filter, for lookups that find several (the companies of a name):
   * null when it reads every contact, 'none' when it reads none.
   */
  readScope(): Promise<ReadScope>;
}
export type ReadScope = Record<string, unknown> | null | 'none';
/** No restriction: an import started in code, by no admin. */
export const fullAccess: RowAccess = {
  mayUpdate: async () => true,
  mayRead: async () => true,
  readScope: async () => null,
};
const updateRefused = (found: MatchedContact) =>
  new RuleViolation(`Your role may not change contact ${found.no ?? found.documentId}, which this row matches.`, 'no');

/** A row ready to be written: the contact it updates (or none) and the data of the write. */
export interface PreparedRow {
  key: MatchKey;
  found: MatchedContact | null;
  data: Record<string, unknown>;
  /** A row without a match key: the contacts of its name (`twinNameOf`), one of which may be the row's own. */
  named?: MatchedContact[];
}

/**
 * Everything of a row before its write: cells read, the contact it updates found, codes resolved. Only
 * reads: a RuleViolation thrown here (a cell, a code, an ambiguous match) leaves nothing to roll back.
 */
export async function prepareRow(
  strapi: Core.Strapi,
  record: CsvRecord,
  mapping: Record<string, CsvField>,
  codes: CodeLookup,
  access: RowAccess = fullAccess,
): Promise<PreparedRow> {
  const input = rowToInput(record, mapping);
  const { key, found } = await findMatch(strapi, input, access);
  const data = await writeData(strapi, input, codes, access);
  if (found) return { key, found, data: withoutMatchedKey(data, key, found) };
  // A new contact of the type the row stands for (a list of people without a Type column: persons).
  const type = data.type ?? rowType(input);
  const name = twinNameOf(input);
  const named = name ? await contactsNamed(strapi, name, typeof type === 'string' ? type : undefined) : [];
  return { key, found, data: { ...data, type }, ...(named.length ? { named } : {}) };
}

/**
 * The contact of a new row's name that already holds every value of the row (domain `twinOf`), or null: the row
 * is that contact, unchanged. Only a contact the role may read counts (it could not see the one it would match).
 */
export async function twinOfRow(
  strapi: Core.Strapi,
  prepared: PreparedRow,
  access: RowAccess,
): Promise<MatchedContact | null> {
  for (const contact of prepared.named ?? []) {
    const current = await transaction(strapi, ({ trx }) => contactWithLinkDocumentIds({ strapi, trx }, contact.id));
    if (current && twinOf(prepared.data, [current]) && (await access.mayRead(contact.documentId))) return contact;
  }
  return null;
}

/**
 * What one run of an import job remembers between its rows: the values of the companies its rows changed, as they
 * were before the first such row (see `withoutStaleInherited`).
 */
export interface ImportMemory {
  companiesBefore: Map<string, Record<string, unknown>>;
  /** The job's rows done so far, each with the No. of the contact it came to (`FileRows`). */
  file: FileRows<{ no: string | null }>;
}
export const newImportMemory = (): ImportMemory => ({ companiesBefore: new Map(), file: new FileRows() });

/**
 * An update row's data as it is written, or null when it changes nothing. Reads the contact (in the ambient
 * transaction); a person's cells that copy what its company held before this import changed it are dropped; a
 * company about to change is remembered as it was.
 */
async function changesOf(
  strapi: Core.Strapi,
  found: MatchedContact,
  data: Record<string, unknown>,
  memory?: ImportMemory,
): Promise<Record<string, unknown> | null> {
  // A Company Name cell (an export's column) is the plugin's to fill: it neither changes a contact nor makes a row "updated".
  data = withoutMaintainedFields({ ...data });
  const current = await transaction(strapi, ({ trx }) => contactWithLinkDocumentIds({ strapi, trx }, found.id));
  if (!current) return data; // gone meanwhile: the write says so
  const company = typeof current.company === 'string' ? current.company : null;
  const companyBefore = company && current.type === 'person' && memory?.companiesBefore.get(company);
  if (companyBefore && (data.company === undefined || data.company === company)) {
    const overrides = Array.isArray(current.inheritanceOverrides) ? (current.inheritanceOverrides as string[]) : [];
    data = withoutStaleInherited(data, overrides, companyBefore);
  }
  if (unchangedBy(data, current)) return null;
  if (current.type === 'company' && memory && !memory.companiesBefore.has(found.documentId))
    memory.companiesBefore.set(found.documentId, current);
  return data;
}

/**
 * Writes a prepared row through the document service, inside the caller's transaction (or its own). Throws
 * the write rules' error as they raise it (ValidationError). A row that matched a contact and changes none of
 * its values is not written: "unchanged" (after the role's check, so a role learns nothing of a contact it may
 * not change).
 */
export async function writePrepared(
  strapi: Core.Strapi,
  prepared: PreparedRow,
  access: RowAccess = fullAccess,
  direct?: Knex.Transaction,
  memory?: ImportMemory,
): Promise<{
  outcome: RowWritten;
  matchedBy: MatchedBy | null;
  contact: { documentId: string; no: string | null; name: string | null } | null;
  /** The matched contact's name before the write. */
  previousName: string | null;
  duplicates: ReportedDuplicate[];
}> {
  const { key, found } = prepared;
  let { data } = prepared;
  if (found) {
    if (!(await access.mayUpdate(found.documentId))) throw updateRefused(found);
    // The No. found the contact: it is the contact's own.
    if (key?.field === 'no') delete data.no;
    const changes = await changesOf(strapi, found, data, memory);
    if (!changes)
      return {
        outcome: 'unchanged',
        matchedBy: key!.field,
        contact: { documentId: found.documentId, no: found.no, name: found.name },
        previousName: found.name,
        duplicates: [],
      };
    data = changes;
  } else {
    const twin = await twinOfRow(strapi, prepared, access);
    if (twin)
      return {
        outcome: 'unchanged',
        matchedBy: 'name',
        contact: { documentId: twin.documentId, no: twin.no, name: twin.name },
        previousName: twin.name,
        duplicates: [],
      };
  }
  const state: Record<string, unknown> = {};
  const saved = await inOwnContext(strapi, state, async (): Promise<SavedContact | null> => {
    if (found) {
      // An import job's update (`direct`: its chunk's transaction) skips the document service where it can.
      const updated = direct && (await updateDirect(strapi, direct, found.documentId, structuredClone(data)));
      if (updated) return updated as SavedContact;
      // The data's types come from the file's cells; the write rules check them as for any write.
      return strapi.documents(UID.contact).update({ documentId: found.documentId, data: data as never });
    }
    return strapi.documents(UID.contact).create({ data: data as never });
  });
  return {
    outcome: (found ? 'updated' : 'created') as 'created' | 'updated',
    matchedBy: found ? key!.field : null,
    contact: saved ? { documentId: saved.documentId, no: saved.no ?? null, name: saved.name ?? null } : null,
    previousName: found?.name ?? null,
    duplicates: (saved && takeDuplicates({ state }, saved.documentId)) || [],
  };
}

/** One row prepared and written (the dry run's path). */
export const writeRow = async (
  strapi: Core.Strapi,
  record: CsvRecord,
  mapping: Record<string, CsvField>,
  codes: CodeLookup,
  access?: RowAccess,
) => writePrepared(strapi, await prepareRow(strapi, record, mapping, codes, access), access);

/**
 * A message that starts with the attribute name ("address2 is too long: …", as the REST API words it for its
 * consumers) starts with the field's caption in an import's rows ("Address 2 is too long: …"): the words of the
 * file's columns and the admin's form.
 */
const captioned = (message: string, field: string | null) =>
  field && message.startsWith(`${field} `) ? `${fieldLabel(field)}${message.slice(field.length)}` : message;

/** A thrown error as a row's message and field. Anything that is not a rule's refusal is rethrown. */
export function rowError(err: unknown): { error: string; field: string | null } | null {
  if (err instanceof RuleViolation) {
    const field = (err.path[0] as string | undefined) ?? null;
    return { error: captioned(err.message, field), field };
  }
  const e = err as { name?: string; message?: string; details?: { errors?: { path?: unknown }[] } } | null;
  if (e?.name === 'ValidationError' || e?.name === 'NotFoundError') {
    const path = e.details?.errors?.[0]?.path;
    // The input guard's paths start with "data".
    const parts = Array.isArray(path) ? path.map(String).filter((p) => p !== 'data') : [];
    const field = parts[0] ?? null;
    return { error: captioned(String(e.message), field), field };
  }
  return null;
}

const ROLLBACK = new Error('dry run: roll back');

/**
 * The dry run of one row: written in a transaction that is always rolled back, so the outcome is exactly what
 * the run would do (numbering, defaults, inheritance, refusals, duplicates) and nothing stays. The earlier rows
 * of the file (`file`, in file order) were rolled back too: a row is judged against them first, as the run judges
 * it (domain `FileRows`: a repeat is unchanged, another name or other values with a new contact's key refused).
 */
export async function dryRunRow(
  strapi: Core.Strapi,
  rowNo: number,
  record: CsvRecord,
  mapping: Record<string, CsvField>,
  codes: CodeLookup,
  earlierDraws = 0,
  access?: RowAccess,
  file: DryRunRows = dryRunRows(),
): Promise<RowResult> {
  let input: ImportRow | null = null;
  try {
    input = rowToInput(record, mapping);
  } catch {
    // refused below, as the run refuses it
  }
  // The earlier rows of the file, as the run will have written them (here they were rolled back).
  const verdict = input && file.verdict(rowNo, input);
  if (verdict?.kind === 'conflict') {
    file.add(rowNo, input, null);
    return { row: rowNo, outcome: 'error', error: verdict.message, field: verdict.field };
  }
  if (verdict?.kind === 'repeat') {
    file.add(rowNo, input, verdict.outcome);
    return {
      row: rowNo,
      outcome: 'unchanged',
      contact: verdict.outcome,
      matchedBy: verdict.matchedBy,
      sameAsRow: verdict.rowNo,
    };
  }
  // A person of a company an earlier row of the file created: that row is written first (the run links them).
  const companyCell = input?.codes.company;
  const companyRow = companyCell ? file.createdCompanyRow(companyCell, (c) => c.no) : null;
  const before = companyRow !== null ? (file.records.get(companyRow) ?? null) : null;
  const result = await dryRunWrite(strapi, rowNo, record, mapping, codes, earlierDraws, access, before);
  file.records.set(rowNo, { record, drawsBefore: earlierDraws, drew: drewNumber(result, record, mapping) });
  const created = result.outcome === 'created' || result.outcome === 'possibleDuplicate';
  // A repeat shows the contact as this row leaves it (not the name it had before the file).
  const { previousName: _before, ...contact } = result.contact ?? { documentId: null, no: null, name: null };
  file.add(rowNo, input, result.outcome === 'error' ? null : contact, created);
  return result;
}

async function dryRunWrite(
  strapi: Core.Strapi,
  rowNo: number,
  record: CsvRecord,
  mapping: Record<string, CsvField>,
  codes: CodeLookup,
  earlierDraws: number,
  access?: RowAccess,
  before: EarlierRow | null = null,
): Promise<RowResult> {
  let result: RowResult | null = null;
  try {
    await transaction(strapi, async ({ trx }) => {
      // Every row is rolled back, so without this each new contact would preview the same next number. A company
      // row written again first gets the number it drew (the draws before it, then its own), this row its own.
      const seriesId = earlierDraws ? ((await loadSetup(strapi, trx)).contactNos as number | null) : null;
      const advance = async (n: number) => {
        if (seriesId && n > 0) await advanceSeriesForPreview(strapi, trx, seriesId, n);
      };
      if (before) {
        await advance(before.drawsBefore);
        await writeRow(strapi, before.record, mapping, codes, access);
        await advance(earlierDraws - before.drawsBefore - (before.drew ? 1 : 0));
      } else await advance(earlierDraws);
      const r = await writeRow(strapi, record, mapping, codes, access);
      // The duplicates a role may see: a contact it may not read is not shown (nor its No. and name).
      const allowed = await Promise.all(r.duplicates.map((d) => (access ?? fullAccess).mayRead(d.documentId)));
      const duplicates = r.duplicates.filter((_, i) => allowed[i]);
      result = {
        row: rowNo,
        outcome: dryRunOutcome(r.outcome, duplicates.length),
        contact:
          r.outcome === 'created'
            ? { documentId: null, no: r.contact?.no ?? null, name: r.contact?.name ?? null }
            : r.contact && r.previousName !== r.contact.name
              ? { ...r.contact, previousName: r.previousName }
              : r.contact,
        matchedBy: r.matchedBy,
        ...(duplicates.length ? { duplicates: duplicates.map(({ pairDocumentId: _pair, ...d }) => d) } : {}),
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

/** Whether a dry-run row drew a number from the series: a new contact whose row gave no No. of its own. */
export const drewNumber = (result: RowResult, record: CsvRecord, mapping: Record<string, CsvField>) =>
  (result.outcome === 'created' || result.outcome === 'possibleDuplicate') &&
  !Object.entries(mapping).some(([header, field]) => field === 'no' && String(record[header] ?? '').trim() !== '');
