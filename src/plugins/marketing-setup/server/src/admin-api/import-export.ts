import fs from 'fs';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  CSV_FIELDS,
  EXPORT_ONLY_FIELDS,
  checkMapping,
  decodeCsvBytes,
  suggestMapping,
  type CsvDelimiter,
  type CsvField,
  type Mapping,
} from '../domain/contact-csv';
import { fieldLabel } from '../domain/field-labels';
import { RuleViolation } from '../domain/errors';
import { forbidden, validationError } from '../utils/errors';
import { parse } from '../validation/content-api';
import { readCsv, type CsvRecord } from '../contact-csv/parse';
import { codeCache, drewNumber, dryRunRow, dryRunRows, type RowResult } from '../contact-csv/rows';
import { exportContacts, type ContactFilter } from '../contact-csv/export';
import {
  cancelImport,
  createImportJob,
  driveImport,
  importCreator,
  importErrorsCsv,
  importStatus,
  listImports,
} from '../jobs/contact-import';
import { importRowAccess, recordAccess } from './record-access';
import { pacer } from '../utils/pacing';
import { exportBody, importBody, importJobParamsSchema } from './import-validation';

const MB = 1024 * 1024;

/** The export's separator: as asked, else a semicolon for Dutch captions (Dutch-language Excel's list separator). */
const delimiterOf = (input: { delimiter?: 'comma' | 'semicolon' | 'tab'; locale?: 'en' | 'nl' }): CsvDelimiter =>
  ({ comma: ',', semicolon: ';', tab: '\t' })[
    input.delimiter ?? (input.locale === 'nl' ? 'semicolon' : 'comma')
  ] as CsvDelimiter;

