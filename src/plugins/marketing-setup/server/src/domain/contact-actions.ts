/**
 * Refusals of the contact actions beyond CRUD (reset inheritance, propagation preview, salutation).
 * Pure: the contacts service loads the contact and throws what these return.
 */
import { RuleViolation } from './errors';

interface ContactLike {
  no?: string | null;
  type?: unknown;
  company?: unknown;
}

/** Only a person with a company inherits, so only such a person can have its inheritance reset. */
export function resetInheritanceViolation(contact: ContactLike): RuleViolation | null {
  if (contact.type !== 'person')
    return new RuleViolation(`Contact ${contact.no} is a company; only persons inherit from a company.`, [
      'documentId',
    ]);
  if (!contact.company) return new RuleViolation(`Contact ${contact.no} has no company to inherit from.`, ['company']);
  return null;
}

/** Only a company's changes reach other contacts. */
export function propagationPreviewViolation(contact: ContactLike): RuleViolation | null {
  if (contact.type === 'company') return null;
  return new RuleViolation(`Contact ${contact.no} is a person; only a company's changes reach other contacts.`, [
    'documentId',
  ]);
}

/** A salutation needs the contact's salutation code. */
export function salutationViolation(contact: ContactLike & { salutation?: unknown }): RuleViolation | null {
  if (contact.salutation) return null;
  return new RuleViolation(`Contact ${contact.no} has no salutation code; set one before asking for its salutation.`, [
    'salutation',
  ]);
}
