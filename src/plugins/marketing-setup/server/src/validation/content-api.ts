/**
 * Request and response schemas of the content API's action routes (beyond CRUD), in Zod as Strapi 5 routes
 * take them: one definition serves the controller's check at the edge (`parse`) and the route's OpenAPI
 * description (`request` / `response` on the route, read by `npm run openapi`). The core CRUD routes get
 * theirs from Strapi's core router.
 */
import { errors, z } from '@strapi/utils';
import {
  EVALUATIONS,
  INFORMATION_FLOWS,
  INITIATED_BY,
  INTERACTION_CORRESPONDENCE_TYPES,
  isIsoDate,
  isTimeOfDay,
} from '../domain/interactions';
import { DOCUMENT_KINDS } from '../../../shared/contracts/interactions';
import { longerThan } from '../domain/text-length';

/**
 * Validates `data` with `schema`; a failure is a 400 (Strapi's ValidationError) with each field's path. Zod's own
 * messages ("Invalid input: expected array") do not say which field: those get the field's name in front.
 */
export function parse<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const list = result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const named = path.length && !issue.message.startsWith(path[0]) && /^(Invalid|Too|Expected)/.test(issue.message);
    return { path, message: named ? `${path.join('.')}: ${issue.message}` : issue.message, name: 'ValidationError' };
  });
  throw new errors.ValidationError(list[0].message, { errors: list });
}

/**
 * Text of at most `max` characters, counted as the database counts them: code points, an emoji is one
 * (domain/text-length.ts; zod's `max` counts UTF-16 units, two for an emoji). The OpenAPI document keeps the
 * `maxLength` (JSON Schema counts characters too).
 */
export const textUpTo = (max: number, error: string, notText?: string) =>
  z
    .string(notText ? { error: notText } : undefined)
    .refine((v) => !longerThan(v, max), { error })
    .meta({ maxLength: max });

const documentId = (what: string) =>
  z
    .string({ error: `Give the ${what} (its documentId).` })
    .min(1)
    .meta({ example: 'k3v8q2m9x1c7z5b4n6l0p2r8' });
const oneOf = <T extends string>(label: string, values: readonly T[]) =>
  z.enum(values as [T, ...T[]], { error: `${label} must be one of: ${values.join(', ')}.` });
const amount = (label: string) =>
  z.number({ error: `${label} must be a number.` }).min(0, { error: `${label} cannot be negative.` });
/** An object that refuses keys it does not know, saying which. */
const strict = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `Unknown field(s): ${iss.keys.join(', ')}.` : 'Send a JSON object.',
  });

const LINK_KINDS = ['customer', 'vendor', 'bankAccount'] as const;
export const contactParams = { documentId: documentId('contact') };
export const mergeLogParams = { documentId: documentId('merge log') };

/** A contact as the actions name it. */
const contactRef = z.object({
  documentId: z.string(),
  no: z.string().nullable(),
  name: z.string().nullable(),
  type: z.enum(['company', 'person']),
});

export const resetInheritanceBody = strict({
  fields: z
    .array(z.string())
    .optional()
    .meta({
      description: 'Fields to inherit again (default: every overridden field).',
      example: ['address', 'salesperson'],
    }),
});
export const propagationPreviewBody = strict({
  data: z
    .record(z.string(), z.unknown(), { error: 'Send the company changes in data.' })
    .meta({ example: { city: 'Brugge', salesperson: 'a1b2c3d4e5f6g7h8i9j0k1l2' } }),
});
export const createAsBody = strict({ kind: oneOf('kind', LINK_KINDS) });
export const linkBody = strict({
  kind: oneOf('kind', LINK_KINDS),
  target: documentId('customer, vendor or bank account'),
  master: oneOf('master', ['contact', 'target']).default('contact'),
});
export const salutationQuery = strict({
  type: oneOf('type', ['formal', 'informal']).default('formal'),
  language: z.string().optional().meta({ description: "A language code; default: the contact's language." }),
});
export const duplicatesQuery = strict({ includeSeparate: oneOf('includeSeparate', ['true', 'false']).optional() });
export const emptyBody = strict({});

