import {
  alreadyLinkedViolation,
  linkRowShapeViolation,
  linkRowViolation,
  privacyViolation,
  type LinkRowInput,
  type OtherLink,
} from '../../src/plugins/marketing-setup/server/src/domain/business-relations';

const codes = { customer: 10, vendor: 11, bankAccount: 12 };
const row = (over: Partial<LinkRowInput> = {}): LinkRowInput => ({
  linkToTable: 'customer',
  contact: 1,
  businessRelation: 10,
  customer: 100,
  ...over,
});
const other = (over: Partial<OtherLink> = {}): OtherLink => ({
  businessRelationId: 20,
  linkToTable: 'none',
  linked: false,
  linkedNo: null,
  ...over,
});

describe('a contact business relation row', () => {
  it('needs a contact and a code', () => {
    expect(linkRowShapeViolation(row())).toBeNull();
    expect(linkRowShapeViolation(row({ contact: null }))!.path).toEqual(['contact']);
    expect(linkRowShapeViolation(row({ businessRelation: null }))!.message).toBe(
      'A contact business relation needs a business relation code.',
    );
  });

  it('may be written when nothing stands against it', () => {
    expect(linkRowViolation(row(), 'CT000001', [other()], codes, null)).toBeNull();
    expect(
      linkRowViolation(row({ linkToTable: 'none', businessRelation: 20 }), 'CT000001', [], codes, null),
    ).toBeNull();
  });

  it('holds each code once per contact', () => {
    const v = linkRowViolation(row(), 'CT000001', [other({ businessRelationId: 10 })], codes, null)!;
    expect(v.message).toBe('Contact CT000001 already has this business relation.');
    expect(v.path).toEqual(['businessRelation']);
  });

  it("keeps the setup's link codes for linked records", () => {
    const v = linkRowViolation(row({ linkToTable: 'none', businessRelation: 12 }), 'CT000001', [], codes, null)!;
    expect(v.message).toBe(
      'This business relation code is used when a contact is linked with a bank account; link a bank account instead.',
    );
  });

  it('needs the linked record, one of each kind per contact, linked with one contact only', () => {
    expect(linkRowViolation(row({ customer: null }), 'CT000001', [], codes, null)!.message).toBe(
      'Choose the customer this relation links to.',
    );
    const sameKind = other({ businessRelationId: 30, linkToTable: 'customer', linked: true, linkedNo: 'C00010' });
    const v = linkRowViolation(row(), 'CT000001', [sameKind], codes, null)!;
    expect(v.message).toBe('Contact CT000001 already has a Contact Business Relation with Customer C00010.');
    expect(v.path).toEqual(['linkToTable']);
    const elsewhere = other({ linkToTable: 'customer', linked: true, linkedNo: 'C00020', contactNo: 'CT000009' });
    const e = linkRowViolation(row(), 'CT000001', [], codes, elsewhere)!;
    expect(e.message).toBe('Customer C00020 is already linked with contact CT000009.');
    expect(e.path).toEqual(['customer']);
  });
});

describe('a privacy-blocked contact', () => {
  it('cannot be linked', () => {
    expect(privacyViolation({ no: 'CT1', privacyBlocked: false }, 'vendor')).toBeNull();
    const v = privacyViolation({ no: 'CT1', privacyBlocked: true }, 'vendor')!;
    expect(v.message).toBe('Contact CT1 is privacy blocked; it cannot be linked with a vendor.');
    expect(v.path).toEqual(['privacyBlocked']);
  });
});

describe('create as / link with existing', () => {
  it('refuses a second record of the same kind', () => {
    const v = alreadyLinkedViolation('CT000001', 'customer', 'C00010');
    expect(v.message).toBe('Contact CT000001 already has a Contact Business Relation with Customer C00010.');
    expect(v.path).toEqual(['kind']);
  });
});
