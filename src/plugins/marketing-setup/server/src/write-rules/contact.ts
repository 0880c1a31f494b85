import type { Write, WriteRules } from './types';
import { applyContactFieldRules, typeChangeFields, typeChangeViolation, type ContactType } from '../domain/contact-fields';
import { relationInput, type RelationRef } from '../utils/relations';
import { validationError } from '../utils/errors';
import { joinTableOf } from '../utils/tables';
import { UID } from '../utils/uids';
import { assignNumber, checkRenumber } from './numbering';

type Contact = Record<string, any> & { id: number; documentId: string; type: ContactType };

const findContact = (write: Write, ref: RelationRef) =>
  write.strapi.db.query(UID.contact).findOne({ where: ref }) as Promise<Contact | null>;

/** A person's company must be an existing company contact (and not the person itself). */
async function resolveCompany(write: Write, ref: RelationRef, self?: Contact): Promise<Contact> {
  const company = await findContact(write, ref);
  if (!company) throw validationError('The company given for this contact does not exist.', ['company']);
  if (self && company.id === self.id) throw validationError('A person cannot be its own company.', ['company']);
  if (company.type !== 'company') {
    throw validationError(`${company.no ?? company.name} is a person, not a company; a person can only belong to a company contact.`, ['company']);
  }
  return company;
}

/** A company is its own company (as Company No. = No. in Business Central): one link row to itself. */
async function linkToItself(write: Write, id: number) {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  await write.trx(jt.name).where(jt.joinColumn, id).delete();
  await write.trx(jt.name).insert({ [jt.joinColumn]: id, [jt.inverseJoinColumn]: id, ...(jt.inverseOrderColumn ? { [jt.inverseOrderColumn]: 1 } : {}) });
}

const countPersons = async (write: Write, companyId: number) => {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  const [{ n }] = await write.trx(jt.name).where(jt.inverseJoinColumn, companyId).whereNot(jt.joinColumn, companyId).count({ n: '*' });
  return Number(n);
};

const countOpportunities = (write: Write, contactId: number) =>
  write.strapi.db.query(UID.opportunity).count({ where: { $or: [{ contact: { id: contactId } }, { contactCompany: { id: contactId } }] } });

async function checkTypeChange(write: Write, before: Contact, newType: ContactType) {
  const no = before.no ?? before.name;
  const opportunities = await countOpportunities(write, before.id);
  if (opportunities > 0) throw typeChangeViolation('hasOpportunities', no, opportunities);
  if (newType === 'person') {
    const persons = await countPersons(write, before.id);
    if (persons > 0) throw typeChangeViolation('hasPersons', no, persons);
  }
}

export const contactRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    const type: ContactType = data.type ?? 'company';
    const companyRef = relationInput(data.company);
    if (type === 'company' && companyRef) {
      throw validationError('A company cannot belong to another company; only persons have a company.', ['company']);
    }
    const company = type === 'person' && companyRef ? await resolveCompany(write, companyRef) : null;

    write.params.data = applyContactFieldRules(type, null, { ...data, type });
    if (company) write.params.data.companyName = company.name;
    delete write.params.data.inheritanceOverrides;
    await assignNumber(write, 'contactNos', 'Contact');

    const created = await next();
    if (type === 'company') await linkToItself(write, created.id);
    return created;
  },

  async update(write, next) {
    const data = (write.params.data ??= {});
    const before = (await write.strapi.db.query(UID.contact).findOne({
      where: { documentId: write.params.documentId },
      populate: { company: { select: ['id', 'documentId', 'type', 'name'] } },
    })) as Contact | null;
    if (!before) return next(); // the document service answers "not found"

    const newType: ContactType = data.type ?? before.type;
    const typeChanges = typeChangeFields({ ...before, ...(data.name !== undefined ? { name: data.name } : {}) }, newType);
    if (newType !== before.type) await checkTypeChange(write, before, newType);

    const companyRef = relationInput(data.company);
    if (newType === 'company') {
      const pointsElsewhere = companyRef && !('documentId' in companyRef ? companyRef.documentId === before.documentId : companyRef.id === before.id);
      if (pointsElsewhere) throw validationError('A company cannot belong to another company; only persons have a company.', ['company']);
      delete data.company; // a company always points to itself, set below
    } else if (companyRef) {
      data.companyName = (await resolveCompany(write, companyRef, before)).name;
    } else if (companyRef === null || (newType !== before.type)) {
      data.company = null; // a contact that becomes a person starts without company
      data.companyName = null;
    }

    await checkRenumber(write, before, 'contactNos');
    delete data.inheritanceOverrides;
    write.params.data = applyContactFieldRules(newType, before, { ...data, ...typeChanges });

    const updated = await next();
    if (newType === 'company' && before.type !== 'company') await linkToItself(write, before.id);
    return updated;
  },
};
