import {
  companyOfCompanyViolation,
  companyViolation,
  deleteViolation,
  withoutDefaults,
} from '../../src/plugins/marketing-setup/server/src/domain/contact-lifecycle';
import {
  propagationPreviewViolation,
  resetInheritanceViolation,
  salutationViolation,
} from '../../src/plugins/marketing-setup/server/src/domain/contact-actions';
import { setupDeleteViolation } from '../../src/plugins/marketing-setup/server/src/domain/setup';
import { missingTargetViolation } from '../../src/plugins/marketing-setup/server/src/domain/relation-input';

describe("a person's company", () => {
  const company = { id: 1, type: 'company', no: 'CT000001', name: 'Cronus' };
  it('must exist, be a company and not be the person itself', () => {
    expect(companyViolation(company, 2)).toBeNull();
    expect(companyViolation(company)).toBeNull();
    expect(companyViolation(null)!.message).toBe('The company given for this contact does not exist.');
    expect(companyViolation(company, 1)!.message).toBe('A person cannot be its own company.');
    const person = { id: 3, type: 'person', no: 'CT000003', name: 'Ann' };
    expect(companyViolation(person, 2)!.message).toBe(
      'CT000003 is a person, not a company; a person can only belong to a company contact.',
    );
    expect(companyViolation({ ...person, no: null }, 2)!.message).toMatch(/^Ann is a person/);
    expect(companyViolation(null)!.path).toEqual(['company']);
  });

  it('a company belongs to no other company', () => {
    expect(companyOfCompanyViolation().message).toBe(
      'A company cannot belong to another company; only persons have a company.',
    );
  });
});

describe('deleting a contact', () => {
  it('is refused while opportunities are open, listing them', () => {
    expect(deleteViolation({ no: 'CT000001' }, [])).toBeNull();
    const v = deleteViolation({ no: 'CT000001' }, [
      { no: 'OP000001', contact: { no: 'CT000002', name: 'Ann' } },
      { no: 'OP000002', contact: { no: null, name: 'Bob' } },
    ])!;
    expect(v.message).toBe(
      'Contact CT000001 cannot be deleted because of open opportunities: OP000001 (CT000002), OP000002 (Bob). Close them first.',
    );
    expect(v.path).toEqual([]);
  });
});

describe('a contact created for a customer', () => {
  it('sees the setup without its defaults', () => {
    expect(
      withoutDefaults({ inheritLanguage: true, defaultLanguage: 3, defaultSalesperson: 4, searchHitPercent: 60 }),
    ).toEqual({
      inheritLanguage: true,
      searchHitPercent: 60,
    });
  });
});

describe('contact actions', () => {
  it('reset inheritance needs a person with a company', () => {
    expect(resetInheritanceViolation({ no: 'CT1', type: 'person', company: { id: 1 } })).toBeNull();
    expect(resetInheritanceViolation({ no: 'CT1', type: 'company', company: { id: 1 } })!.message).toBe(
      'Contact CT1 is a company; only persons inherit from a company.',
    );
    const orphan = resetInheritanceViolation({ no: 'CT2', type: 'person', company: null })!;
    expect(orphan.message).toBe('Contact CT2 has no company to inherit from.');
    expect(orphan.path).toEqual(['company']);
  });

  it('a propagation preview needs a company', () => {
    expect(propagationPreviewViolation({ no: 'CT1', type: 'company' })).toBeNull();
    expect(propagationPreviewViolation({ no: 'CT2', type: 'person' })!.message).toBe(
      "Contact CT2 is a person; only a company's changes reach other contacts.",
    );
  });

  it('a salutation needs a salutation code', () => {
    expect(salutationViolation({ no: 'CT1', salutation: { code: 'M' } })).toBeNull();
    expect(salutationViolation({ no: 'CT1', salutation: null })!.message).toBe(
      'Contact CT1 has no salutation code; set one before asking for its salutation.',
    );
  });
});

describe('other refusals', () => {
  it('the setup is never deleted; a relation names an existing record', () => {
    expect(setupDeleteViolation().message).toBe('The Marketing Setup cannot be deleted; change its fields instead.');
    expect(missingTargetViolation('territory').message).toBe('The territory given does not exist.');
    expect(missingTargetViolation('territory').path).toEqual(['territory']);
  });
});
