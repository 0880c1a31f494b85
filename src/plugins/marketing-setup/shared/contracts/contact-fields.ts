/**
 * The field blocks of a contact that other lists are built from (the inheritance groups, the fields a
 * business relation copies, the CSV columns), so that a field added to a block reaches all of them.
 * The attributes themselves are declared in server/src/content-types/fields.ts.
 */

/** The address block: inherited and overridden as one (a person never gets half an address). */
export const ADDRESS_FIELDS = ['address', 'address2', 'postCode', 'city', 'county'] as const;

/** Phone, fax, telex, e-mail and web: the reference's Communication FastTab. */
export const COMMUNICATION_FIELDS = [
  'phoneNo',
  'mobilePhoneNo',
  'faxNo',
  'telexNo',
  'telexAnswerBack',
  'email',
  'homePage',
  'extensionNo',
  'pager',
] as const;
