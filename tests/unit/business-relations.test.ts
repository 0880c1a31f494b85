import {
  ALL_SYNCED_FIELDS,
  assertCodeSet,
  businessRelationOf,
  changedFields,
  contactToTargetFields,
  linkHolder,
  newTargetFrom,
} from '../../src/plugins/marketing-setup/server/src/domain/business-relations';

const codes = { customer: 1, vendor: 2, bankAccount: 3 };

describe('businessRelationOf', () => {
  test('no relation → none', () => expect(businessRelationOf([], codes)).toBe('none'));
  test('one customer link with the customer code → customer', () =>
    expect(businessRelationOf([{ linkToTable: 'customer', businessRelationId: 1, linked: true }], codes)).toBe(
      'customer',
    ));
  test('only a PRESS relation (not linked) → other', () =>
    expect(businessRelationOf([{ linkToTable: 'none', businessRelationId: 9, linked: false }], codes)).toBe('other'));
  test('customer + vendor → multiple', () =>
    expect(
      businessRelationOf(
        [
          { linkToTable: 'customer', businessRelationId: 1, linked: true },
          { linkToTable: 'vendor', businessRelationId: 2, linked: true },
        ],
        codes,
      ),
    ).toBe('multiple'));
});

describe('field lists', () => {
  test('vendors keep their purchaser, banks do not get the registration number, customers get the salesperson', () => {
    expect(contactToTargetFields('customer')).toContain('salesperson');
    expect(contactToTargetFields('vendor')).not.toContain('salesperson');
    expect(contactToTargetFields('bankAccount')).not.toContain('registrationNumber');
  });
  test('ALL_SYNCED_FIELDS covers the fields of every kind', () => {
    for (const kind of ['customer', 'vendor', 'bankAccount'] as const) {
      expect(contactToTargetFields(kind).filter((f) => !ALL_SYNCED_FIELDS.includes(f))).toEqual([]);
    }
  });
  test('a new customer takes the contact type', () => {
    expect(newTargetFrom('customer', { type: 'company', name: 'Fabrikam', city: 'Gent' })).toMatchObject({
      name: 'Fabrikam',
      city: 'Gent',
      contactType: 'company',
    });
  });
  test('changedFields sees only changed synced fields', () => {
    expect(
      changedFields(['city', 'phoneNo'], { city: 'Gent', phoneNo: '09' }, { city: 'Brugge', jobTitle: 'x' }),
    ).toEqual(['city']);
  });
});

describe('checks', () => {
  test('a blank setup code is refused with a message naming the setup field', () => {
    expect(() => assertCodeSet('customer', null)).toThrow(
      'Set "Bus. Rel. Code for Customers" in the Marketing Setup before linking contacts with customers.',
    );
  });
  test('a person links through its company; a vendor for a person without company is refused', () => {
    const company = { type: 'company', no: 'CT000001' };
    expect(linkHolder('customer', { type: 'person', no: 'CT000002' }, company)).toBe(company);
    expect(() => linkHolder('vendor', { type: 'person', no: 'CT000003' }, null)).toThrow(/person without a company/);
  });
});
