import {
  applyContactFieldRules,
  assertEmail,
  assertPhone,
  composeName,
  nextSearchName,
  normaliseVat,
  PHONE_FIELDS,
  splitName,
  typeChangeFields,
  typeChangeRefusal,
  typeChangeViolation,
  withoutMaintainedFields,
} from '../../src/plugins/marketing-setup/server/src/domain/contact-fields';
import { RuleViolation } from '../../src/plugins/marketing-setup/server/src/domain/errors';
import { violation } from '../helpers/violation';

describe('splitName', () => {
  it.each([
    ['Anna Maria van Dijk', 'Anna Maria', 'van', 'Dijk'],
    ['John Paul Smith', 'John', 'Paul', 'Smith'],
    ['John Smith', 'John', null, 'Smith'],
    // One word is the surname (the reference makes it the first name).
    ['Cher', null, null, 'Cher'],
    ['Peeters', null, null, 'Peeters'],
    ['  John    Paul   Smith ', 'John', 'Paul', 'Smith'],
    ['', null, null, null],
  ])('%j → %j / %j / %j', (name, firstName, middleName, surname) => {
    expect(splitName(name)).toEqual({ firstName, middleName, surname });
  });

  it.each([
    ['Verhoeven Koen', 'Koen', null, 'Verhoeven'],
    ['De Smet Geert', 'Geert', null, 'De Smet'],
    ['DE SMET Geert', 'Geert', null, 'DE SMET'],
    ['Van den Broeck Marie-Claire', 'Marie-Claire', null, 'Van den Broeck'],
    ['Peeters Jan Willem', 'Jan Willem', null, 'Peeters'],
    // Starts with a known first name, or ends with an unknown one: the reference's order.
    ['Koen Verhoeven', 'Koen', null, 'Verhoeven'],
    ['Geert De Smet', 'Geert', null, 'De Smet'],
    ['Peeters Xandro', 'Peeters', null, 'Xandro'],
  ])('surname first where the first names tell: %j → %j / %j / %j', (name, firstName, middleName, surname) => {
    expect(splitName(name)).toEqual({ firstName, middleName, surname });
  });

  it('truncates each part to 30 characters', () => {
    const long = 'A'.repeat(35);
    expect(splitName(`${long} ${long}`)).toEqual({
      firstName: 'A'.repeat(30),
      middleName: null,
      surname: 'A'.repeat(30),
    });
  });
});

describe('composeName', () => {
  it('joins the non-blank parts with single spaces', () => {
    expect(composeName({ firstName: 'Jane', middleName: null, surname: 'Smith' })).toBe('Jane Smith');
    expect(composeName({ firstName: ' Anna  Maria', middleName: 'van', surname: 'Dijk' })).toBe('Anna Maria van Dijk');
    expect(composeName({ firstName: '', middleName: ' ', surname: null })).toBe('');
  });
});

describe('nextSearchName', () => {
  it('follows the name when blank or equal to the upper-cased old name', () => {
    expect(nextSearchName(null, null, 'Fabrikam')).toBe('FABRIKAM');
    expect(nextSearchName('Fabrikam', '', 'Fabrikam NV')).toBe('FABRIKAM NV');
    expect(nextSearchName('Fabrikam', 'FABRIKAM', 'Fabrikam NV')).toBe('FABRIKAM NV');
  });
  it('keeps a hand-edited search name', () => {
    expect(nextSearchName('Fabrikam', 'FAB', 'Fabrikam NV')).toBe('FAB');
  });
});

