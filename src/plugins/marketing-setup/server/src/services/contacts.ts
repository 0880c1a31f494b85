import type { Core } from '@strapi/strapi';
import { fieldsOfOverrideKey, propagationPlan, resetKeys } from '../domain/inheritance';
import { pickFormula, renderSalutation, type SalutationType } from '../domain/salutation';
import { loadContactFlat, loadSetupFlat, previewPropagation, resolveRelationIds } from '../write-rules/inheritance';
import { inTransaction as runInTransaction, type Write } from '../repositories/unit-of-work';
import { notFound, validationError } from '../utils/errors';
import { UID } from '../utils/uids';

/** Contact actions beyond CRUD. Reads and writes run in one transaction; writes go through the document service. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const inTransaction = <T>(fn: (write: Write) => Promise<T>) => runInTransaction(strapi, UID.contact, fn);

  const mustFind = async (write: Write, documentId: string) => {
    const contact = await loadContactFlat(write, { documentId });
    if (!contact) throw notFound(`No contact with documentId ${documentId}.`);
    return contact;
  };

  return {
    /** Removes overrides (all, or the named fields) and gives the person its company's values again. */
    resetInheritance(documentId: string, fields?: string[]) {
      return inTransaction(async (write) => {
        const person = await mustFind(write, documentId);
        if (person.type !== 'person')
          throw validationError(`Contact ${person.no} is a company; only persons inherit from a company.`, [
            'documentId',
          ]);
        if (!person.company) throw validationError(`Contact ${person.no} has no company to inherit from.`, ['company']);
        const keys = resetKeys(fields, person.inheritanceOverrides ?? []);
        const company = await loadContactFlat(write, { id: person.company.id });
        // Writing the company's values makes the fields equal to the company's, which ends the override.
        const data: Record<string, any> = {};
        for (const key of keys) for (const f of fieldsOfOverrideKey(key)) data[f] = company![f] ?? null;
        return strapi.documents(UID.contact).update({ documentId, data: data as any });
      });
    },

    /** Which persons, and which of their fields, an update of this company with `changes` would change. */
    propagationPreview(documentId: string, changes: Record<string, any>) {
      return inTransaction(async (write) => {
        const company = await mustFind(write, documentId);
        if (company.type !== 'company')
          throw validationError(`Contact ${company.no} is a person; only a company's changes reach other contacts.`, [
            'documentId',
          ]);
        const after = { ...changes };
        await resolveRelationIds(write, after);
        const plan = propagationPlan(await loadSetupFlat(write), company, after);
        const byPerson = await previewPropagation(write, company.id, plan);
        const persons = byPerson.size
          ? await strapi.db.query(UID.contact).findMany({
              where: { id: { $in: [...byPerson.keys()] } },
              select: ['id', 'documentId', 'no', 'name'],
              orderBy: { no: 'asc' },
            })
          : [];
        return persons.map((p: any) => ({
          documentId: p.documentId,
          no: p.no,
          name: p.name,
          fields: [...byPerson.get(p.id)!].sort(),
        }));
      });
    },

    /** The contact's salutation of `type` in `language` (default: the contact's language). */
    salutation(documentId: string, type: SalutationType, language?: string) {
      return inTransaction(async () => {
        const contact = await strapi.db.query(UID.contact).findOne({
          where: { documentId },
          populate: {
            language: { select: ['id', 'code'] },
            salutation: { populate: { formulas: { populate: { language: { select: ['id', 'code'] } } } } },
          },
        });
        if (!contact) throw notFound(`No contact with documentId ${documentId}.`);
        if (!contact.salutation)
          throw validationError(
            `Contact ${contact.no} has no salutation code; set one before asking for its salutation.`,
            ['salutation'],
          );
        const formulas = (contact.salutation.formulas ?? []).map((f: any) => ({
          ...f,
          type: f.salutationType,
          language: f.language?.code ?? null,
        }));
        const lang = language ?? contact.language?.code ?? null;
        const formula = pickFormula(formulas, type, lang, contact.no ?? contact.name);
        return {
          salutation: renderSalutation(formula, contact),
          type,
          language: formula.language,
          salutationCode: contact.salutation.code,
        };
      });
    },
  };
};
