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