describe('field validators', () => {
  it('refuses letters in phone fields, naming the field', () => {
    const e = violation(() => assertPhone('phoneNo', '09 12AB'));
    expect(e.message).toContain('Phone No. must not contain letters');
    expect(e.path).toEqual(['phoneNo']);
    expect(violation(() => assertPhone('mobilePhoneNo', '0475x')).message).toContain('Mobile Phone No.');
    expect(() => assertPhone('phoneNo', '+32 (9) 123-45.67')).not.toThrow();
    expect(() => assertPhone('phoneNo', null)).not.toThrow();
  });
  it.each([
    '+32 475 12 34 56',
    '0032475123456',
    '0475/12.34.56',
    '(0)475 12 34 56',
    '0475 12 34 56',
    '+32 (0)9 123-45.67',
    ' 09 123 45 67 ',
  ])('accepts the phone number %j', (phone) => expect(() => assertPhone('phoneNo', phone)).not.toThrow());
  it.each([
    [
      '+32 475 😀',
      'Phone No. may hold only digits, spaces, ( ) . / - and a + at the start; "😀" is not allowed ("+32 475 😀").',
    ],
    ['++++', 'Phone No. may hold only digits, spaces, ( ) . / - and a + at the start; "+" is not allowed ("++++").'],
    [
      '0475 + 12',
      'Phone No. may hold only digits, spaces, ( ) . / - and a + at the start; "+" is not allowed ("0475 + 12").',
    ],
    [
      '09 123 45 67 #2',
      'Phone No. may hold only digits, spaces, ( ) . / - and a + at the start; "#" is not allowed ("09 123 45 67 #2").',
    ],
    ['+', 'Phone No. has no digits ("+").'],
    ['( ) - /', 'Phone No. has no digits ("( ) - /").'],
    ['0'.repeat(30), `Phone No. has 30 digits; a phone number has at most 18 ("${'0'.repeat(30)}").`],
  ])('refuses the phone number %j', (phone, message) => {
    const e = violation(() => assertPhone('phoneNo', phone));
    expect([e.message, e.path]).toEqual([message, ['phoneNo']]);
  });
  it('lists phone, mobile and fax as letter-free fields, not telex', () => {
    expect([...PHONE_FIELDS]).toEqual(['phoneNo', 'mobilePhoneNo', 'faxNo']);
  });
  it('checks e-mail syntax, allows several addresses separated by ; and blanks', () => {
    expect(() => assertEmail('email', 'John@Example.com')).not.toThrow();
    expect(() => assertEmail('email', 'a@b.be; c.d@e-f.co.uk;')).not.toThrow();
    expect(() => assertEmail('email', '')).not.toThrow();
    expect(() => assertEmail('email', undefined)).not.toThrow();
    for (const bad of ['john', 'john@', 'john@example', 'jo hn@example.com', 'a@b.be;bad@', 'a..b@c.com']) {
      expect(violation(() => assertEmail('email', bad)).path).toEqual(['email']);
    }
    expect(violation(() => assertEmail('email2', 'x@')).message).toBe('E-Mail 2: "x@" is not a valid e-mail address.');
  });
  it('normalises VAT numbers to trimmed upper case', () => {
    expect(normaliseVat(' be0123456789 ')).toBe('BE0123456789');
    expect(normaliseVat('  ')).toBeNull();
    expect(normaliseVat(null)).toBeNull();
  });
});

describe('applyContactFieldRules — person', () => {
  it('splits the name on create and sets the search name', () => {
    const out = applyContactFieldRules('person', null, { name: 'John Paul Smith' });
    expect(out).toMatchObject({
      name: 'John Paul Smith',
      firstName: 'John',
      middleName: 'Paul',
      surname: 'Smith',
      searchName: 'JOHN PAUL SMITH',
    });
  });

  it('rebuilds the name when a part changes: firstName Jane on John Smith → Jane Smith', () => {
    const before = {
      type: 'person',
      name: 'John Smith',
      firstName: 'John',
      middleName: null,
      surname: 'Smith',
      searchName: 'JOHN SMITH',
    };
    const out = applyContactFieldRules('person', before, { firstName: 'Jane' });
    expect(out).toEqual({ firstName: 'Jane', name: 'Jane Smith', searchName: 'JANE SMITH' });
  });

  it('lets parts win when name and parts are both given', () => {
    const out = applyContactFieldRules('person', null, { name: 'Ignored Name', firstName: 'Anna', surname: 'Dijk' });
    expect(out).toMatchObject({ name: 'Anna Dijk', firstName: 'Anna', surname: 'Dijk' });
  });

  it('builds the name from parts alone on create', () => {
    expect(
      applyContactFieldRules('person', null, { firstName: 'Anna Maria', middleName: 'van', surname: 'Dijk' }).name,
    ).toBe('Anna Maria van Dijk');
  });

  it('keeps a hand-set search name through a rename', () => {
    const before = { type: 'person', name: 'John Smith', firstName: 'John', surname: 'Smith', searchName: 'JOHNNY' };
    const out = applyContactFieldRules('person', before, { name: 'John Smithson' });
    expect(out.searchName).toBe('JOHNNY');
    expect(out.surname).toBe('Smithson');
  });

  it('upper-cases a search name set in the request and keeps it', () => {
    expect(applyContactFieldRules('person', null, { name: 'John Smith', searchName: 'smithy' }).searchName).toBe(
      'SMITHY',
    );
  });

  it('lets a blanked search name follow the name again', () => {
    const before = { name: 'John Smith', searchName: 'JOHNNY' };
    expect(applyContactFieldRules('person', before, { searchName: '' }).searchName).toBe('JOHN SMITH');
  });

  it('requires a name on create', () => {
    expect(violation(() => applyContactFieldRules('person', null, { email: 'a@b.be' })).path).toEqual(['name']);
    expect(violation(() => applyContactFieldRules('person', null, { name: '   ' })).message).toBe(
      'Name must not be blank.',
    );
  });

  it('refuses clearing every name part on update', () => {
    const before = { name: 'Cher', firstName: 'Cher' };
    expect(violation(() => applyContactFieldRules('person', before, { firstName: '' })).path).toEqual(['name']);
  });
});

