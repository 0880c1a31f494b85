import type { Write } from '../repositories/unit-of-work';
import type { WriteRules } from './types';
import {
  applyContactFieldRules,
  typeChangeFields,
  withoutMaintainedFields,
  typeChangeViolation,
  type ContactType,
} from '../domain/contact-fields';
import { applyDefaults, applyPersonInheritance, propagationPlan, type InheritFlags } from '../domain/inheritance';
import { companyOfCompanyViolation, companyViolation, withoutDefaults } from '../domain/contact-lifecycle';
import { relationInput, type RelationRef } from '../domain/relation-input';
import { staleRevision } from '../domain/revision';
import { linkToItself, loadContactFlat, type FlatContact } from '../repositories/contacts';
import { countPersons } from '../repositories/company-persons';
import { moveHistoryToOldCompany, repointToCompany } from '../repositories/contact-history';
import { countOpportunities } from '../repositories/opportunities';
import { removeLinksOf } from '../repositories/business-relations';
import { loadSetup } from '../repositories/setup';
import { resolveRelationIds } from '../operations/contact-relations';
import { propagate } from '../operations/propagation';
import { recomputeBusinessRelation, refreshLinkRowTitles } from '../operations/business-relations';
import { assignNumber, checkRenumber } from './numbering';
import { assertDeletable, deletePersonsOf } from './contact-lifecycle';
import { pushContactToTargets } from './business-relations';
import { syncContext } from '../utils/sync-context';
import { afterContactWrite, beforeContactDelete, type ContactRow } from '../duplicate-search/search';
import { deferSearch, rememberedCompany } from '../operations/import-batch';
import { addWarning } from '../utils/request-state';

type Setup = InheritFlags & Record<string, unknown>;

/** A person's company must be an existing company contact (and not the person itself). */
async function resolveCompany(write: Write, ref: RelationRef, self?: FlatContact): Promise<FlatContact> {
  const company = await rememberedCompany(ref, () => loadContactFlat(write, ref));
  const violation = companyViolation(company, self?.id);
  if (violation) throw violation;
  return company!;
}

const refersTo = (ref: RelationRef, c: FlatContact) =>
  'documentId' in ref ? ref.documentId === c.documentId : ref.id === c.id;

async function checkTypeChange(write: Write, before: FlatContact, newType: ContactType) {
  const no = String(before.no ?? before.name);
  const opportunities = await countOpportunities(write.strapi, before.id);
  if (opportunities > 0) throw typeChangeViolation('hasOpportunities', no, opportunities);
  if (newType === 'person') {
    const persons = await countPersons(write, before.id);
    if (persons > 0) throw typeChangeViolation('hasPersons', no, persons);
  }
}

/** A new contact after every rule that comes before Strapi's own write: what `next()` writes, and what follows it. */
export interface PlannedContact {
  type: ContactType;
  /** The person's company as loaded (null for a company or a person without one). */
  company: FlatContact | null;
  /** The values written (also `write.params.data`): relations as ids, the person's company as the request named it. */
  fields: Record<string, unknown>;
}

/**
 * Every rule of a contact create before the write: company check, relations to ids, field rules, defaults or
 * inheritance, the number. Throws the rule's refusal; writes nothing but the number drawn.
 */
export async function planContactCreate(write: Write): Promise<PlannedContact> {
  const data = (write.params.data ??= {});
  const type: ContactType = data.type ?? 'company';
  const companyRef = relationInput(data.company, null, 'company');
  if (companyRef === undefined) delete data.company;
  if (type === 'company' && companyRef) throw companyOfCompanyViolation();
  const company = type === 'person' && companyRef ? await resolveCompany(write, companyRef) : null;

  withoutMaintainedFields(data); // Company Name, No. Series, overrides: the plugin's, a value sent is ignored
  delete data.revision; // a new contact has none to compare with
  await resolveRelationIds(write, data);
  const warnings: string[] = [];
  const fields = applyContactFieldRules(type, null, { ...data, type }, warnings);
  for (const warning of warnings) addWarning(write.strapi, warning);
  // A contact created for a new customer/vendor/bank gets no marketing defaults (as in BC).
  const stored = (await loadSetup(write.strapi, write.trx)) as Setup;
  const setup = (syncContext().noDefaults ? withoutDefaults(stored) : stored) as Setup;
  if (type === 'person') applyPersonInheritance(setup, fields, null, company, !!company);
  else Object.assign(fields, applyDefaults('company', fields, setup));
  delete fields.businessRelation;
  write.params.data = fields;
  await assignNumber(write, 'contactNos', 'Contact');
  return { type, company, fields };
}

/** What follows a contact create's write: a company links to itself, a person takes its company's business relation, the duplicate search. */
export async function afterContactCreate(
  write: Write,
  created: ContactRow,
  planned: PlannedContact,
  opts: { setBased?: boolean } = {},
) {
  // Set-based (an import chunk): the caller linked the companies and recomputed the persons for all at once.
  if (!opts.setBased) {
    if (planned.type === 'company') await linkToItself(write, created.id, false);
    else if (planned.company) await recomputeBusinessRelation(write, created.id, 'contact');
  }
  // In an import chunk the search runs once for the chunk's new contacts (as if one by one, in file order).
  if (!deferSearch(created)) await afterContactWrite(write, null, created);
}

