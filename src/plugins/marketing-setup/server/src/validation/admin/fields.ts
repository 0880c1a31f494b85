/**
 * Field schemas of the admin API's request validation, with messages a non-developer understands.
 * Business rules stay in the domain and arrive as ValidationErrors from the document middleware, in the
 * same `details.errors[{ path, message }]` shape.
 */
import { yup } from '@strapi/utils';

export const yesNo = () => yup.boolean().typeError('Choose on or off.');
export const text = (max: number) =>
  yup.string().nullable().typeError('Enter text.').max(max, `Use at most ${max} characters.`);
export const wholeNumber = () => yup.number().nullable().typeError('Enter a number.').integer('Enter a whole number.');
export const documentRef = () => yup.string().nullable().typeError('Choose an entry from the list.');

/** An object that refuses fields it does not name, listing them. */
export const strictObject = (shape: Record<string, yup.AnySchema>) =>
  yup
    .object(shape)
    .noUnknown(true, (p: object) => `These fields cannot be set here: ${(p as { unknown?: string }).unknown}.`);

/** Highest page a list serves: further pages are empty anyway, and offsets beyond it lose precision. */
export const MAX_PAGE = 1_000_000;

/** `page` and `pageSize` of an admin list (query strings: "2" is read as 2). */
export const pageFields = (maxPageSize: number, defaults: { page?: number; pageSize?: number } = {}) => ({
  page: yup
    .number()
    .typeError('page must be a number.')
    .integer('page must be a whole number.')
    .min(1, 'page starts at 1.')
    .max(MAX_PAGE, `page is at most ${MAX_PAGE}.`)
    .default(defaults.page),
  pageSize: yup
    .number()
    .typeError('pageSize must be a number.')
    .integer('pageSize must be a whole number.')
    .min(1, 'pageSize starts at 1.')
    .max(maxPageSize, `pageSize is at most ${maxPageSize}.`)
    .default(defaults.pageSize),
});
