/**
 * Rules around a contact's company and life (reference §2.8, §2.11): which company a person may have,
 * and when a contact may be deleted. Pure: the adapter loads the records and throws what these return.
 */
import { RuleViolation } from './errors';

interface ContactLike {
  id: number;
  type: unknown;
  no?: string | null;
  name?: string | null;
}

/** Why `company` cannot be the company of person `selfId` (null when it can): it must exist, be a company, and not be the person. */
export function companyViolation(company: ContactLike | null, selfId?: number): RuleViolation | null {
  if (!company) return new RuleViolation('The company given for this contact does not exist.', ['company']);
  if (selfId !== undefined && company.id === selfId)
    return new RuleViolation('A person cannot be its own company.', ['company']);
  if (company.type !== 'company') {
    return new RuleViolation(
      `${company.no ?? company.name} is a person, not a company; a person can only belong to a company contact.`,
      ['company'],
    );
  }
  return null;
}

/** Only persons have a company; a company is its own. */
export const companyOfCompanyViolation = () =>
  new RuleViolation('A company cannot belong to another company; only persons have a company.', ['company']);

/**
 * A contact (for a company: or one of its persons) with open opportunities cannot be deleted; `open`
 * lists some of them with their contact. Null when nothing is open.
 */
export function deleteViolation(
  contact: { no?: string | null; name?: string | null },
  open: { no: string; contact: { no?: string | null; name?: string | null } | null }[],
): RuleViolation | null {
  if (!open.length) return null;
  const list = open.map((o) => `${o.no} (${o.contact?.no ?? o.contact?.name})`).join(', ');
  return new RuleViolation(
    `Contact ${contact.no ?? contact.name} cannot be deleted because of open opportunities: ${list}. Close them first.`,
  );
}

/** The setup a contact created for a new customer, vendor or bank account sees: no marketing defaults (as in BC). */
export const withoutDefaults = <T extends Record<string, unknown>>(setup: T): Partial<T> =>
  Object.fromEntries(Object.entries(setup).filter(([k]) => !k.startsWith('default'))) as Partial<T>;
