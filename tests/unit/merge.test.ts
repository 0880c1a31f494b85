import {
  businessRelationConflicts,
  checkMergeRequest,
  fieldDifferences,
  mergeableFields,
  singleLinkConflict,
} from '../../src/plugins/marketing-setup/server/src/domain/merge';

const A = { id: 1, type: 'company' as const, no: 'CT000001' };
const B = { id: 2, type: 'company' as const, no: 'CT000002' };
const P = { id: 3, type: 'person' as const, no: 'CT000003' };
const Q = { id: 4, type: 'person' as const, no: 'CT000004' };
const msg = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e: any) {
    return { message: e.message, path: e.path };
  }
};

describe('mergeableFields', () => {
  test('a company: name, address, communication and master data; never number, type or derived fields', () => {
    const fields = mergeableFields('company');
    expect(fields).toEqual(
      expect.arrayContaining(['name', 'city', 'phoneNo', 'salesperson', 'vatRegistrationNo', 'privacyBlocked']),
    );
    for (const f of [
      'no',
      'type',
      'noSeries',
      'companyName',
      'searchEmail',
      'inheritanceOverrides',
      'businessRelation',
      'firstName',
      'company',
    ]) {
      expect(fields).not.toContain(f);
    }
  });
  test('a person also has name parts, job title and company', () =>
    expect(mergeableFields('person')).toEqual(expect.arrayContaining(['firstName', 'surname', 'jobTitle', 'company'])));
});

describe('checkMergeRequest', () => {
  test('a contact with itself → refused', () =>
    expect(msg(() => checkMergeRequest(A, A, []))).toEqual({
      message: 'A contact cannot be merged with itself; choose another contact as the duplicate.',
      path: ['duplicate'],
    }));
  test('a company into a person → refused, naming both', () =>
    expect(msg(() => checkMergeRequest(P, B, []))?.message).toBe(
      'Contact CT000002 is a company and contact CT000003 is a person; only contacts of the same type can be merged.',
    ));
  test('no fields → none taken; duplicates in the list are removed', () => {
    expect(checkMergeRequest(A, B, undefined)).toEqual([]);
    expect(checkMergeRequest(A, B, ['city', 'city', 'name'])).toEqual(['city', 'name']);
  });
  test('unknown, not mergeable and person-only fields → one message listing each, and what can be taken', () => {
    const e = msg(() => checkMergeRequest(A, B, ['colour', 'no', 'firstName', 'city']))!;
    expect(e.path).toEqual(['fields']);
    expect(e.message).toMatch(
      /^colour is not a contact field\. no cannot be taken from the duplicate: the surviving contact keeps its own number\. firstName is a person field; these contacts are companies\. Fields that can be taken: name, name2, /,
    );
  });
  test('fields must be a list of names', () =>
    expect(msg(() => checkMergeRequest(A, B, 'city'))?.message).toBe('fields must be a list of field names.'));
  test('two persons may take the company', () => expect(checkMergeRequest(P, Q, ['company'])).toEqual(['company']));
});

describe('fieldDifferences', () => {
  test('blank and missing are equal; whitespace is ignored; relations compare by id', () => {
    const diff = fieldDifferences(
      'company',
      { name: 'Fabrikam NV', name2: '', city: 'Gent ', salesperson: 1, territory: 2, phoneNo: null },
      { name: 'Fabrikam', name2: null, city: 'Gent', salesperson: 3, territory: 2, phoneNo: '09 111' },
    );
    expect(diff).toEqual([
      { field: 'name', survivor: 'Fabrikam NV', duplicate: 'Fabrikam' },
      { field: 'phoneNo', survivor: null, duplicate: '09 111' },
      { field: 'salesperson', survivor: 1, duplicate: 3 },
    ]);
  });
  test('person-only fields count for persons only', () => {
    expect(fieldDifferences('company', { firstName: 'A' }, { firstName: 'B' })).toEqual([]);
    expect(fieldDifferences('person', { firstName: 'A' }, { firstName: 'B' })).toEqual([
      { field: 'firstName', survivor: 'A', duplicate: 'B' },
    ]);
  });
});

describe('conflicts', () => {
  test('the same business relation code on both → one conflict', () =>
    expect(
      businessRelationConflicts('CT1', [{ code: 'PRESS', linkToTable: 'none', linkedNo: null }], 'CT2', [
        { code: 'PRESS', linkToTable: 'none', linkedNo: null },
        { code: 'PARTNER', linkToTable: 'none', linkedNo: null },
      ]),
    ).toEqual([
      {
        code: 'businessRelation',
        message: 'Both contacts have business relation PRESS (CT1 and CT2); remove it from one of them before merging.',
      },
    ]));
  test('both linked with a customer under different codes → conflict; different kinds → none', () => {
    expect(
      businessRelationConflicts('CT1', [{ code: 'CUST', linkToTable: 'customer', linkedNo: 'C1' }], 'CT2', [
        { code: 'OLDCUST', linkToTable: 'customer', linkedNo: 'C2' },
      ])[0].message,
    ).toBe('Both contacts are linked with a customer (C1 and C2); a contact can be linked with one only.');
    expect(
      businessRelationConflicts('CT1', [{ code: 'CUST', linkToTable: 'customer', linkedNo: 'C1' }], 'CT2', [
        { code: 'VEND', linkToTable: 'vendor', linkedNo: 'V1' },
      ]),
    ).toEqual([]);
  });
  test('a one-per-contact relation linked on both sides → conflict', () => {
    expect(singleLinkConflict('Loyalty Card', 'holder', true, true)?.message).toBe(
      'Both contacts are linked from a Loyalty Card (holder), which allows one per contact; unlink one of them before merging.',
    );
    expect(singleLinkConflict('Loyalty Card', 'holder', false, true)).toBeNull();
  });
});
