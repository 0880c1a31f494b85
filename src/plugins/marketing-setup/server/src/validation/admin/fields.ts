/**
 * Field schemas of the admin API's request validation, with messages a non-developer understands.
 * Business rules stay in the domain and arrive as ValidationErrors from the document middleware, in the
 * same `details.errors[{ path, message }]` shape.
 */
import { yup } from '@strapi/utils';
import { fieldLabel } from '../../domain/field-labels';
import { longerThan } from '../../domain/text-length';
import { MAX_PAGE } from '../../domain/input-guard';

export const yesNo = () => yup.boolean().typeError('Choose on or off.');
/**
 * At most `max` characters, counted as the database counts them: code points, an emoji is one (domain/text-length.ts;
 * yup's `max` counts UTF-16 units, two for an emoji).
 */
export const maxCharacters = <S extends yup.StringSchema<string | null | undefined>>(
  schema: S,
  max: number,
  message = `Use at most ${max} characters.`,
) => schema.test('max-characters', message, (v) => v === null || v === undefined || !longerThan(v, max));
export const text = (max: number) => maxCharacters(yup.string().nullable().typeError('Enter text.'), max);
export const wholeNumber = () => yup.number().nullable().typeError('Enter a number.').integer('Enter a whole number.');
export const documentRef = () => yup.string().nullable().typeError('Choose an entry from the list.');

/**
 * An object that refuses fields it does not name, listing them: a field of the record that cannot be set here (Last Date
 * Used of a number series line) by its caption, any other key as sent.
 */
export const strictObject = (shape: Record<string, yup.AnySchema>) =>
  yup.object(shape).noUnknown(true, (p: object) => {
    const unknown = String((p as { unknown?: string }).unknown ?? '').split(', ');
    return `These fields cannot be set here: ${unknown.map((key) => fieldLabel(key)).join(', ')}.`;
  });

/** Highest page a list serves (the input guard's, for REST lists too). */
export { MAX_PAGE };

/**
 * A whole number from 1 to `max` in a query string ("2" is read as 2), with one message for whatever is wrong
 * with it: yup runs every test, and "1e400" (Infinity) failed two, answered as "2 errors occurred".
 */
const countFrom1 = (label: string, max: number, dflt?: number) =>
  yup
    .number()
    .typeError(`${label} must be a number.`)
    .test(label, (v, { createError }) => {
      if (v === undefined) return true;
      if (!Number.isInteger(v) && Number.isFinite(v))
        return createError({ message: `${label} must be a whole number.` });
      if (v < 1) return createError({ message: `${label} starts at 1.` });
      if (v > max) return createError({ message: `${label} is at most ${max}.` });
      return true;
    })
    .default(dflt);

/** `page` and `pageSize` of an admin list. */
export const pageFields = (maxPageSize: number, defaults: { page?: number; pageSize?: number } = {}) => ({
  page: countFrom1('page', MAX_PAGE, defaults.page),
  pageSize: countFrom1('pageSize', maxPageSize, defaults.pageSize),
});