describe('applyContactFieldRules — company', () => {
  it('copies name to companyName on create and clears person-only fields', () => {
    const out = applyContactFieldRules('company', null, { name: 'Fabrikam', firstName: 'X', jobTitle: 'CEO' });
    expect(out).toMatchObject({
      name: 'Fabrikam',
      companyName: 'Fabrikam',
      searchName: 'FABRIKAM',
      firstName: null,
      jobTitle: null,
    });
  });

  it('copies a renamed name to companyName and updates a following search name', () => {
    const before = { type: 'company', name: 'Fabrikam', companyName: 'Fabrikam', searchName: 'FABRIKAM' };
    expect(applyContactFieldRules('company', before, { name: 'Fabrikam NV' })).toEqual({
      name: 'Fabrikam NV',
      companyName: 'Fabrikam NV',
      searchName: 'FABRIKAM NV',
    });
  });

  it('does not split a company name into parts', () => {
    const out = applyContactFieldRules('company', null, { name: 'Alpha Trading Company' });
    expect(out.firstName).toBeUndefined();
    expect(out.surname).toBeUndefined();
  });
});

describe('applyContactFieldRules — communication and registration fields', () => {
  const before = {
    type: 'company',
    name: 'Fabrikam',
    searchName: 'FABRIKAM',
    email: 'old@fab.be',
    searchEmail: 'OLD@FAB.BE',
  };

  it('maintains searchEmail from email', () => {
    expect(applyContactFieldRules('company', before, { email: 'John@Example.com' }).searchEmail).toBe(
      'JOHN@EXAMPLE.COM',
    );
    expect(applyContactFieldRules('company', before, { email: '' }).searchEmail).toBeNull();
    expect(applyContactFieldRules('company', before, { searchEmail: 'HACK' }).searchEmail).toBe('OLD@FAB.BE');
  });

  it('stores an e-mail without the spaces around it (pasted from a mail client)', () => {
    const out = applyContactFieldRules('company', before, { email: '  Ward.Cools@gmail.com ', email2: ' w@c.be' });
    expect([out.email, out.searchEmail, out.email2]).toEqual([
      'Ward.Cools@gmail.com',
      'WARD.COOLS@GMAIL.COM',
      'w@c.be',
    ]);
  });

  it('upper-cases the VAT registration number', () => {
    expect(applyContactFieldRules('company', before, { vatRegistrationNo: 'be0123456789' }).vatRegistrationNo).toBe(
      'BE0123456789',
    );
  });

  it('refuses letters in phone numbers', () => {
    expect(violation(() => applyContactFieldRules('company', before, { phoneNo: '09 12AB' })).path).toEqual([
      'phoneNo',
    ]);
    expect(violation(() => applyContactFieldRules('company', before, { faxNo: 'fax' })).path).toEqual(['faxNo']);
    expect(() => applyContactFieldRules('company', before, { telexNo: 'ABC 123' })).not.toThrow();
  });

  it('refuses a bad e-mail in email and email2', () => {
    expect(violation(() => applyContactFieldRules('company', before, { email: 'not-an-address' })).path).toEqual([
      'email',
    ]);
    expect(violation(() => applyContactFieldRules('company', before, { email2: 'a@b' })).path).toEqual(['email2']);
  });

  it('limits the registration number to 20 characters', () => {
    expect(() => applyContactFieldRules('company', before, { registrationNumber: '1'.repeat(20) })).not.toThrow();
    const e = violation(() => applyContactFieldRules('company', before, { registrationNumber: '1'.repeat(21) }));
    expect(e.path).toEqual(['registrationNumber']);
    expect(e.message).toContain('Registration Number');
  });

  it('returns the changes merged with what it derives, without mutating the input', () => {
    const changes = { city: 'Gent', email: 'a@b.be' };
    const out = applyContactFieldRules('company', before, changes);
    expect(out).toEqual({ city: 'Gent', email: 'a@b.be', searchEmail: 'A@B.BE' });
    expect(changes).toEqual({ city: 'Gent', email: 'a@b.be' });
  });
});