/**
 * Import and export of contacts (admin API, /marketing-setup/...):
 * POST /contacts/import/analyse   the file's columns, the suggested mapping, a sample and the row count
 * POST /contacts/import/dry-run   each row's outcome (created / updated / unchanged / possibleDuplicate / error), nothing kept
 * POST /contacts/import/jobs      stores the rows and starts the job → 202 with its status
 * GET  /contacts/import/jobs[/:id], POST /contacts/import/jobs/:id/resume|cancel, GET /contacts/import/jobs/:id/errors (CSV)
 * GET|POST /contacts/export       CSV of the contacts the user may read (selected ids and/or filters and search)
 * POST /contacts/export/count     how many contacts that export would write
 * The file comes as JSON ({ csv, mapping?, fileName? }) or as multipart/form-data (file + mapping as JSON text).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = (key: string, fallback: number) => {
    const v = Number(strapi.config.get(`plugin::marketing-setup.${key}`, fallback));
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  const maxBytes = () => cfg('importMaxBytes', 50 * MB);

  /** The CSV text, file name and mapping of the request, size-checked. */
  async function upload(ctx: Context): Promise<{ csv: string; fileName: string | null; mapping: Mapping | undefined }> {
    const file = ctx.request.files?.file;
    let input: { csv: string; fileName?: string; mapping?: Mapping };
    if (file) {
      const f = Array.isArray(file) ? file[0] : file;
      if (f.size > maxBytes())
        throw validationError(
          `The file is ${(f.size / MB).toFixed(1)} MB; the largest file an import takes is ${Math.round(maxBytes() / MB)} MB.`,
          ['file'],
        );
      // The form's other fields, as strictly as a JSON body's keys.
      const unknown = Object.keys(ctx.request.body ?? {}).filter((k) => k !== 'mapping' && k !== 'fileName');
      if (unknown.length) throw validationError(`Unknown field(s): ${unknown.join(', ')}.`, unknown);
      let mapping: unknown;
      const raw = ctx.request.body?.mapping;
      if (raw !== undefined && raw !== '') {
        try {
          mapping = typeof raw === 'string' ? JSON.parse(raw) : raw;
        } catch {
          throw validationError('mapping must be JSON: {"column header": "field"}.', ['mapping']);
        }
      }
      let csv: string;
      try {
        csv = decodeCsvBytes(await fs.promises.readFile(f.filepath)).text;
      } catch (err) {
        throw err instanceof RuleViolation ? validationError(err.message, err.path) : err;
      }
      input = parse(importBody, {
        csv,
        fileName: ctx.request.body?.fileName || (f.originalFilename ?? undefined),
        ...(mapping === undefined ? {} : { mapping }),
      });
    } else {
      input = parse(importBody, ctx.request.body);
      if (Buffer.byteLength(input.csv) > maxBytes())
        throw validationError(
          `The file is larger than ${Math.round(maxBytes() / MB)} MB, the largest an import takes.`,
          ['csv'],
        );
      // Text sent as JSON was decoded as UTF-8 on the way in; bytes that were not UTF-8 came out as U+FFFD.
      if (input.csv.includes('\uFFFD'))
        throw validationError(
          "The CSV text holds characters that were not UTF-8 (shown as �). Send it as UTF-8, or upload the file itself (multipart/form-data): a file in Excel's Windows encoding is read as such.",
          ['csv'],
        );
    }
    if (!input.csv.replace(/^\uFEFF/, '').trim())
      throw validationError('The file is empty: it needs a header line and at least one row.', ['file']);
    return { csv: input.csv, fileName: input.fileName ?? null, mapping: input.mapping };
  }

  /** Importing creates and updates contacts: the role needs both on the contact type (as in the Content Manager). */
  function mayImport(ctx: Context) {
    const { checker } = recordAccess(strapi, ctx);
    if (checker.cannot.create() || checker.cannot.update())
      throw forbidden('Your role may not create and update contacts, so it cannot import them.');
  }

  /**
   * Whose imports the user sees: every import when its role reads every contact (no condition such as "is
   * creator"), else only its own — a job's rows and errors CSV hold the file's data, which may be other people's.
   */
  async function importsOf(ctx: Context): Promise<number | undefined> {
    return (await recordAccess(strapi, ctx).readFilters()) === null ? undefined : Number(ctx.state.user?.id);
  }

  /** The import job a route names, once the role may import (permission first, then the id) and may see the job. */
  async function jobId(ctx: Context): Promise<number> {
    mayImport(ctx);
    const id = Number(parse(importJobParamsSchema, ctx.params).id);
    const owner = await importsOf(ctx);
    if (owner !== undefined) {
      const creator = await importCreator(strapi, id);
      if (creator !== undefined && creator !== owner)
        throw forbidden(`Import ${id} was started by another administrator; your role sees only its own imports.`);
    }
    return id;
  }

  const mappingOf = (headers: string[], mapping: Mapping | undefined): Record<string, CsvField> => {
    try {
      return checkMapping(headers, mapping ?? suggestMapping(headers));
    } catch (err) {
      if (err instanceof RuleViolation) throw validationError(err.message, err.path);
      throw err;
    }
  };

  /**
   * The contacts and columns an export request asks for, narrowed as the Content Manager's list narrows them for
   * the same user: the role's read conditions (e.g. an Author's "is creator") and its readable fields, whether
   * the request names documentIds, filters, a search or none of them; `where` is that selection as a query.
   */
  const contacts = () => strapi.documents('plugin::marketing-setup.contact');

  async function exportSelection(ctx: Context) {
    const access = recordAccess(strapi, ctx);
    const readFilters = await access.readFilters(); // 403 for a role that may not read contacts
    const q = ctx.method === 'GET' ? (ctx.query ?? {}) : (ctx.request.body ?? {});
    const input = parse(
      exportBody,
      ctx.method === 'GET'
        ? {
            ...(q.documentIds ? { documentIds: String(q.documentIds).split(',').filter(Boolean) } : {}),
            ...(q.filters ? { filters: q.filters } : {}),
            ...(q._q !== undefined ? { _q: q._q } : {}),
            ...(q.fields ? { fields: String(q.fields).split(',').filter(Boolean) } : {}),
            ...(q.locale ? { locale: q.locale } : {}),
            ...(q.delimiter ? { delimiter: q.delimiter } : {}),
          }
        : q,
    );
    const wanted = input.fields ?? [...CSV_FIELDS, ...EXPORT_ONLY_FIELDS];
    // Field-level permissions: a column the role may not read is left out (as the list view leaves it out).
    const fields = wanted.filter((f) => !access.checker.cannot.read(undefined, f));
    // The user's filters as the Content Manager takes them: fields the role may not read are dropped from them too.
    const userFilters = input.filters
      ? (await access.checker.sanitizedQuery.read({ filters: input.filters })).filters
      : null;
    const filters = [
      readFilters,
      userFilters,
      input.documentIds ? { documentId: { $in: input.documentIds } } : null,
      // The permission checker's and the sanitizer's filters are Strapi's own, in its filter syntax.
    ].filter((f) => f && Object.keys(f).length) as ContactFilter[];
    // The list view's search box: the Content Manager hands `_q` to the query engine, which looks for the text in
    // every text column (and the id); the same `_q` here finds the same contacts.
    const search = input._q?.trim() ? input._q : undefined;
    return { input, filters, fields, search, where: { filters: { $and: filters }, ...(search ? { _q: search } : {}) } };
  }

  /**
   * A read of the selection's contacts; a filter the query engine cannot apply is a 400. The filters' shape is
   * checked before (the input guard, domain/input-guard.ts findBadFilters); what still fails here is told in plain
   * words — the database's message holds the SQL, which is for the log, never for the caller.
   */
  async function readSelection<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      if (err instanceof Error && err.name === 'ValidationError') throw err;
      strapi.log.warn(`[marketing-setup] export: filters not applicable: ${err instanceof Error ? err.message : err}`);
      throw validationError(
        'The filters cannot be applied to the contacts: check the fields, operators and values they name.',
        ['filters'],
      );
    }
  }

  return {
    async analyse(ctx: Context) {
      mayImport(ctx);
      const { csv } = await upload(ctx);
      const sample: CsvRecord[] = [];
      const { headers, rows } = await readCsv(
        csv,
        (r) => {
          sample.push(r);
        },
        { limit: 5 },
      );
      ctx.body = {
        data: {
          headers,
          suggestions: suggestMapping(headers),
          sample,
          total: rows,
          fields: CSV_FIELDS.map((f) => ({ field: f, label: fieldLabel(f, 'en'), labelNl: fieldLabel(f, 'nl') })),
        },
      };
    },

    async dryRun(ctx: Context) {
      mayImport(ctx);
      const { csv, mapping } = await upload(ctx);
      const limit = cfg('importDryRunLimit', 1000);
      const rows: RowResult[] = [];
      const codes = codeCache(strapi);
      let checked: Record<string, CsvField> | null = null;
      let draws = 0;
      // Each row is rolled back, so a row is judged against the earlier rows of the file here (as the run will).
      const file = dryRunRows();
      const rowAccess = importRowAccess(recordAccess(strapi, ctx));
      // Up to a thousand rows, each through the rules: other requests get their turns meanwhile (on SQLite every
      // statement is synchronous, so without them the whole server would wait for the dry run).
      const pace = pacer();
      const { rows: total } = await readCsv(
        csv,
        async (record, rowNo) => {
          await pace();
          checked ??= mappingOf(Object.keys(record), mapping);
          const row = await dryRunRow(strapi, rowNo, record, checked, codes, draws, rowAccess, file);
          if (drewNumber(row, record, checked)) draws += 1;
          rows.push(row);
        },
        { limit },
      );
      const counts = { created: 0, updated: 0, unchanged: 0, possibleDuplicate: 0, error: 0 };
      for (const r of rows) counts[r.outcome] += 1;
      ctx.body = { data: { mapping: checked!, total, evaluated: rows.length, counts, rows } };
    },

    async start(ctx: Context) {
      mayImport(ctx);
      const { csv, mapping, fileName } = await upload(ctx);
      // The mapping is checked against the header before anything is stored.
      let headers: string[] = [];
      await readCsv(csv, () => undefined, { limit: 0 }).then((r) => {
        headers = r.headers;
      });
      const checked = mappingOf(headers, mapping);
      const id = await createImportJob(strapi, { csv, mapping: checked, fileName, userId: ctx.state.user?.id ?? null });
      if ((strapi.config.get('plugin::marketing-setup.importAutoRun', true) as unknown) !== false)
        void driveImport(strapi, id).catch(() => null);
      ctx.status = 202;
      ctx.body = { data: await importStatus(strapi, id) };
    },

    async list(ctx: Context) {
      mayImport(ctx);
      ctx.body = { data: await listImports(strapi, 20, await importsOf(ctx)) };
    },

    async status(ctx: Context) {
      ctx.body = { data: await importStatus(strapi, await jobId(ctx)) };
    },

    async resume(ctx: Context) {
      const id = await jobId(ctx);
      const status = await importStatus(strapi, id);
      if (status.state !== 'running')
        throw validationError(`Import ${id} is ${status.state}; only a running import can be resumed.`, ['id']);
      void driveImport(strapi, id).catch(() => null);
      ctx.status = 202;
      ctx.body = { data: status };
    },

    async cancel(ctx: Context) {
      ctx.body = { data: await cancelImport(strapi, await jobId(ctx)) };
    },

    async errors(ctx: Context) {
      const id = await jobId(ctx);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="contact-import-${id}-errors.csv"`);
      ctx.body = await importErrorsCsv(strapi, id);
    },

    async export(ctx: Context) {
      const { input, filters, fields, search, where } = await exportSelection(ctx);
      // A bad filter is a 400 here, before the download starts.
      await readSelection(() => contacts().findFirst({ ...where, fields: ['id'] }));
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="contacts-${new Date().toISOString().slice(0, 10)}.csv"`);
      ctx.body = exportContacts(strapi, {
        filters,
        search,
        fields,
        locale: input.locale,
        delimiter: delimiterOf(input),
      });
    },

    /** How many contacts the same request would export (the admin's export dialog shows it before the download). */
    async exportCount(ctx: Context) {
      const { where } = await exportSelection(ctx);
      ctx.body = { data: { count: await readSelection(() => contacts().count(where)) } };
    },
  };
};
