import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { StoredDocument } from '../write-rules/types';
import { errors, validateYupSchema, yup } from '@strapi/utils';
import { DOCUMENT_KINDS } from '../../../shared/contracts/interactions';
import { RULE_FIELDS, usableFields } from '../domain/auto-recording';
import { describeContentType, hostContentTypes } from '../write-rules/interaction-rules';
import { UID } from '../utils/uids';
import { blankToNull } from './shared';
import { maxCharacters, strictObject } from '../validation/admin/fields';

const fieldName = () => maxCharacters(yup.string().nullable().typeError('Choose a field.'), 100);
/** Shapes only: which content type, field and event make a usable rule is the write rule's business. */
const ruleShape = {
  contentType: maxCharacters(yup.string().typeError('Choose a content type.'), 255),
  events: yup
    .array()
    .of(yup.string().typeError('An event is create, update or publish.'))
    .typeError('Choose the events as a list: create, update, publish.'),
  interactionTemplate: yup.string().nullable().typeError('Choose an interaction template from the list.'),
  documentKind: yup
    .mixed()
    .nullable()
    .oneOf([...DOCUMENT_KINDS, null], 'Choose a document kind from the list.'),
  contactField: fieldName(),
  contactPersonField: fieldName(),
  documentNoField: fieldName(),
  descriptionField: fieldName(),
  required: yup.boolean().typeError('Choose on or off.'),
  enabled: yup.boolean().typeError('Choose on or off.'),
};
const validateCreate = validateYupSchema(
  strictObject({
    ...ruleShape,
    contentType: ruleShape.contentType.required('Choose a content type.'),
    events: ruleShape.events.required('Choose at least one event: create, update or publish.'),
    contactField: fieldName().required('Choose the field that holds the contact, customer or vendor.'),
  }),
);
const validateUpdate = validateYupSchema(strictObject(ruleShape));

/** An example of one rule, for the message of a body that is no object (a list of rules, a single value). */
const RULE_BODY = '{ "contentType": "api::sales-quote.sales-quote", "events": ["create"], "contactField": "customer" }';
/** Read-only fields of the rule view: a form may send the rule back as it got it. */
const READ_ONLY = ['documentId', 'contentTypeName', 'createdAt', 'updatedAt'];
/** The request body with blanks as null, read-only fields dropped, the template as its documentId. */
const ruleInput = (body: unknown) => {
  const input = blankToNull(body, RULE_BODY, 'interaction rule');
  for (const f of READ_ONLY) delete input[f];
  const template = input.interactionTemplate;
  if (template && typeof template === 'object' && !Array.isArray(template) && 'documentId' in template)
    input.interactionTemplate = template.documentId;
  return input;
};

/**
 * Auto-recording rules (Settings → Marketing Setup → Auto-recording rules): list, create, change,
 * delete, and the host content types with the fields a rule can use. Writes go through
 * strapi.documents(), so the rule checks of write-rules/interaction-rules.ts answer with 400s.
 */
/** The document service of rules, as used here (Strapi types it through the host app's registry). */
interface RuleDocuments {
  findMany(params: object): Promise<StoredDocument[]>;
  findOne(params: object): Promise<StoredDocument | null>;
  create(params: object): Promise<StoredDocument>;
  update(params: object): Promise<StoredDocument | null>;
  delete(params: object): Promise<unknown>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const docs = () => strapi.documents(UID.interactionRule) as unknown as RuleDocuments;
  const populate = { interactionTemplate: { fields: ['code', 'description'] } };

  const view = (row: StoredDocument) => ({
    documentId: row.documentId,
    ...Object.fromEntries(RULE_FIELDS.map((f) => [f, row[f] ?? null])),
    contentTypeName: describeContentType(strapi, row.contentType)?.displayName ?? null,
    interactionTemplate: row.interactionTemplate
      ? {
          documentId: row.interactionTemplate.documentId,
          code: row.interactionTemplate.code,
          description: row.interactionTemplate.description ?? null,
        }
      : null,
  });

  const findRule = async (documentId: string) => {
    const row = await docs().findOne({ documentId, populate });
    if (!row) throw new errors.NotFoundError('This interaction rule does not exist (any more).');
    return row;
  };

  return {
    /** GET /interaction-rules: every rule, by content type. */
    async find(ctx: Context) {
      const rows = await docs().findMany({ sort: ['contentType:asc', 'id:asc'], populate });
      ctx.body = { data: rows.map(view) };
    },

    async create(ctx: Context) {
      const input = await validateCreate(ruleInput(ctx.request.body));
      const created = await docs().create({ data: input });
      ctx.status = 201;
      ctx.body = { data: view(await findRule(created.documentId)) };
    },

    async update(ctx: Context) {
      const { documentId } = ctx.params;
      await findRule(documentId);
      const input = await validateUpdate(ruleInput(ctx.request.body));
      await docs().update({ documentId, data: input });
      ctx.body = { data: view(await findRule(documentId)) };
    },

    async delete(ctx: Context) {
      const row = await findRule(ctx.params.documentId);
      await docs().delete({ documentId: row.documentId });
      ctx.body = { data: view(row) };
    },

    /** GET /interaction-rules/content-types: the host types and the fields usable as contact / number / description. */
    async contentTypes(ctx: Context) {
      const data: unknown[] = [];
      for (const ct of hostContentTypes(strapi)) {
        const labels = await contentManagerLabels(strapi, ct.uid);
        data.push({
          uid: ct.uid,
          displayName: ct.displayName,
          draftAndPublish: ct.draftAndPublish,
          fields: usableFields(ct).map((f) => ({ ...f, label: labels[f.name] ?? f.name })),
        });
      }
      ctx.body = { data };
    },
  };
};

/** The captions the Content Manager shows for a type's fields (its view configuration), so a rule names fields as the edit view does. */
async function contentManagerLabels(strapi: Core.Strapi, uid: string): Promise<Record<string, string>> {
  const service = strapi.plugin('content-manager')?.service('content-types') as
    | { findConfiguration(p: { uid: string }): Promise<{ metadatas?: Record<string, { edit?: { label?: unknown } }> }> }
    | undefined;
  if (!service) return {};
  const { metadatas = {} } = await service.findConfiguration({ uid });
  return Object.fromEntries(
    Object.entries(metadatas)
      .filter(([, m]) => m?.edit?.label)
      .map(([field, m]) => [field, String(m.edit?.label)]),
  );
}
