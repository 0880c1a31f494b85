import type { Core } from '@strapi/strapi';
import { fieldsOfOverrideKey, propagationPlan, resetKeys, type InheritFlags } from '../domain/inheritance';
import { pickFormula, renderSalutation, type SalutationFormula, type SalutationType } from '../domain/salutation';
import { propagationPreviewViolation, resetInheritanceViolation, salutationViolation } from '../domain/contact-actions';
import { contactsByIds, contactWithSalutation, languageExists, loadContactFlat } from '../repositories/contacts';
import { previewPropagation } from '../repositories/company-persons';
import { loadSetup } from '../repositories/setup';
import { resolveRelationIds } from '../operations/contact-relations';
import { inTransaction as runInTransaction, type Write } from '../repositories/unit-of-work';
import { notFound, validationError } from '../utils/errors';
import { assertWriteInput } from '../utils/scalar-types';
import { UID } from '../utils/uids';

/** A stored salutation formula with its language populated. */
type StoredFormula = Omit<SalutationFormula, 'language' | 'type'> & {
  salutationType: SalutationType;
  language: { code: string } | null;
};

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
        const violation = resetInheritanceViolation(person);
        if (violation) throw violation;
        const keys = resetKeys(fields, person.inheritanceOverrides ?? []);
        const company = await loadContactFlat(write, { id: person.company!.id });
        // Writing the company's values makes the fields equal to the company's, which ends the override.
        const data: Record<string, unknown> = {};
        for (const key of keys) for (const f of fieldsOfOverrideKey(key)) data[f] = company![f] ?? null;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document service types `data` per content type of the host's registry
        return strapi.documents(UID.contact).update({ documentId, data: data as any });
      });
    },

    /** Which persons, and which of their fields, an update of this company with `changes` would change. */
    propagationPreview(documentId: string, changes: Record<string, unknown>) {
      // The changes as an update would take them: a list for a text, a text for a number … is a 400, as on PUT.
      assertWriteInput(strapi.contentType(UID.contact) as unknown as Parameters<typeof assertWriteInput>[0], {
        data: changes,
      });
      return inTransaction(async (write) => {
        const company = await mustFind(write, documentId);
        const violation = propagationPreviewViolation(company);
        if (violation) throw violation;
        const after = { ...changes };
        await resolveRelationIds(write, after);
        const setup = (await loadSetup(strapi, write.trx)) as InheritFlags & Record<string, unknown>;
        const byPerson = await previewPropagation(write, company.id, propagationPlan(setup, company, after));
        const persons = byPerson.size
          ? await contactsByIds(write, [...byPerson.keys()], ['id', 'documentId', 'no', 'name'], true)
          : [];
        return persons.map((p) => ({
          documentId: p.documentId,
          no: (p.no as string | null) ?? null,
          name: (p.name as string | null) ?? null,
          fields: [...byPerson.get(p.id)!].sort(),
        }));
      });
    },

    /** The contact's salutation of `type` in `language` (default: the contact's language). */
    salutation(documentId: string, type: SalutationType, language?: string) {
      return inTransaction(async (write) => {
        const contact = await contactWithSalutation(write, documentId);
        if (!contact) throw notFound(`No contact with documentId ${documentId}.`);
        const violation = salutationViolation(contact);
        if (violation) throw violation;
        // A language asked for by code must exist: a code no language has would fall back to the formula without
        // language and answer `language: null`, as if nothing were wrong.
        if (language && !(await languageExists(write, language)))
          throw validationError(`There is no language with code "${language.slice(0, 80)}".`, ['language']);
        const salutation = contact.salutation as { code: string; formulas?: StoredFormula[] };
        const formulas: SalutationFormula[] = (salutation.formulas ?? []).map((f) => ({
          ...f,
          type: f.salutationType,
          language: f.language?.code ?? null,
        }));
        const lang = language ?? contact.language?.code ?? null;
        const formula = pickFormula(formulas, type, lang, String(contact.no ?? contact.name));
        return {
          salutation: renderSalutation(formula, contact),
          type,
          language: formula.language,
          salutationCode: salutation.code,
        };
      });
    },
  };
};
