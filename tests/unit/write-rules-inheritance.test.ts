import {
  applyPersonInheritance,
  type InheritFlags,
} from '../../src/plugins/marketing-setup/server/src/domain/inheritance';

const flags: InheritFlags = {
  inheritSalesperson: true,
  inheritTerritory: true,
  inheritCountryRegion: true,
  inheritLanguage: true,
  inheritAddressDetails: true,
  inheritCommunicationDetails: true,
  inheritFormatRegion: true,
};
const company = { id: 1, name: 'Cronus', city: 'Utrecht', phoneNo: '030-1', salesperson: 5, language: 2 };

describe('a person write', () => {
  it('on create with a company: inherits, overrides what differs, then fills defaults', () => {
    const data = applyPersonInheritance(
      { ...flags, defaultTerritory: 9 },
      { name: 'Ann', phoneNo: '06-1' },
      null,
      company,
      true,
    );
    expect(data).toMatchObject({
      companyName: 'Cronus',
      city: 'Utrecht',
      phoneNo: '06-1',
      salesperson: 5,
      language: 2,
      territory: 9,
      inheritanceOverrides: ['phoneNo'],
    });
  });

  it('an echoed inherited value is no hand change; a value equal to the company ends an override', () => {
    const before = { id: 2, city: 'Utrecht', phoneNo: '06-1', inheritanceOverrides: ['phoneNo'] };
    const data = applyPersonInheritance(flags, { city: 'Utrecht', phoneNo: '030-1' }, before, company, false);
    expect(data.city).toBeUndefined();
    expect(data.inheritanceOverrides).toEqual([]);
  });

  it('keeps the upper-case search e-mail in step', () => {
    const data = applyPersonInheritance(flags, { email: 'ann@cronus.com' }, null, null, false);
    expect(data.searchEmail).toBe('ANN@CRONUS.COM');
  });
});
