import {
  companyOfContact,
  contactChangeViolation,
  contactViolation,
  defaultCycleApplies,
  salesCycleViolation,
} from '../../src/plugins/marketing-setup/server/src/domain/opportunity';

describe("an opportunity's contact", () => {
  it('is required and must exist', () => {
    expect(contactViolation(false).message).toBe('An opportunity needs a contact.');
    expect(contactViolation(true).message).toBe('The contact given for this opportunity does not exist.');
    expect(contactViolation(true).path).toEqual(['contact']);
  });

  it('belongs to a company: a company to itself, a person to its company or none', () => {
    expect(companyOfContact({ id: 7, type: 'company', company: { id: 7 } })).toBe(7);
    expect(companyOfContact({ id: 8, type: 'person', company: { id: 7 } })).toBe(7);
    expect(companyOfContact({ id: 9, type: 'person', company: null })).toBeNull();
  });

  it('of an opportunity in progress may only change within the same company', () => {
    const op = { no: 'OP000003', opportunityStatus: 'inProgress', companyId: 7 };
    expect(contactChangeViolation(op, 7)).toBeNull();
    expect(contactChangeViolation({ ...op, opportunityStatus: 'notStarted' }, 8)).toBeNull();
    const v = contactChangeViolation(op, 8)!;
    expect(v.message).toBe(
      'Opportunity OP000003 is in progress; its contact can only change to a contact of the same company.',
    );
    expect(v.path).toEqual(['contact']);
    expect(contactChangeViolation(op, null)).not.toBeNull();
  });
});

describe("an opportunity's sales cycle", () => {
  it('must exist; a blocked one may be kept but not chosen', () => {
    expect(salesCycleViolation(null, false)!.message).toBe(
      'The sales cycle given for this opportunity does not exist.',
    );
    expect(salesCycleViolation({ code: 'NEW', blocked: true }, false)).toBeNull();
    expect(salesCycleViolation({ code: 'NEW', blocked: true }, true)!.message).toBe(
      'Sales cycle NEW is blocked and cannot be used for new opportunities.',
    );
    expect(salesCycleViolation({ code: 'NEW', blocked: false }, true)).toBeNull();
  });

  it("the setup's default applies only when set and not blocked", () => {
    expect(defaultCycleApplies(null)).toBe(false);
    expect(defaultCycleApplies({ blocked: true })).toBe(false);
    expect(defaultCycleApplies({ blocked: false })).toBe(true);
  });
});
