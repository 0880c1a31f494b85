import { useIntl, type PrimitiveType } from 'react-intl';
import { useDispatch } from 'react-redux';
import { adminApi } from '@strapi/strapi/admin';
import { getTrad } from '../../utils/getTrad';
import type { RecordRef } from '../../../../shared/contracts/lookups';
import type { FieldValue, InheritanceKey } from '../../../../shared/contracts/contacts';

/** The contact type whose edit view gets the panels. */
export const CONTACT_UID = 'plugin::marketing-setup.contact';

/* -------------------------------------------------------------------------------------------------
 * Fields
 * -----------------------------------------------------------------------------------------------*/

/** Inheritable relation fields of a contact (their form value is { connect, disconnect }). */
export const RELATION_FIELDS = ['salesperson', 'territory', 'countryRegion', 'language'];

/** English labels of the fields and override keys ('address' is the whole address block). */
export const FIELD_LABELS: Record<string, string> = {
  salesperson: 'Salesperson',
  territory: 'Territory',
  countryRegion: 'Country/region',
  language: 'Language',
  formatRegion: 'Format region',
  address: 'Address',
  address2: 'Address 2',
  postCode: 'Post code',
  city: 'City',
  county: 'County',
  phoneNo: 'Phone no.',
  telexNo: 'Telex no.',
  faxNo: 'Fax no.',
  telexAnswerBack: 'Telex answer back',
  email: 'E-mail',
  homePage: 'Home page',
  extensionNo: 'Extension no.',
  mobilePhoneNo: 'Mobile phone no.',
  pager: 'Pager',
  correspondenceType: 'Correspondence type',
  companyName: 'Company name',
};

/** formatMessage with the plugin's prefix. */
export const useT = () => {
  const { formatMessage } = useIntl();
  return <V extends Record<keyof V, PrimitiveType>>(id: string, defaultMessage: string, values?: V) =>
    formatMessage({ id: getTrad(id), defaultMessage }, values as Record<string, PrimitiveType> | undefined);
};

/** The label of a field; `block` asks for the label of the address block rather than of its first line. */
export const useFieldLabel = () => {
  const t = useT();
  return (field: string, block = false) =>
    block ? t('contactPanel.key.address', 'Address') : t(`contactPanel.field.${field}`, FIELD_LABELS[field] ?? field);
};

const isRef = (value: FieldValue): value is RecordRef => !!value && typeof value === 'object';
const blank = (value: FieldValue) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** Display text of one value; null when blank. */
export const useFormatValue = () => {
  const t = useT();
  return (field: string, value: FieldValue): string | null => {
    if (blank(value)) return null;
    if (isRef(value)) return value.name ? `${value.code} – ${value.name}` : value.code;
    if (field === 'correspondenceType') return t(`correspondence.${value}`, String(value));
    return String(value);
  };
};

/** One line for a whole override key: the address block reads "Kerkstraat 1, 9000 Gent". */
export const useKeyText = () => {
  const format = useFormatValue();
  return (key: InheritanceKey, side: 'person' | 'company'): string | null => {
    const text = (field: string) => {
      const f = key.fields.find((x) => x.field === field);
      return f ? format(field, f[side]) : null;
    };
    if (key.key === 'address' && key.fields.length > 1) {
      const place = [text('postCode'), text('city')].filter(Boolean).join(' ');
      const parts = [text('address'), text('address2'), place, text('county')].filter((p): p is string => !!p);
      return parts.length ? parts.join(', ') : null;
    }
    return text(key.fields[0].field);
  };
};

/** "CT000001 Fabrikam" */
export const contactTitle = (c: { no: string | null; name: string | null }) => [c.no, c.name].filter(Boolean).join(' ');

/* -------------------------------------------------------------------------------------------------
 * Refreshing the edit view
 * -----------------------------------------------------------------------------------------------*/

/**
 * Makes the content manager fetch the document (and its relation fields) again: its RTK Query cache
 * (adminApi, extended with the 'Document' and 'Relations' tags by the content manager) is invalidated,
 * the edit view refetches, and its Form takes the new values as its initial values.
 */
export const useRefreshDocument = () => {
  const dispatch = useDispatch();
  return (model: string, documentId: string) => {
    const tags = [
      { type: 'Document', id: `${model}_${documentId}` },
      { type: 'Document', id: `${model}_LIST` },
      'Relations',
    ];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- 'Document'/'Relations' are added to adminApi by the content manager at runtime (not in its tag type), and the thunk is not an AnyAction for useDispatch
    dispatch(adminApi.util.invalidateTags(tags as any) as any);
  };
};

/** Whether the saved document has a company (the content manager sends a relation as { count }). */
export const hasRelation = (value: unknown): boolean => {
  if (!value) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && 'count' in (value as object)) return Number((value as { count: unknown }).count) > 0;
  return true;
};
