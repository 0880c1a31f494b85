/**
 * The pure parts of the import's set-based path: the numbers a line hands out next (the block whose taken
 * numbers are asked in one statement), which planned contacts may be inserted without Strapi's own
 * validation, and the lookup keys that make a chunk store its pending contacts before a row reads.
 */
import { drawNext, upcomingNos, type NoSeries } from '../../src/plugins/marketing-setup/server/src/domain/numbering';
import { seriesLine } from '../helpers/no-series';
import { splitForInsert, splitForUpdate } from '../../src/plugins/marketing-setup/server/src/domain/set-based-insert';
import { lookupKeysOfContact, lookupKeysOfRow } from '../../src/plugins/marketing-setup/server/src/domain/contact-csv';
import type { AttributeSpec } from '../../src/plugins/marketing-setup/server/src/domain/write-values';

const line = seriesLine;
const series: NoSeries = { code: 'CONT', defaultNos: true, manualNos: true, dateOrder: false };

describe('upcomingNos', () => {
  test('a fresh line starts at its starting number', () => {
    expect(upcomingNos(line(), 3)).toEqual(['CT000001', 'CT000002', 'CT000003']);
  });

  test('a used line goes on after its last number, by its increment', () => {
    expect(upcomingNos(line({ lastNoUsed: 'CT000010', incrementBy: 5 }), 2)).toEqual(['CT000015', 'CT000020']);
  });

  test('stops at the ending number', () => {
    expect(upcomingNos(line({ lastNoUsed: 'CT000008', endingNo: 'CT000010' }), 5)).toEqual(['CT000009', 'CT000010']);
  });

  test('is what drawNext hands out one after the other', () => {
    let l = line({ lastNoUsed: 'CT000097', endingNo: 'CT000100', warningNo: 'CT000099' });
    const drawn: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const d = drawNext(series, l, '2026-12-06');
      drawn.push(d.no);
      l = d.line;
    }
    expect(drawn).toEqual(upcomingNos(line({ lastNoUsed: 'CT000097', endingNo: 'CT000100' }), 10));
  });
});

describe('splitForInsert', () => {
  const attrs: Record<string, AttributeSpec> = {
    no: { type: 'string', maxLength: 20 },
    type: { type: 'enumeration', enum: ['company', 'person'], required: true, default: 'company' },
    name: { type: 'string', maxLength: 10 },
    privacyBlocked: { type: 'boolean', default: false },
    inheritanceOverrides: { type: 'json' },
    company: { type: 'relation', relation: 'manyToOne' },
    salesperson: { type: 'relation', relation: 'manyToOne' },
    code: { type: 'string', unique: true },
    amount: { type: 'decimal' },
  };

  test('scalars become the row, relations (as ids) its links; the company link is the resolved company', () => {
    expect(
      splitForInsert(
        attrs,
        {
          no: 'CT000001',
          type: 'person',
          name: 'Jan',
          privacyBlocked: false,
          inheritanceOverrides: [],
          company: 'doc1',
          salesperson: 7,
          territory: undefined,
        },
        42,
      ),
    ).toEqual({
      values: { no: 'CT000001', type: 'person', name: 'Jan', privacyBlocked: false, inheritanceOverrides: [] },
      links: { company: 42, salesperson: 7 },
    });
  });

  test('null relations and null values: no link, a null column', () => {
    expect(splitForInsert(attrs, { type: 'company', name: null, salesperson: null, company: null }, null)).toEqual({
      values: { type: 'company', name: null },
      links: {},
    });
  });

  test.each([
    ['a string over its maximum length', { name: 'Much too long' }],
    ['a value outside the enumeration', { type: 'vendor' }],
    ['a boolean given as text', { privacyBlocked: 'yes' }],
    ['a unique attribute (Strapi asks the database)', { code: 'X' }],
    ['a type not judged here', { amount: 1.5 }],
    ['an unknown attribute', { colour: 'red' }],
    ['a relation that is not an id', { salesperson: 'doc2' }],
    ['a company that was not resolved', { company: 'doc1' }],
    ['a required attribute set to null', { type: null }],
  ])('%s: null, Strapi validates the write', (_what, fields) => {
    expect(splitForInsert(attrs, { type: 'company', ...fields }, null)).toBeNull();
  });

  test('a required attribute without default and without value: null', () => {
    expect(
      splitForInsert({ ...attrs, name: { type: 'string', required: true } }, { type: 'company' }, null),
    ).toBeNull();
  });
});

describe('splitForUpdate', () => {
  const attrs: Record<string, AttributeSpec> = {
    no: { type: 'string', unique: true },
    name: { type: 'string', maxLength: 10, required: true },
    phoneNo: { type: 'string', maxLength: 30 },
    inheritanceOverrides: { type: 'json' },
    company: { type: 'relation', relation: 'manyToOne' },
    salesperson: { type: 'relation', relation: 'manyToOne' },
    amount: { type: 'decimal' },
  };

  test('only the fields written are judged: a required field left out is no reason for Strapi', () => {
    expect(
      splitForUpdate(attrs, { phoneNo: '09 123 45 67', inheritanceOverrides: ['phoneNo'], salesperson: 3 }),
    ).toEqual({ values: { phoneNo: '09 123 45 67', inheritanceOverrides: ['phoneNo'] }, links: { salesperson: 3 } });
  });

  test('a relation set to null is an unlink', () => {
    expect(splitForUpdate(attrs, { salesperson: null })).toEqual({ values: {}, links: { salesperson: null } });
  });

  test.each([
    ['a new company (the document service moves the history)', { company: 4 }],
    ['a unique field (the No.)', { no: 'CT000009' }],
    ['a required field set to null', { name: null }],
    ['a string over its maximum length', { name: 'Much too long' }],
    ['a type not judged here', { amount: 2 }],
    ['a relation that is not an id', { salesperson: 'doc2' }],
    ['an unknown attribute', { colour: 'red' }],
  ])('%s: null, the document service writes it', (_what, fields) => {
    expect(splitForUpdate(attrs, fields)).toBeNull();
  });
});

describe('lookup keys', () => {
  test('a row looks up by No., VAT no., e-mail and its company No., without case', () => {
    expect(
      lookupKeysOfRow({
        data: { no: 'CT01', vatRegistrationNo: 'BE 0456.789.123 ', email: 'A@x.org', name: 'X' },
        codes: { company: 'ct02', salesperson: 'AB' },
      }),
    ).toEqual(['ct01', 'be0456789123', 'a@x.org', 'ct02']);
  });

  test('a contact is found by the same values', () => {
    expect(lookupKeysOfContact({ no: 'CT01', vatRegistrationNo: null, email: 'A@x.org', city: 'Gent' })).toEqual([
      'ct01',
      'a@x.org',
    ]);
  });
});