describe('type change', () => {
  it('→ company clears person fields and copies the name', () => {
    const before = {
      no: 'CT000002',
      type: 'person',
      name: 'John Smith',
      firstName: 'John',
      surname: 'Smith',
      jobTitle: 'CEO',
      companyName: 'Fabrikam',
    };
    expect(typeChangeFields(before, 'company')).toEqual({
      type: 'company',
      firstName: null,
      middleName: null,
      surname: null,
      jobTitle: null,
      companyName: 'John Smith',
    });
  });

  it('→ person clears companyName and re-splits the name', () => {
    const before = { no: 'CT000001', type: 'company', name: 'Anna Maria van Dijk', companyName: 'Anna Maria van Dijk' };
    expect(typeChangeFields(before, 'person')).toEqual({
      type: 'person',
      companyName: null,
      firstName: 'Anna Maria',
      middleName: 'van',
      surname: 'Dijk',
    });
  });

  it('→ person is refused while a VAT registration no. is set', () => {
    const e = violation(() =>
      typeChangeFields({ no: 'CT000001', type: 'company', name: 'Fab', vatRegistrationNo: 'BE0123456789' }, 'person'),
    );
    expect(e.path).toEqual(['type']);
    expect(e.message).toBe(
      'Contact CT000001 cannot become a person because it has a VAT Registration No. (BE0123456789); clear it first.',
    );
  });

  it('is a no-op when the type does not change, and refuses unknown types', () => {
    expect(typeChangeFields({ type: 'company', name: 'Fab' }, 'company')).toEqual({});
    expect(violation(() => typeChangeFields({ type: 'company' }, 'robot' as any)).path).toEqual(['type']);
  });

  it('builds the refusal messages for the database-dependent checks', () => {
    expect(typeChangeRefusal('hasPersons', 'CT000001', 3)).toBe(
      'Contact CT000001 cannot become a person because 3 persons belong to it.',
    );
    expect(typeChangeRefusal('hasPersons', 'CT000001', 1)).toBe(
      'Contact CT000001 cannot become a person because 1 person belongs to it.',
    );
    expect(typeChangeRefusal('hasOpportunities', 'CT000001', 2)).toBe(
      'Contact CT000001 cannot change type because it has 2 opportunities.',
    );
    expect(typeChangeRefusal('hasInteractions', 'CT000001', 1)).toBe(
      'Contact CT000001 cannot change type because it has 1 logged interaction.',
    );
    expect(typeChangeRefusal('hasBusinessRelations', 'CT000001', 2)).toContain('2 business relations');
    const v = typeChangeViolation('hasOpportunities', 'CT000001', 1);
    expect(v).toBeInstanceOf(RuleViolation);
    expect(v.path).toEqual(['type']);
  });
});

describe("withoutMaintainedFields: Company Name, No. Series, overrides and business relation are the plugin's", () => {
  it('drops a value sent for them and keeps every other field, searchName (set by hand) included', () => {
    const data: Record<string, unknown> = {
      name: 'Fabrikam',
      companyName: 'Hacked',
      noSeries: 'OPP',
      inheritanceOverrides: ['address'],
      businessRelation: 'customer',
      searchName: 'FAB',
      city: 'Gent',
    };
    expect(withoutMaintainedFields(data)).toEqual({ name: 'Fabrikam', searchName: 'FAB', city: 'Gent' });
    // In place: the write's own data object loses them.
    expect(data).toEqual({ name: 'Fabrikam', searchName: 'FAB', city: 'Gent' });
  });

  it('a company sent without its name keeps its Company Name; with a name, it follows the name', () => {
    const company = { type: 'company', name: 'Fabrikam', companyName: 'Fabrikam' };
    expect(applyContactFieldRules('company', company, withoutMaintainedFields({ companyName: 'Hacked' }))).toEqual({});
    expect(
      applyContactFieldRules('company', company, withoutMaintainedFields({ name: 'Fabrikam NV', companyName: 'X' })),
    ).toMatchObject({ name: 'Fabrikam NV', companyName: 'Fabrikam NV' });
  });
});
