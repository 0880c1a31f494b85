import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { ADDRESS_KEY, FIELD_GROUPS, INHERITABLE_FIELDS, fieldsOfOverrideKey, resetKeys } from '../domain/inheritance';
import { PROPAGATING_FIELDS } from '../../../shared/contracts/inheritance';
import { forbidden, toHttpError } from '../utils/errors';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { validatePropagationPreview, validateResetInheritance } from '../validation/admin/contacts';
import type { LookupType } from '../../../shared/contracts/lookups';
import type {
  ContactOverview,
  ContactRef,
  FieldValue,
  InheritanceGroup,
  InheritanceKey,
  PropagationPreviewResponse,
} from '../../../shared/contracts/contacts';
import type { StoredDocument } from '../write-rules/types';
import { refFields, toRef } from './shared';
import { recordAccess, type RecordAccess } from './record-access';
import { documents } from '../utils/documents';

/** Inheritable relation fields of a contact and the master-data list each one points to. */
const RELATIONS: Record<string, LookupType> = {
  salesperson: 'salesperson',
  territory: 'territory',
  countryRegion: 'country-region',
  language: 'language',
};

/** A contact or a referenced record as read with `populate`. */
type ContactRow = { documentId: string } & Record<string, unknown>;

const populate = {
  company: { fields: ['documentId', 'no', 'name', 'type'] },
  ...Object.fromEntries(Object.entries(RELATIONS).map(([field, type]) => [field, { fields: refFields(type) }])),
};

const valueOf = (row: ContactRow | null, field: string): FieldValue => {
  if (!row) return null;
  const type = RELATIONS[field];
  if (type) return toRef(type, row[field] as ContactRow | null);
  const value = row[field] as FieldValue | undefined;
  return value === undefined || value === '' ? null : value;
};

const orNull = (value: unknown) => (value as string | null | undefined) ?? null;
const contactRef = (row: ContactRow | null): ContactRef | null =>
  row ? { documentId: row.documentId, no: orNull(row.no), name: orNull(row.name) } : null;

/** The preview takes the company's edited values; only the name and the inheritable fields matter. */
const PREVIEW_FIELDS = PROPAGATING_FIELDS;

