/**
 * The code of the plugin's code tables (salespeople, territories, business relations, interaction groups and
 * templates, number series, …): every plugin type with a required `code` attribute. Pure.
 */
import { RuleViolation } from './errors';

/**
 * A code must hold something but spaces: on create it must be given, on update it may be left out but not
 * cleared. Strapi said "code must be defined." for a missing one and stored "" or "   " (a record nobody can
 * pick by its code); both now read "Code must not be blank.".
 */
export function assertCodeNotBlank(action: 'create' | 'update', data: Record<string, unknown> | null | undefined) {
  const given = !!data && Object.prototype.hasOwnProperty.call(data, 'code') && data.code !== undefined;
  if (!given && action === 'update') return;
  const code = given ? data!.code : undefined;
  if (code === null || code === undefined || (typeof code === 'string' && code.trim() === ''))
    throw new RuleViolation('Code must not be blank.', ['code']);
}

/** Whether a content type's attributes have the required code of a code table. */
export const hasRequiredCode = (attributes: Record<string, { type?: string; required?: boolean }>) =>
  attributes.code?.type === 'string' && attributes.code.required === true;
