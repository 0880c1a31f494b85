import {
  type SalutationFormula,
  pickFormula,
  renderSalutation,
} from '../../src/plugins/marketing-setup/server/src/domain/salutation';
import { RuleViolation } from '../../src/plugins/marketing-setup/server/src/domain/errors';

const formal: SalutationFormula = {
  language: 'ENU',
  type: 'formal',
  text: 'Dear Mr. %1 %2 %3,',
  name1: 'firstName',
  name2: 'middleName',
  name3: 'surname',
};
const informal: SalutationFormula = { language: 'ENU', type: 'informal', text: 'Hi %1,', name1: 'firstName' };
const john = { no: 'CT000001', type: 'person', firstName: 'John', middleName: '', surname: 'Smith' };

describe('renderSalutation', () => {
  it('John Smith without middle name → "Dear Mr. John Smith,"', () => {
    expect(renderSalutation(formal, john)).toBe('Dear Mr. John Smith,');
  });

  it('informal "Hi %1," → "Hi John,"', () => {
    expect(renderSalutation(informal, john)).toBe('Hi John,');
  });

  it('an empty surname disappears with its space: "Dear Mr. John," (BC gives "Dear Mr. John ,")', () => {
    expect(renderSalutation(formal, { ...john, surname: null })).toBe('Dear Mr. John,');
  });

  it('all parts filled, and no parts at all', () => {
    expect(renderSalutation(formal, { ...john, middleName: 'Paul' })).toBe('Dear Mr. John Paul Smith,');
    expect(renderSalutation(formal, {})).toBe('Dear Mr.,');
  });

  it('keeps a space the author put before punctuation when the part is filled or followed by a space', () => {
    const fra: SalutationFormula = {
      language: 'FRA',
      type: 'informal',
      text: 'Salut %1 %3 !',
      name1: 'firstName',
      name3: 'surname',
    };
    expect(renderSalutation(fra, { firstName: 'Jean' })).toBe('Salut Jean !');
  });

  it('substitutes in one pass, uses the company name and caps at 260 characters', () => {
    const f: SalutationFormula = {
      language: null,
      type: 'formal',
      text: 'To %1 of %2',
      name1: 'jobTitle',
      name2: 'companyName',
    };
    expect(renderSalutation(f, { jobTitle: '100%2 boss', companyName: 'Fabrikam' })).toBe('To 100%2 boss of Fabrikam');
    expect(renderSalutation({ ...f, text: 'To %2' }, { type: 'company', name: 'Fabrikam' })).toBe('To Fabrikam');
    expect(renderSalutation({ ...f, text: '%1' }, { jobTitle: 'x'.repeat(300) })).toHaveLength(260);
  });
});

describe('pickFormula', () => {
  const generic: SalutationFormula = { ...formal, language: null, text: 'Dear %1 %3,' };

  it('prefers the language, then the formula without language', () => {
    expect(pickFormula([generic, formal, informal], 'formal', 'enu', 'CT000001')).toBe(formal);
    expect(pickFormula([generic, formal, informal], 'formal', 'NLB', 'CT000001')).toBe(generic);
    expect(pickFormula([generic, formal], 'formal', null, 'CT000001')).toBe(generic);
  });

  it('FRA without a formula is a rule violation naming type, language and contact', () => {
    expect(() => pickFormula([formal, informal], 'formal', 'FRA', 'CT000001')).toThrow(
      new RuleViolation(
        'You have to set up the salutation formula of the type Formal in FRA language for the CT000001 contact.',
      ),
    );
    expect(() => pickFormula([formal], 'informal', null, 'CT000002')).toThrow(
      'You have to set up the salutation formula of the type Informal in (no language) language for the CT000002 contact.',
    );
  });

  it('a formula with empty text is a rule violation', () => {
    expect(() => pickFormula([{ ...formal, text: ' ' }], 'formal', 'ENU', 'CT000001')).toThrow(RuleViolation);
  });
});
