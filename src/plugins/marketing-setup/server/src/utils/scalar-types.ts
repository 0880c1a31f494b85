import { validationError } from './errors';

const KIND: Record<string, 'string' | 'number' | 'boolean'> = {
  string: 'string', text: 'string', email: 'string', enumeration: 'string', uid: 'string', date: 'string', datetime: 'string',
  integer: 'number', biginteger: 'number', decimal: 'number', float: 'number', boolean: 'boolean',
};

/**
 * Scalar values must have their attribute's type. Strapi's own validation casts some values (an
 * object sent for a string would be stored as "[object Object]"), so the middleware checks first.
 */
export function assertScalarTypes(attributes: Record<string, any>, data: Record<string, any> | undefined) {
  if (!data || typeof data !== 'object') return;
  for (const [field, value] of Object.entries(data)) {
    const kind = KIND[attributes[field]?.type];
    if (!kind || value === null || value === undefined) continue;
    const ok = kind === 'number' ? typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) : typeof value === kind;
    if (!ok) throw validationError(`${field} must be a ${kind}${kind === 'number' ? '' : ''}, not ${Array.isArray(value) ? 'a list' : typeof value}.`, [field]);
  }
}
