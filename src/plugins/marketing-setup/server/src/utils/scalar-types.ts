import { validationError, toHttpError } from './errors';
import { assertWritableValues, flattenOneLineValues, type AttributeSpec } from '../domain/write-values';

const KIND: Record<string, 'string' | 'number' | 'boolean'> = {
  string: 'string',
  text: 'string',
  email: 'string',
  enumeration: 'string',
  uid: 'string',
  date: 'string',
  datetime: 'string',
  integer: 'number',
  biginteger: 'number',
  decimal: 'number',
  float: 'number',
  boolean: 'boolean',
};

/**
 * Scalar values must have their attribute's type. Strapi's own validation casts some values (an
 * object sent for a string would be stored as "[object Object]"), so the middleware checks first.
 */
type Attributes = Record<string, AttributeSpec>;

export function assertScalarTypes(attributes: Attributes, data: Record<string, unknown> | undefined) {
  if (!data || typeof data !== 'object') return;
  for (const [field, value] of Object.entries(data)) {
    const kind = KIND[attributes[field]?.type];
    if (!kind || value === null || value === undefined) continue;
    const ok =
      kind === 'number'
        ? typeof value === 'number' ||
          (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
        : typeof value === kind;
    if (!ok)
      throw validationError(`${field} must be a ${kind}, not ${Array.isArray(value) ? 'a list' : typeof value}.`, [
        field,
      ]);
  }
}

/**
 * Everything a create or update of a plugin type is checked for before its rules run: the scalar types,
 * then what the columns can hold (domain/write-values.ts), and no `locale` on a type that is not localised.
 */
export function assertWriteInput(
  contentType: { attributes: Attributes; pluginOptions?: { i18n?: { localized?: boolean } } },
  params: { data?: Record<string, unknown>; locale?: unknown } | undefined,
) {
  assertScalarTypes(contentType.attributes, params?.data);
  flattenOneLineValues(contentType.attributes, params?.data);
  try {
    assertWritableValues(contentType.attributes, params?.data, {
      localized: contentType.pluginOptions?.i18n?.localized === true,
      locale: params?.locale,
    });
  } catch (err) {
    throw toHttpError(err);
  }
}
