/**
 * Zod schemas of the import and export routes (admin API): the controllers' check at the edge and the
 * routes' OpenAPI description.
 */
import { z } from '@strapi/utils';
import { CSV_FIELDS, EXPORT_ONLY_FIELDS } from '../domain/contact-csv';
import { textUpTo } from '../validation/content-api';

const strict = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `Unknown field(s): ${iss.keys.join(', ')}.` : 'Send a JSON object.',
  });

/** Its last path segment is the column header: 'The mapping value for column "Name" must be …'. */
const mappingValue = z
  .string({
    error: (iss) =>
      `The mapping value for column "${String(iss.path?.at(-1) ?? '')}" must be a field name or null (to skip the column).`,
  })
  .nullable();

const mapping = z
  .record(z.string(), mappingValue, {
    error: 'mapping must be an object: column header → contact field (or null to skip the column).',
  })
  .meta({
    description: 'Column header → contact field (attribute name); null skips the column. Default: the suggestions.',
    example: { 'No.': 'no', Name: 'name', 'E-Mail': 'email', Notes: null },
  });

/** The file as JSON (small files); larger ones go as multipart/form-data with the file in `file` and these fields beside it. */
export const importBody = strict({
  csv: z.string({ error: 'Send the CSV text in csv (or upload the file as multipart/form-data in file).' }).meta({
    description: 'The CSV text: a header line, then one contact per line. Comma, semicolon or tab.',
    example: 'No.;Name;E-Mail\n;Fabrikam;info@fabrikam.com\n',
  }),
  fileName: textUpTo(255, 'fileName is at most 255 characters.').optional(),
  mapping: mapping.optional(),
});

const JOB_ID = 'The job id is a whole number from 1 (as the list of imports shows it).';
export const importJobParams = {
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, { error: JOB_ID })
    .refine((v) => Number(v) <= 2_147_483_647, { error: JOB_ID })
    .meta({ example: '1' }),
};
export const importJobParamsSchema = z.object(importJobParams);

export const exportBody = strict({
  documentIds: z
    .array(z.string().min(1))
    .min(1, { error: 'documentIds names no contact; name at least one, or leave it out to export by filters.' })
    .max(10_000, { error: 'Export at most 10,000 selected contacts at once; use filters for more.' })
    .optional()
    .meta({ description: 'Only these contacts (the rows selected in the list view).' }),
  filters: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({
      description: "Strapi filters on the contact, as the list view's (its URL's `filters`).",
      example: { $and: [{ city: { $eq: 'Gent' } }] },
    }),
  _q: textUpTo(1000, '_q is at most 1,000 characters.', '_q must be text.').optional().meta({
    description:
      "Search text, as the list view's search box (its URL's `_q`): the contacts with it in a text field or the id, as the Content Manager searches.",
    example: 'Fabrikam',
  }),
  fields: z
    .array(
      z.enum([...CSV_FIELDS, ...EXPORT_ONLY_FIELDS] as [string, ...string[]], {
        error: (issue) => `fields names "${String(issue.input)}", which is not a field the export writes.`,
      }),
    )
    .min(1, { error: 'Choose at least one field to export, or leave fields out for all of them.' })
    .optional()
    .meta({ description: 'Columns, in order (default: all).' }),
  locale: z
    .enum(['en', 'nl'], { error: 'locale is en (English captions) or nl (Dutch captions).' })
    .optional()
    .meta({ description: 'Language of the header captions.' }),
  delimiter: z
    .enum(['comma', 'semicolon', 'tab'], { error: 'delimiter is comma, semicolon or tab.' })
    .optional()
    .meta({ description: 'Separator of the cells (default: semicolon with Dutch captions, else comma).' }),
});

export const exportQuery = z
  .object({
    documentIds: z.string().optional().meta({ description: 'Comma-separated documentIds.' }),
    _q: z.string().optional().meta({ description: "Search text, as the list view's search box." }),
    locale: z.enum(['en', 'nl'], { error: 'locale is en (English captions) or nl (Dutch captions).' }).optional(),
    delimiter: z.enum(['comma', 'semicolon', 'tab'], { error: 'delimiter is comma, semicolon or tab.' }).optional(),
  })
  .catchall(z.unknown());

const outcome = z.enum(['created', 'updated', 'unchanged', 'possibleDuplicate', 'error']);
const jobStatus = z.object({
  id: z.number(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  fileName: z.string().nullable(),
  total: z.number(),
  processed: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number().meta({ description: 'Rows that matched a contact already holding every value: not written.' }),
  failed: z.number(),
  cursor: z.number(),
  createdAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  waitingFor: z.number().nullable().meta({
    description: 'The running import this one waits for: imports run one at a time. Null: it runs, or it is over.',
  }),
});

export const importResponses = {
  analyse: z.object({
    data: z.object({
      headers: z.array(z.string()),
      suggestions: z.record(z.string(), z.string().nullable()),
      sample: z.array(z.record(z.string(), z.string())),
      total: z.number(),
      fields: z.array(z.object({ field: z.string(), label: z.string(), labelNl: z.string() })),
    }),
  }),
  dryRun: z.object({
    data: z.object({
      mapping: z.record(z.string(), z.string()),
      total: z.number(),
      evaluated: z.number(),
      counts: z.object({
        created: z.number(),
        updated: z.number(),
        unchanged: z.number(),
        possibleDuplicate: z.number(),
        error: z.number(),
      }),
      rows: z.array(z.looseObject({ row: z.number(), outcome, error: z.string().optional() })),
    }),
  }),
  job: z.object({ data: jobStatus }),
  jobs: z.object({ data: z.array(jobStatus) }),
  exportCount: z.object({
    data: z.object({ count: z.number().meta({ description: 'How many contacts the same export writes.' }) }),
  }),
  csv: z.string().meta({ description: 'text/csv; charset=utf-8, with a byte order mark.' }),
};
