/**
 * The contact's field blocks are defined once (shared/contracts/contact-fields.ts) and the attribute
 * declarations, the inheritance groups, the business-relation transfer and the CSV columns are built from
 * them: a field added to a block must reach every list, and the lists must name real attributes.
 */
import {
  ADDRESS_FIELDS,
  COMMUNICATION_FIELDS,
} from '../../src/plugins/marketing-setup/shared/contracts/contact-fields';
import { FIELD_GROUPS, PROPAGATING_FIELDS } from '../../src/plugins/marketing-setup/shared/contracts/inheritance';
import { addressBlock, communicationBlock } from '../../src/plugins/marketing-setup/server/src/content-types/fields';
import { contactToTargetFields } from '../../src/plugins/marketing-setup/server/src/domain/business-relations';
import { CONTACT_DETAIL_FIELDS } from '../../src/plugins/marketing-setup/server/src/domain/contact-fields';

describe('contact field blocks', () => {
  test('the attribute blocks declare exactly the shared blocks', () => {
    expect(Object.keys(addressBlock())).toEqual([...ADDRESS_FIELDS]);
    expect(Object.keys(communicationBlock())).toEqual([...COMMUNICATION_FIELDS]);
  });

  test('the inheritance groups: the address block moves as one, communication adds the correspondence type', () => {
    const group = (flag: string) => FIELD_GROUPS.find((g) => g.flag === flag)!;
    expect(group('inheritAddressDetails')).toEqual({
      flag: 'inheritAddressDetails',
      fields: [...ADDRESS_FIELDS],
      block: true,
    });
    expect(group('inheritCommunicationDetails').fields).toEqual([...COMMUNICATION_FIELDS, 'correspondenceType']);
    expect(PROPAGATING_FIELDS[0]).toBe('name');
    expect(PROPAGATING_FIELDS).toContain('pager');
  });

  test('a customer takes the address and the communication a customer record has', () => {
    const fields = contactToTargetFields('customer');
    for (const f of ADDRESS_FIELDS) expect(fields).toContain(f);
    expect(fields).toEqual(expect.arrayContaining(['phoneNo', 'mobilePhoneNo', 'faxNo', 'email', 'homePage']));
    expect(fields).not.toContain('extensionNo');
    expect(fields).not.toContain('pager');
  });

  test('the CSV columns keep the card order: address, country, communication with E-mail 2 after E-mail', () => {
    expect(CONTACT_DETAIL_FIELDS.slice(0, 17)).toEqual([
      'address',
      'address2',
      'postCode',
      'city',
      'county',
      'countryRegion',
      'phoneNo',
      'mobilePhoneNo',
      'faxNo',
      'telexNo',
      'telexAnswerBack',
      'email',
      'email2',
      'homePage',
      'extensionNo',
      'pager',
      'salesperson',
    ]);
  });
});
