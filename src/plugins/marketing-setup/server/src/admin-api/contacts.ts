import type { Core } from '@strapi/strapi';
import { errors, validateYupSchema, yup } from '@strapi/utils';
import { ADDRESS_KEY, FIELD_GROUPS, INHERITABLE_FIELDS } from '../domain/inheritance';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { refFields, toRef, type LookupType, type RecordRef } from './shared';

/** Inheritable relation fields of a contact and the master-data list each one points to. */
const RELATIONS: Record<string, LookupType> = {
  salesperson: 'salesperson',
  territory: 'territory',
  countryRegion: 'country-region',
  language: 'language',
};

type Value = string | number | boolean | RecordRef | null;

/** One override key of a person: the fields behind it, each with the person's and the company's value. */
export interface InheritanceKey {
  key: string;
  overridden: boolean;
  fields: { field: string; person: Value; company: Value }[];
}

/** One Inherit switch of the setup with the keys it governs. */
export interface InheritanceGroup {
  flag: string;
  enabled: boolean;
  block: boolean;
  keys: InheritanceKey[];
}

const populate = {
  company: { fields: ['documentId', 'no', 'name', 'type'] },
  ...Object.fromEntries(Object.entries(RELATIONS).map(([field, type]) => [field, { fields: refFields(type) }])),
};

const valueOf = (row: any, field: string): Value => {
  if (!row) return null;
  const type = RELATIONS[field];
  if (type) return toRef(type, row[field]);
  const value = row[field];
  return value === undefined || value === '' ? null : value;
};

const contactRef = (row: any) => (row ? { documentId: row.documentId, no: row.no ?? null, name: row.name ?? null } : null);

const resetBody = yup.object({ fields: yup.array(yup.string().required()).optional() }).noUnknown().strict();
/** The preview takes the company's edited values; only the name and the inheritable fields matter. */
const previewBody = yup.object({ data: yup.object().required('Send the edited values in data.') }).noUnknown();
const PREVIEW_FIELDS = ['name', ...INHERITABLE_FIELDS];

/**
 * Admin API behind the content-manager side panels of a contact:
 *  GET  /marketing-setup/contacts/:documentId/inheritance          person: inherited/overridden fields with both values;
 *                                                                   company: how many persons it has
 *  POST /marketing-setup/contacts/:documentId/reset-inheritance    { fields?: string[] } → the person's new overview
 *  POST /marketing-setup/contacts/:documentId/propagation-preview  { data: { …edited company fields } } → persons it changes
 * The reset and the preview are the contacts service's (the same rules as the REST actions).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const findContact = async (documentId: string) => {
    const row: any = await strapi.documents(UID.contact).findOne({ documentId, populate } as any);
    if (!row) throw new errors.NotFoundError(`No contact with documentId ${documentId}.`);
    return row;
  };

  const countPersons = (companyDocumentId: string) =>
    strapi.documents(UID.contact).count({ filters: { type: 'person', company: { documentId: companyDocumentId } } } as any);

  /** What the side panel shows for a contact. */
  const overview = async (documentId: string) => {
    const contact = await findContact(documentId);
    if (contact.type === 'company') {
      return { documentId, type: 'company' as const, no: contact.no ?? null, name: contact.name ?? null, personCount: await countPersons(documentId) };
    }
    const companyRef = contact.company && contact.company.documentId !== documentId ? contact.company : null;
    const company = companyRef ? await findContact(companyRef.documentId) : null;
    const overrides: string[] = Array.isArray(contact.inheritanceOverrides) ? contact.inheritanceOverrides : [];
    const setup = await getService(strapi, 'setup').get();
    const groups: InheritanceGroup[] = FIELD_GROUPS.map((group) => {
      const values = (field: string) => ({ field, person: valueOf(contact, field), company: valueOf(company, field) });
      const keys: InheritanceKey[] = group.block
        ? [{ key: ADDRESS_KEY, overridden: overrides.includes(ADDRESS_KEY), fields: group.fields.map(values) }]
        : group.fields.map((field) => ({ key: field, overridden: overrides.includes(field), fields: [values(field)] }));
      return { flag: group.flag, enabled: setup[group.flag] !== false, block: group.block, keys };
    });
    return {
      documentId,
      type: 'person' as const,
      no: contact.no ?? null,
      name: contact.name ?? null,
      company: contactRef(company),
      overrides,
      groups,
    };
  };

  return {
    async inheritance(ctx: any) {
      ctx.body = { data: await overview(ctx.params.documentId) };
    },

    async resetInheritance(ctx: any) {
      const body = await validateYupSchema(resetBody)(ctx.request.body ?? {});
      await getService(strapi, 'contacts').resetInheritance(ctx.params.documentId, body.fields);
      ctx.body = { data: await overview(ctx.params.documentId) };
    },

    async propagationPreview(ctx: any) {
      const body = await validateYupSchema(previewBody)(ctx.request.body ?? {});
      const data = Object.fromEntries(Object.entries(body.data as Record<string, unknown>).filter(([k]) => PREVIEW_FIELDS.includes(k)));
      const persons = await getService(strapi, 'contacts').propagationPreview(ctx.params.documentId, data);
      ctx.body = { data: persons, meta: { personCount: await countPersons(ctx.params.documentId) } };
    },
  };
};
