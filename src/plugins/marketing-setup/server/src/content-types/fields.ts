/**
 * Attribute builders shared by the content-type schemas, so that a field block used by several
 * types (the address block, the communication block) is defined once.
 */
import type { UID } from '@strapi/strapi';

export const PLUGIN = 'marketing-setup';
/**
 * The UID of a plugin content type, typed as Strapi's `UID.ContentType`: that is a plain string in a
 * fresh checkout and the union of the registered UIDs once `strapi develop` has generated
 * types/generated, so the plugin type-checks in both situations.
 */
export const uidOf = (name: string) => `plugin::${PLUGIN}.${name}` as UID.ContentType;

export const str = (extra: Record<string, unknown> = {}) => ({ type: 'string', ...extra });
export const bool = (dflt: boolean) => ({ type: 'boolean', default: dflt });
export const int = (extra: Record<string, unknown> = {}) => ({ type: 'integer', ...extra });
export const dec = (extra: Record<string, unknown> = {}) => ({ type: 'decimal', ...extra });
export const date = () => ({ type: 'date' });
export const enumOf = (values: string[], extra: Record<string, unknown> = {}) => ({
  type: 'enumeration',
  enum: values,
  ...extra,
});
/** A unidirectional many-to-one link to another plugin type. */
export const refTo = (name: string) => ({ type: 'relation', relation: 'manyToOne', target: uidOf(name) });
/**
 * A record number (contact, opportunity, customer …). Unique through a database index (indexes.ts)
 * and the numbering rules, not Strapi's `unique` check: that would cost one more query per write.
 */
export const recordNo = () => ({ type: 'string', maxLength: 20 });
export const UNIQUE_RECORD_NO = 'no';

/** Unique master-data code; the DB-level unique index is created at bootstrap (see indexes.ts). */
export const code = () => ({ type: 'string', required: true, unique: true, maxLength: 20 });

export const addressBlock = () => ({
  address: str({ maxLength: 100 }),
  address2: str({ maxLength: 50 }),
  postCode: str({ maxLength: 20 }),
  city: str({ maxLength: 30 }),
  county: str({ maxLength: 30 }),
});

export const communicationBlock = () => ({
  phoneNo: str({ maxLength: 30 }),
  mobilePhoneNo: str({ maxLength: 30 }),
  faxNo: str({ maxLength: 30 }),
  telexNo: str({ maxLength: 20 }),
  telexAnswerBack: str({ maxLength: 20 }),
  email: str({ maxLength: 80 }),
  homePage: str({ maxLength: 255 }),
  extensionNo: str({ maxLength: 30 }),
  pager: str({ maxLength: 30 }),
});

export const CORRESPONDENCE_TYPES = ['hardCopy', 'email'];

interface SchemaInput {
  kind?: 'collectionType' | 'singleType';
  singularName: string;
  pluralName: string;
  displayName: string;
  description?: string;
  collectionName: string;
  attributes: Record<string, unknown>;
  /**
   * false for records that have their own screen under Settings → Marketing Setup or are the plugin's
   * bookkeeping: not offered in the Content Manager (REST and the plugin's screens are unaffected).
   */
  inContentManager?: boolean;
}

/** Every plugin type: no draft & publish (a CRM record has no publication state). */
export const contentType = ({
  kind = 'collectionType',
  singularName,
  pluralName,
  displayName,
  description = '',
  collectionName,
  attributes,
  inContentManager = true,
}: SchemaInput) => ({
  schema: {
    kind,
    collectionName,
    info: { singularName, pluralName, displayName, description },
    options: { draftAndPublish: false },
    pluginOptions: {
      'content-manager': { visible: inContentManager },
      'content-type-builder': { visible: false },
      i18n: { localized: false },
    },
    attributes,
  },
});