/**
 * Admin API behind the content-manager side panels of a contact:
 *  GET  /marketing-setup/contacts/:documentId/inheritance          person: inherited/overridden fields with both values;
 *                                                                   company: how many persons it has
 *  POST /marketing-setup/contacts/:documentId/reset-inheritance    { fields?: string[] } → the person's new overview
 *  POST /marketing-setup/contacts/:documentId/propagation-preview  { data: { …edited company fields } } → persons it changes
 * The reset and the preview are the contacts service's (the same rules as the REST actions).
 * Each checks the admin user's permission on the contact itself, as the Content Manager does (record-access):
 * an Author gets 403 on a contact it did not create; fields its role may not read are left out of the
 * overview, and the company's values are shown only when the user may read the company.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const findContact = async (documentId: string) => {
    const row = await documents(strapi, UID.contact).findOne({ documentId, populate });
    if (!row) throw new errors.NotFoundError(`No contact with documentId ${documentId}.`);
    return row as StoredDocument;
  };

  const countPersons = (companyDocumentId: string) =>
    documents(strapi, UID.contact).count({ filters: { type: 'person', company: { documentId: companyDocumentId } } });

  /** What the side panel shows for a contact, as the user may see it (`entity`: the contact record-access loaded). */
  const overview = async (
    access: RecordAccess,
    documentId: string,
    entity: StoredDocument,
  ): Promise<ContactOverview> => {
    const contact = await findContact(documentId);
    if (contact.type === 'company') {
      return {
        documentId,
        type: 'company' as const,
        no: orNull(contact.no),
        name: orNull(contact.name),
        personCount: await countPersons(documentId),
      };
    }
    const linked = contact.company as ContactRow | null | undefined;
    const companyRef = linked && linked.documentId !== documentId ? linked : null;
    const company = companyRef ? await findContact(companyRef.documentId) : null;
    // The company's values only for a user who may open the company; its number and name as the relation shows them.
    const showCompany = !!companyRef && access.mayRead(await access.load(companyRef.documentId));
    const visible = new Set(access.readable(entity, INHERITABLE_FIELDS));
    const overrides: string[] = Array.isArray(contact.inheritanceOverrides) ? contact.inheritanceOverrides : [];
    const setup = await getService(strapi, 'setup').get();
    const groups: InheritanceGroup[] = FIELD_GROUPS.map((group) => {
      const values = (field: string) => ({
        field,
        person: valueOf(contact, field),
        company: showCompany ? valueOf(company, field) : null,
      });
      const fields = group.fields.filter((f) => visible.has(f));
      const keys: InheritanceKey[] = group.block
        ? fields.length
          ? [{ key: ADDRESS_KEY, overridden: overrides.includes(ADDRESS_KEY), fields: fields.map(values) }]
          : []
        : fields.map((field) => ({ key: field, overridden: overrides.includes(field), fields: [values(field)] }));
      return { flag: group.flag, enabled: setup[group.flag] !== false, block: group.block, keys };
    });
    return {
      documentId,
      type: 'person' as const,
      no: orNull(contact.no),
      name: access.readable(entity, ['name']).length ? orNull(contact.name) : null,
      company: contactRef(company),
      overrides,
      groups,
    };
  };

  /** A reset writes the fields behind the keys: the user must be allowed to change each of them. */
  const mayResetFields = (access: RecordAccess, entity: StoredDocument, fields: string[] | undefined) => {
    let keys: string[];
    try {
      keys = resetKeys(
        fields,
        Array.isArray(entity.inheritanceOverrides) ? (entity.inheritanceOverrides as string[]) : [],
      );
    } catch (err) {
      throw toHttpError(err);
    }
    const blocked = keys.flatMap(fieldsOfOverrideKey).filter((f) => !access.mayUpdateField(entity, f));
    if (blocked.length) throw forbidden(`You may not change these fields of this contact: ${blocked.join(', ')}.`);
  };

  /** The contact of the request after the permission check (authorize() loads it, or answers 403/404). */
  const authorizedContact = async (access: RecordAccess, operation: 'inheritance' | 'resetInheritance', id: string) => {
    const { contact } = await access.authorize(operation, { contact: id });
    if (!contact) throw new errors.NotFoundError(`No contact with documentId ${id}.`);
    return contact;
  };

  return {
    async inheritance(ctx: Context) {
      const access = recordAccess(strapi, ctx);
      const contact = await authorizedContact(access, 'inheritance', ctx.params.documentId);
      ctx.body = { data: await overview(access, ctx.params.documentId, contact) };
    },

    async resetInheritance(ctx: Context) {
      const access = recordAccess(strapi, ctx);
      const contact = await authorizedContact(access, 'resetInheritance', ctx.params.documentId);
      const body = await validateResetInheritance(ctx.request.body);
      mayResetFields(access, contact, body.fields);
      await getService(strapi, 'contacts').resetInheritance(ctx.params.documentId, body.fields);
      const reloaded = (await access.load(ctx.params.documentId)) ?? contact;
      ctx.body = { data: await overview(access, ctx.params.documentId, reloaded) };
    },

    async propagationPreview(ctx: Context) {
      await recordAccess(strapi, ctx).authorize('propagationPreview', { contact: ctx.params.documentId });
      const body = await validatePropagationPreview(ctx.request.body);
      const data = Object.fromEntries(
        Object.entries(body.data as Record<string, unknown>).filter(([k]) => PREVIEW_FIELDS.includes(k)),
      );
      const persons = await getService(strapi, 'contacts').propagationPreview(ctx.params.documentId, data);
      const response: PropagationPreviewResponse = {
        data: persons,
        meta: { personCount: await countPersons(ctx.params.documentId) },
      };
      ctx.body = response;
    },
  };
};
