import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors, validateYupSchema, yup } from '@strapi/utils';
import {
  SEARCH_FIELD_LABELS,
  SEARCH_FIELDS,
  SEARCH_LENGTH_MAX,
  SEARCH_LENGTH_MIN,
} from '../domain/duplicates/search-strings';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { recordAccess, type RecordAccess } from './record-access';
import { documents } from '../utils/documents';
import { pageFields, strictObject } from '../validation/admin/fields';
import { BREAKDOWN_SOURCE_FIELDS, withoutHiddenValues } from '../domain/hidden-fields';
import type { FieldScore } from '../domain/duplicates/fuzzy';

/** How the review screens show a contact of a pair. */
const CONTACT_FIELDS = ['documentId', 'no', 'name', 'type', 'city'];
type Row = Record<string, unknown>;
type Hidden = ReadonlySet<string>;
const NONE: Hidden = new Set();
/** A contact of a pair as shown; a field the role may not read of it is null. */
const contactRef = (row: Row | null | undefined, hidden: Hidden = NONE) =>
  row
    ? {
        documentId: row.documentId,
        ...Object.fromEntries(
          CONTACT_FIELDS.slice(1).map((f) => [f, hidden.has(f) ? null : ((row[f] as unknown) ?? null)]),
        ),
      }
    : null;
/** The fields whose values the review shows: the contact's columns and the breakdown's sources. */
const SHOWN_FIELDS = [...new Set([...CONTACT_FIELDS.slice(1), ...BREAKDOWN_SOURCE_FIELDS])];
/** The breakdown of a pair without the values of fields the role may not read on one of its two contacts. */
const shownBreakdown = (breakdown: unknown, a: Hidden, b: Hidden) =>
  withoutHiddenValues((breakdown ?? []) as FieldScore[], (f) => a.has(f) || b.has(f));

const MAX_PAGE_SIZE = 100;
const pageQuery = yup
  .object({
    ...pageFields(MAX_PAGE_SIZE),
    contact: yup.string().optional(),
  })
  .noUnknown(true, (p: { path?: string; unknown?: unknown }) => `Unknown query parameters: ${p.unknown}.`);

// Shapes and types only; the rules (known field, length 2–10, one line per field and part) are the
// write rules' (write-rules/duplicates.ts), so REST, the Content Manager and this screen answer alike.
const lineShape = {
  field: yup.string().typeError('Choose a field.'),
  part: yup.string().typeError('Choose first or last.'),
  length: yup.number().typeError('Enter a number.'),
};
const validateLineCreate = validateYupSchema(
  strictObject({ ...lineShape, field: lineShape.field.required('Choose a field.') }),
);
const validateLineUpdate = validateYupSchema(strictObject(lineShape));

const lineOut = (row: Row) => ({
  documentId: row.documentId,
  field: row.field,
  part: row.part,
  length: Number(row.length),
});

/** Open pairs first filter: not marked separate (a pair written before the flag existed has null). */
const OPEN = { $or: [{ separateContacts: false }, { separateContacts: { $null: true } }] };