export const mergeBody = strict({
  duplicate: z.string({ error: 'Name the duplicate contact (its documentId) in duplicate.' }).min(1).meta({
    description: 'The contact that is merged into this one and then removed.',
    example: 'a1b2c3d4e5f6g7h8i9j0k1l2',
  }),
  fields: z
    .array(z.string({ error: 'fields lists field names, e.g. ["city", "postCode"].' }), {
      error: 'fields must be a list of field names, e.g. ["city", "postCode"], even for one field.',
    })
    .optional()
    .meta({ description: 'Fields whose value is taken from the duplicate.', example: ['city', 'postCode'] }),
  dryRun: z.boolean({ error: 'dryRun must be true or false.' }).optional(),
});

/** The merge request (content API and admin API alike); which fields may be taken is the domain's rule. */
export const validateMergeBody = (body: unknown) => parse(mergeBody, body);

const isoDate = z.string().refine(isIsoDate, { error: (iss) => `date "${iss.input}" is not a date (use YYYY-MM-DD).` });
const timeOfDay = z
  .string()
  .refine(isTimeOfDay, { error: (iss) => `time "${iss.input}" is not a time of day (use HH:MM or HH:MM:SS).` });

/** Manual logging: the contact by documentId, the kind of interaction or a template code. */
export const logBody = strict({
  contact: documentId('contact'),
  kind: oneOf('kind', DOCUMENT_KINDS).optional(),
  template: z.string().optional().meta({ description: 'An interaction template code.', example: 'OUTCALL' }),
  description: textUpTo(100, 'description is at most 100 characters.').optional(),
  subject: textUpTo(100, 'subject is at most 100 characters.').optional(),
  date: isoDate.optional(),
  time: timeOfDay.optional(),
  attemptFailed: z.boolean({ error: 'attemptFailed must be true or false.' }).optional(),
  cost: amount('cost').optional(),
  durationMin: amount('durationMin').optional(),
  informationFlow: oneOf('informationFlow', INFORMATION_FLOWS).optional(),
  initiatedBy: oneOf('initiatedBy', INITIATED_BY).optional(),
  evaluation: oneOf('evaluation', EVALUATIONS).optional(),
  correspondenceType: oneOf('correspondenceType', INTERACTION_CORRESPONDENCE_TYPES).optional(),
  salesperson: z.string().optional().meta({ description: 'A salesperson code.' }),
  opportunity: z.string().optional().meta({ description: 'An opportunity documentId.' }),
  documentNo: textUpTo(50, 'documentNo is at most 50 characters.').optional(),
}).refine((b) => !!(b.kind || b.template), {
  error: 'Give the kind of interaction (e.g. outgoingCalls) or a template code.',
});

/** The timeline's query is checked by the domain (parseTimelineQuery); this describes it. */
export const timelineQuery = z.object({
  from: z.string().optional().meta({ description: 'First date (YYYY-MM-DD).' }),
  to: z.string().optional().meta({ description: 'Last date (YYYY-MM-DD).' }),
  template: z.string().optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  page: z.string().optional(),
  pageSize: z.string().optional(),
});

/** Responses, as far as a client relies on them (open objects: more fields may come). */
export const responses = {
  contact: z.object({ data: z.looseObject({ documentId: z.string(), no: z.string().nullable(), name: z.string() }) }),
  propagationPreview: z.object({
    data: z.array(
      z.object({ documentId: z.string(), no: z.string().nullable(), name: z.string(), fields: z.array(z.string()) }),
    ),
  }),
  salutation: z.object({ data: z.looseObject({ salutation: z.string() }) }),
  businessRelation: z.object({ data: z.looseObject({}) }),
  duplicates: z.object({
    data: z.array(
      z.looseObject({
        documentId: z.string(),
        contact: contactRef.partial(),
        rules: z.array(z.string()),
        hitPercent: z.number().nullable(),
        fuzzyScore: z.number().nullable(),
      }),
    ),
  }),
  merge: z.object({
    data: z.looseObject({
      survivor: contactRef,
      mergeLog: z.string().optional(),
      duplicate: contactRef.optional(),
      differences: z.array(z.looseObject({ field: z.string() })).optional(),
    }),
  }),
  undo: z.object({ data: z.object({ survivor: contactRef, restored: contactRef }) }),
  entry: z.object({
    data: z.looseObject({
      documentId: z.string(),
      entryNo: z.number(),
      date: z.string(),
      description: z.string().nullable(),
    }),
  }),
  timeline: z.object({
    data: z.array(z.looseObject({ documentId: z.string(), entryNo: z.number() })),
    meta: z.object({
      pagination: z.object({ page: z.number(), pageSize: z.number(), pageCount: z.number(), total: z.number() }),
    }),
  }),
};