/** A contact update after every rule that comes before Strapi's own write (`planContactUpdate`). */
export interface PlannedUpdate {
  before: FlatContact;
  newType: ContactType;
  /** The person's company after the write (null: none, or a company). */
  company: FlatContact | null;
  companyChanged: boolean;
  setup: Setup;
  /** The values written (also `write.params.data`). */
  fields: Record<string, unknown>;
}

/**
 * Every rule of a contact update before the write: type change checks, company, number, relations to ids,
 * field rules, inheritance. Throws the rule's refusal; null when the contact does not exist. Writes nothing
 * unless a person changes company (its history moves to the old company first).
 */
export async function planContactUpdate(write: Write): Promise<PlannedUpdate | null> {
  const data = (write.params.data ??= {});
  const before = await loadContactFlat(write, { documentId: write.params.documentId });
  if (!before) return null;
  // A save from a form (or client) that read the contact before its last write: refused, nothing written.
  const stale = staleRevision(data.revision, before.updatedAt);
  if (stale) throw stale;
  delete data.revision;
  // Company Name, No. Series, overrides: the plugin's; a value sent is ignored (the rules below set them).
  withoutMaintainedFields(data);

  const newType: ContactType = data.type ?? before.type;
  // The name and e-mail of this write, if sent, for the split of a company that becomes a person.
  const sentNameAndEmail = Object.fromEntries(
    (['name', 'email'] as const).filter((f) => data[f] !== undefined).map((f) => [f, data[f]]),
  );
  const warnings: string[] = [];
  const typeChanges = typeChangeFields({ ...before, ...sentNameAndEmail }, newType, warnings);
  if (newType !== before.type) await checkTypeChange(write, before, newType);

  // Which company the person has after this write, and whether it is a different one.
  const companyRef = relationInput(data.company, before.company, 'company');
  if (companyRef === undefined) delete data.company; // untouched, or a disconnect of another record
  let company: FlatContact | null = null;
  let companyChanged = false;
  if (newType === 'company') {
    if (companyRef && !refersTo(companyRef, before)) throw companyOfCompanyViolation();
    delete data.company; // a company always points to itself, set below
  } else if (newType !== before.type || companyRef === null) {
    data.company = null; // a contact that becomes a person starts without company
    data.companyName = null;
    companyChanged = before.type === 'person' && !!before.company;
  } else if (companyRef) {
    company = await resolveCompany(write, companyRef, before);
    companyChanged = company.id !== before.company?.id;
  } else if (before.company) {
    company = await loadContactFlat(write, { id: before.company.id });
  }

  await checkRenumber(write, before, 'contactNos');
  await resolveRelationIds(write, data, before);
  const fields = applyContactFieldRules(newType, before, { ...data, ...typeChanges }, warnings);
  for (const warning of warnings) addWarning(write.strapi, warning);
  const setup = (await loadSetup(write.strapi, write.trx)) as Setup;
  if (newType === 'person') {
    applyPersonInheritance(setup, fields, before, company, companyChanged);
    if (companyChanged && before.company) await moveHistoryToOldCompany(write, before.id, before.company.id);
  } else if (before.type === 'person') {
    // A person that becomes a company inherits nothing any more; a company's own saves leave the field alone.
    fields.inheritanceOverrides = [];
  }
  delete fields.businessRelation;
  write.params.data = fields;
  return { before, newType, company, companyChanged, setup, fields };
}

/** What follows a contact update's write: the company's persons, linked customers/vendors, business relation, the duplicate search. */
export async function afterContactUpdate(write: Write, planned: PlannedUpdate, updated: ContactRow) {
  const { before, newType, setup, fields } = planned;
  if (newType === 'company') {
    if (before.type !== 'company') await linkToItself(write, before.id, true);
    else await propagate(write, before.id, propagationPlan(setup, before, fields));
  }
  await pushContactToTargets(write, before.id, before, fields);
  if (planned.companyChanged || newType !== before.type) await recomputeBusinessRelation(write, before.id, 'contact');
  // Its link rows are titled by its number and name.
  if (updated.name !== before.name || updated.no !== before.no)
    await refreshLinkRowTitles(write, { contact: { id: before.id } });
  await afterContactWrite(write, before, updated);
}

export const contactRules: WriteRules = {
  async create(write, next) {
    const planned = await planContactCreate(write);
    const created = await next();
    await afterContactCreate(write, created as ContactRow, planned);
    return created;
  },

  async update(write, next) {
    const planned = await planContactUpdate(write);
    if (!planned) return next(); // the document service answers "not found"
    const updated = await next();
    await afterContactUpdate(write, planned, updated as ContactRow);
    return updated;
  },

  async delete(write, next) {
    const before = await loadContactFlat(write, { documentId: write.params.documentId });
    if (!before) return next();
    await assertDeletable(write, before);
    if (before.type === 'company') await deletePersonsOf(write, before.id);
    else if (before.company) await repointToCompany(write, before.id, before.company.id);
    await removeLinksOf(write.strapi, { contact: { id: before.id } }); // the customers/vendors stay
    await beforeContactDelete(write, before.id);
    return next();
  },
};
