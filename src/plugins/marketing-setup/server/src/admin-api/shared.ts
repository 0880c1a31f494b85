import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { uidOf } from '../content-types/fields';
import { validationError } from '../utils/errors';
import { LOOKUP_TYPES, type LookupType, type RecordRef } from '../../../shared/contracts/lookups';

export const isLookupType = (type: unknown): type is LookupType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(LOOKUP_TYPES, type);

/** A master-data row as read with refFields(type). */
type RefRow = { documentId: string } & Record<string, unknown>;

export const toRef = (type: LookupType, row: RefRow | null | undefined): RecordRef | null =>
  row
    ? {
        documentId: row.documentId,
        code: row.code as string,
        name: (row[LOOKUP_TYPES[type]] as string | null | undefined) ?? null,
      }
    : null;

export const refFields = (type: LookupType) => ['code', LOOKUP_TYPES[type]];

/**
 * Blank text from a form means "not set". A body that is a list or a single value is no record of fields: 400, with
 * `example`, a body of the route's own `record` (no default: a default example once spoke of Search Hit % on the
 * interaction rules' route).
 */
export const blankToNull = (body: unknown, example: string, record?: string): Record<string, unknown> => {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw validationError(
      `Send the fields${record ? ` of one ${record}` : ''} as one object, e.g. ${example}; ${Array.isArray(body) ? 'a list' : 'a single value'} was sent.`,
    );
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' && v.trim() === '' ? null : v,
    ]),
  );
};

/** A ValidationError with several field messages (the admin shows each under its field). */
export const fieldErrors = (list: { path: string[]; message: string }[]) =>
  new errors.ValidationError(list.length === 1 ? list[0].message : 'Some fields need your attention.', {
    errors: list.map((e) => ({ ...e, name: 'ValidationError' })),
  });

/** Checks that each given documentId exists in its master-data table; returns the messages of the ones that do not. */
export async function missingRefs(strapi: Core.Strapi, refs: [field: string, type: LookupType, documentId: string][]) {
  const problems: { path: string[]; message: string }[] = [];
  for (const [field, type, documentId] of refs) {
    const found = await strapi.documents(uidOf(type)).findOne({ documentId, fields: ['id'] });
    if (!found) problems.push({ path: [field], message: 'The selected entry no longer exists. Choose another one.' });
  }
  return problems;
}
