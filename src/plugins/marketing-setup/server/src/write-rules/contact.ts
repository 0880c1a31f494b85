import type { Write } from '../repositories/unit-of-work';
import type { WriteRules } from './types';
import {
  applyContactFieldRules,
  typeChangeFields,
  typeChangeViolation,
  type ContactType,
} from '../domain/contact-fields';
import { applyDefaults, propagationPlan } from '../domain/inheritance';
import { relationInput, type RelationRef } from '../domain/relation-input';
import { validationError } from '../utils/errors';
import { joinTableOf } from '../repositories/tables';
import { UID } from '../utils/uids';
import { assignNumber, checkRenumber } from './numbering';
import { applyPersonInheritance, loadContactFlat, loadSetupFlat, propagate, resolveRelationIds } from './inheritance';
import { moveHistoryToOldCompany, assertDeletable, deletePersonsOf, repointToCompany } from './contact-lifecycle';
import { pushContactToTargets, recomputeBusinessRelation, removeLinksOf } from './business-relations';
import { syncContext } from '../utils/sync-context';
import { afterContactWrite, beforeContactDelete, type ContactRow } from '../duplicate-search/search';

type Contact = Record<string, any> & { id: number; documentId: string; type: ContactType };

/** A person's company must be an existing company contact (and not the person itself). */
async function resolveCompany(write: Write, ref: RelationRef, self?: Contact): Promise<Contact> {
  const company = (await loadContactFlat(write, ref)) as Contact | null;
  if (!company) throw validationError('The company given for this contact does not exist.', ['company']);
  if (self && company.id === self.id) throw validationError('A person cannot be its own company.', ['company']);
  if (company.type !== 'company') {
    throw validationError(
      `${company.no ?? company.name} is a person, not a company; a person can only belong to a company contact.`,
      ['company'],
    );
  }
  return company;
}

const refersTo = (ref: RelationRef, c: Contact) =>
  'documentId' in ref ? ref.documentId === c.documentId : ref.id === c.id;

/** A company is its own company (as Company No. = No. in Business Central): one link row to itself. */
async function linkToItself(write: Write, id: number, replace: boolean) {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  if (replace) await write.trx(jt.name).where(jt.joinColumn, id).delete();
  await write.trx(jt.name).insert({
    [jt.joinColumn]: id,
    [jt.inverseJoinColumn]: id,
    ...(jt.inverseOrderColumn ? { [jt.inverseOrderColumn]: 1 } : {}),
  });
}

const countPersons = async (write: Write, companyId: number) => {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  const [{ n }] = await write
    .trx(jt.name)
    .where(jt.inverseJoinColumn, companyId)
    .whereNot(jt.joinColumn, companyId)
    .count({ n: '*' });
  return Number(n);
};

const countOpportunities = (write: Write, contactId: number) =>
  write.strapi.db
    .query(UID.opportunity)
    .count({ where: { $or: [{ contact: { id: contactId } }, { contactCompany: { id: contactId } }] } });

async function checkTypeChange(write: Write, before: Contact, newType: ContactType) {
  const no = before.no ?? before.name;
  const opportunities = await countOpportunities(write, before.id);
  if (opportunities > 0) throw typeChangeViolation('hasOpportunities', no, opportunities);
  if (newType === 'person') {
    const persons = await countPersons(write, before.id);
    if (persons > 0) throw typeChangeViolation('hasPersons', no, persons);
  }
}

/** The setup without its default values (for contacts created for a customer, vendor or bank). */
const withoutDefaults = (setup: Record<string, any>) =>
  Object.fromEntries(Object.entries(setup).filter(([k]) => !k.startsWith('default')));

const notACompanyOfCompany = () =>
  validationError('A company cannot belong to another company; only persons have a company.', ['company']);