/**
 * Admin API of the duplicates review (issue 6 items 3–5):
 *  GET  /duplicates?page&pageSize[&contact]       open pairs with both contacts, newest first
 *  POST /duplicates/:pairDocumentId/separate      "not a duplicate": the pair is never reported again
 *  GET  /contacts/:documentId/duplicates          the contact's open pairs with contacts it may read (side panel)
 *  GET/POST /duplicate-search-lines, PUT/DELETE /duplicate-search-lines/:documentId   the search-string setup
 * Every write goes through documents(strapi, ), so the document middleware's rules and transaction apply.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pairs = () => documents(strapi, UID.contactDuplicate);
  const lines = () => documents(strapi, UID.duplicateSearchSetup);

  const mustExist = <T>(row: T | null): T => {
    if (!row) throw new errors.NotFoundError('This search-string line does not exist (any more).');
    return row;
  };
  const findLine = async (documentId: string) => mustExist(await lines().findOne({ documentId }));

  /**
   * The pairs of a contact whose other contact the user may read (its read conditions, e.g. "is creator", as a
   * filter): a pair with one it may not read is left out as if it did not exist — else its No., name and the
   * compared values would show. A role that reads every contact: the pairs as they are, nothing more read.
   */
  const readableOthers = async <T extends { documentId?: string | null }>(access: RecordAccess, found: T[]) => {
    if (!found.length) return found;
    const readable = await access.readFilters();
    if (!readable) return found;
    const ids = [...new Set(found.map((p) => p.documentId).filter((id): id is string => !!id))];
    const rows: Row[] = ids.length
      ? await documents(strapi, UID.contact).findMany({
          filters: { $and: [{ documentId: { $in: ids } }, readable] },
          fields: ['documentId'],
        })
      : [];
    const visible = new Set(rows.map((r) => r.documentId));
    return found.filter((p) => !!p.documentId && visible.has(p.documentId));
  };

  const listLines = async () => {
    const rows = await lines().findMany({ sort: 'id:asc' });
    return rows.map(lineOut);
  };

  return {
    async find(ctx: Context) {
      const query = await validateYupSchema(pageQuery, { strict: false })(ctx.query ?? {});
      const page = Number(query.page ?? 1);
      const pageSize = Number(query.pageSize ?? 25);
      // ?contact=<documentId>: only the pairs of that contact (the edit view's panel links here).
      const byContact = query.contact
        ? [{ $or: [{ contact: { documentId: query.contact } }, { duplicateContact: { documentId: query.contact } }] }]
        : [];
      // Only pairs of two contacts the user may open (its read conditions, e.g. "is creator", on both sides).
      const access = recordAccess(strapi, ctx);
      const readable = await access.readFilters();
      const mayRead = readable ? [{ contact: readable }, { duplicateContact: readable }] : [];
      const filters = { $and: [OPEN, ...byContact, ...mayRead] };
      const [rows, total] = await Promise.all([
        pairs().findMany({
          filters,
          sort: 'id:desc',
          start: (page - 1) * pageSize,
          limit: pageSize,
          populate: { contact: { fields: CONTACT_FIELDS }, duplicateContact: { fields: CONTACT_FIELDS } },
        }),
        pairs().count({ filters }),
      ]);
      // Field-level read permissions: a field the role may not read shows no value, on either contact of a pair.
      const hiddenOf = await access.hiddenFields(
        rows.flatMap((r) => [r.contact?.documentId, r.duplicateContact?.documentId]),
        SHOWN_FIELDS,
      );
      ctx.body = {
        data: rows.map((r) => ({
          pairDocumentId: r.documentId,
          contact: contactRef(r.contact, hiddenOf(r.contact?.documentId)),
          duplicateContact: contactRef(r.duplicateContact, hiddenOf(r.duplicateContact?.documentId)),
          matchingStrings: r.matchingStrings ?? 0,
          hitPercent: r.hitPercent ?? 0,
          fuzzyScore: r.fuzzyScore === null || r.fuzzyScore === undefined ? null : Number(r.fuzzyScore),
          rules: r.rules ?? [],
          breakdown: shownBreakdown(
            r.breakdown,
            hiddenOf(r.contact?.documentId),
            hiddenOf(r.duplicateContact?.documentId),
          ),
          createdAt: r.createdAt ?? null,
        })),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },

    async separate(ctx: Context) {
      const { pairDocumentId } = ctx.params;
      const pair = await pairs().findOne({
        documentId: pairDocumentId,
        fields: ['separateContacts'],
        populate: { contact: { fields: ['documentId'] }, duplicateContact: { fields: ['documentId'] } },
      });
      if (!pair)
        throw new errors.NotFoundError(
          'This pair of contacts does not exist (any more): it may have been merged or re-checked.',
        );
      await recordAccess(strapi, ctx).authorize('separate', {
        survivor: pair.contact?.documentId,
        duplicate: pair.duplicateContact?.documentId,
      });
      await pairs().update({ documentId: pairDocumentId, data: { separateContacts: true } });
      ctx.body = { data: { pairDocumentId, separateContacts: true } };
    },

    async contactDuplicates(ctx: Context) {
      const access = recordAccess(strapi, ctx);
      await access.authorize('contactDuplicates', { contact: ctx.params.documentId });
      const found = await readableOthers(
        access,
        await getService(strapi, 'duplicates').listFor(ctx.params.documentId, false),
      );
      // Field-level read permissions: no value of a field the role may not read, on either contact.
      const hiddenOf = await access.hiddenFields(
        [ctx.params.documentId, ...found.map((p) => p.documentId)],
        SHOWN_FIELDS,
      );
      const asked = hiddenOf(ctx.params.documentId);
      ctx.body = {
        data: found.map((p) => {
          const other = hiddenOf(p.documentId);
          return {
            ...p,
            no: other.has('no') ? null : p.no,
            name: other.has('name') ? null : p.name,
            breakdown: shownBreakdown(p.breakdown, asked, other),
          };
        }),
      };
    },

    async findLines(ctx: Context) {
      ctx.body = {
        data: await listLines(),
        meta: {
          fields: SEARCH_FIELDS.map((value) => ({ value, label: SEARCH_FIELD_LABELS[value] })),
          lengthMin: SEARCH_LENGTH_MIN,
          lengthMax: SEARCH_LENGTH_MAX,
        },
      };
    },

    async createLine(ctx: Context) {
      const input = await validateLineCreate(ctx.request.body ?? {});
      const row = await lines().create({ data: input });
      ctx.status = 201;
      ctx.body = { data: lineOut(row) };
    },

    async updateLine(ctx: Context) {
      const { documentId } = ctx.params;
      await findLine(documentId);
      const input = await validateLineUpdate(ctx.request.body ?? {});
      const row = mustExist(await lines().update({ documentId, data: input }));
      ctx.body = { data: lineOut(row) };
    },

    async deleteLine(ctx: Context) {
      const { documentId } = ctx.params;
      const row = await findLine(documentId);
      await lines().delete({ documentId });
      ctx.body = { data: lineOut(row) };
    },
  };
};