export const contactRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    const type: ContactType = data.type ?? 'company';
    const companyRef = relationInput(data.company, null, 'company');
    if (companyRef === undefined) delete data.company;
    if (type === 'company' && companyRef) throw notACompanyOfCompany();
    const company = type === 'person' && companyRef ? await resolveCompany(write, companyRef) : null;

    delete data.inheritanceOverrides; // maintained by the plugin only
    await resolveRelationIds(write, data);
    const fields = applyContactFieldRules(type, null, { ...data, type });
    // A contact created for a new customer/vendor/bank gets no marketing defaults (as in BC).
    const setup = syncContext().noDefaults ? withoutDefaults(await loadSetupFlat(write)) : await loadSetupFlat(write);
    if (type === 'person') applyPersonInheritance(setup, fields, null, company, !!company);
    else Object.assign(fields, applyDefaults('company', fields, setup));
    delete fields.businessRelation;
    write.params.data = fields;
    await assignNumber(write, 'contactNos', 'Contact');

    const created = await next();
    if (type === 'company') await linkToItself(write, created.id, false);
    else if (company) await recomputeBusinessRelation(write, created.id, 'contact');
    await afterContactWrite(write, null, created as ContactRow);
    return created;
  },

  async update(write, next) {
    const data = (write.params.data ??= {});
    const before = (await loadContactFlat(write, { documentId: write.params.documentId })) as Contact | null;
    if (!before) return next(); // the document service answers "not found"
    delete data.inheritanceOverrides;

    const newType: ContactType = data.type ?? before.type;
    const typeChanges = typeChangeFields(
      { ...before, ...(data.name !== undefined ? { name: data.name } : {}) },
      newType,
    );
    if (newType !== before.type) await checkTypeChange(write, before, newType);

    // Which company the person has after this write, and whether it is a different one.
    const companyRef = relationInput(data.company, before.company, 'company');
    if (companyRef === undefined) delete data.company; // untouched, or a disconnect of another record
    let company: Contact | null = null;
    let companyChanged = false;
    if (newType === 'company') {
      if (companyRef && !refersTo(companyRef, before)) throw notACompanyOfCompany();
      delete data.company; // a company always points to itself, set below
    } else if (newType !== before.type || companyRef === null) {
      data.company = null; // a contact that becomes a person starts without company
      data.companyName = null;
      companyChanged = before.type === 'person' && !!before.company;
    } else if (companyRef) {
      company = await resolveCompany(write, companyRef, before);
      companyChanged = company.id !== before.company?.id;
    } else if (before.company) {
      company = (await loadContactFlat(write, { id: before.company.id })) as Contact;
    }

    await checkRenumber(write, before, 'contactNos');
    await resolveRelationIds(write, data, before);
    const fields = applyContactFieldRules(newType, before, { ...data, ...typeChanges });
    const setup = await loadSetupFlat(write);
    if (newType === 'person') {
      applyPersonInheritance(setup, fields, before, company, companyChanged);
      if (companyChanged && before.company) await moveHistoryToOldCompany(write, before.id, before.company.id);
    } else if (before.type === 'person') {
      // A person that becomes a company inherits nothing any more; a company's own saves leave the field alone.
      fields.inheritanceOverrides = [];
    }
    delete fields.businessRelation;
    write.params.data = fields;

    const updated = await next();
    if (newType === 'company') {
      if (before.type !== 'company') await linkToItself(write, before.id, true);
      else await propagate(write, before.id, propagationPlan(setup, before, fields));
    }
    await pushContactToTargets(write, before.id, before, fields);
    if (companyChanged || newType !== before.type) await recomputeBusinessRelation(write, before.id, 'contact');
    await afterContactWrite(write, before, updated as ContactRow);
    return updated;
  },

  async delete(write, next) {
    const before = (await loadContactFlat(write, { documentId: write.params.documentId })) as Contact | null;
    if (!before) return next();
    await assertDeletable(write, before);
    if (before.type === 'company') await deletePersonsOf(write, before.id);
    else if (before.company) await repointToCompany(write, before.id, before.company.id);
    await removeLinksOf(write, { contact: { id: before.id } }); // the customers/vendors stay
    await beforeContactDelete(write, before.id);
    return next();
  },
};
