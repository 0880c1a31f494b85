import {
  findWriteProblem,
  flattenOneLineValues,
  relationProblem,
  isRealDate,
  isRealDateTime,
  isRealTime,
  assertWritableValues,
  DECIMAL_MAX,
} from '../../src/plugins/marketing-setup/server/src/domain/write-values';
import contentTypes from '../../src/plugins/marketing-setup/server/src/content-types';
import { violation } from '../helpers/violation';

const attrs = (name: keyof typeof contentTypes) => (contentTypes[name] as any).schema.attributes;
const problem = (name: keyof typeof contentTypes, data: Record<string, unknown>) => findWriteProblem(attrs(name), data);

describe('numbers within their column (class C of issue 12)', () => {
  it('integer: a 32-bit signed column', () => {
    expect(problem('no-series-line', { incrementBy: 2147483647 })).toBeNull();
    expect(problem('no-series-line', { incrementBy: 2147483648 })).toEqual({
      path: ['incrementBy'],
      message: 'Increment-by No. must be between -2147483648 and 2147483647, not 2147483648.',
    });
    expect(problem('setup', { emailBatchSize: 1e308 })?.message).toBe(
      'emailBatchSize must be between -2147483648 and 2147483647, not 1e+308.',
    );
    expect(problem('setup', { emailCheckIntervalSeconds: '99999999999' })?.path).toEqual(['emailCheckIntervalSeconds']);
  });
  it("integer: a fraction within the range is left to Strapi's validation and the type's own rules (their messages are better)", () => {
    expect(problem('setup', { searchHitPercent: 60.5 })).toBeNull();
  });
  it('decimal: numeric(10,2), at most 99999999.99', () => {
    expect(problem('opportunity', { estimatedValue: DECIMAL_MAX })).toBeNull();
    expect(problem('opportunity', { estimatedValue: 2147483648 })?.message).toBe(
      'Estimated Value (LCY) must be between -99999999.99 and 99999999.99, not 2147483648.',
    );
    expect(problem('interaction-log-entry', { cost: 1e308 })?.path).toEqual(['cost']);
    expect(problem('interaction-log-entry', { durationMin: -1e9 })?.path).toEqual(['durationMin']);
  });
  it('a numeric string that is not finite is refused', () => {
    expect(problem('opportunity', { estimatedValue: '1e400' })?.message).toBe(
      'Estimated Value (LCY) must be a finite number, not "1e400".',
    );
  });
  it('biginteger and float columns are derived from the type too', () => {
    const a = { big: { type: 'biginteger' }, f: { type: 'float' } };
    expect(findWriteProblem(a, { big: '9223372036854775807', f: 1e308 })).toBeNull();
    expect(findWriteProblem(a, { big: '9223372036854775808' })?.path).toEqual(['big']);
    expect(findWriteProblem(a, { f: 'Infinity' })?.path).toEqual(['f']);
  });
});

describe('relation input (class B and F), read by the one relation reader', () => {
  const notARecord = (field: string, v: string) =>
    `"${field}" must name a record by its documentId or by a whole id between 1 and 2147483647; ${v} is neither.`;
  it.each([1.5, 1e308, 2147483648, -999999999999, 0])('refuses %p as a record id', (id) => {
    expect(problem('contact', { company: id })).toEqual({
      path: ['company'],
      message: notARecord('company', String(id)),
    });
  });
  it('refuses bad ids in every shape, every target of a list (not only the one a to-one keeps)', () => {
    expect(relationProblem('series', { id: 1.5 })).toBe(notARecord('series', '1.5'));
    expect(relationProblem('contact', { connect: [2147483648] })).toBe(notARecord('contact', '2147483648'));
    expect(relationProblem('contact', { connect: [1.5, 2] })).toBe(notARecord('contact', '1.5'));
    expect(relationProblem('contact', { disconnect: [{ id: -1 }] })).toBe(notARecord('contact', '-1'));
    expect(relationProblem('contact', { set: [{ documentId: 'a/b' }] })).toBe(
      '"contact" must name a record by its documentId (letters and digits).',
    );
    expect(relationProblem('contact', 'abc\u0000')).toBe(
      '"contact" must name a record by its documentId (letters and digits).',
    );
    expect(relationProblem('lines', [1, 'x y'])).toBe(
      '"lines" must name a record by its documentId (letters and digits).',
    );
    expect(relationProblem('lines', [[1]])).toBe(
      '"lines" must name a record: a documentId, an id, or { documentId } / { id }.',
    );
  });
  it('refuses {} and other shapes that are not relations', () => {
    expect(problem('contact', { territory: {} })).toEqual({
      path: ['territory'],
      message: '"territory" must name a record: a documentId, an id, or { documentId } / { id }.',
    });
    expect(relationProblem('territory', { foo: 1 })).toBe('"territory" has an unknown key "foo".');
    expect(relationProblem('territory', { connect: {} })).toBe(
      '"territory" must name a record: a documentId, an id, or { documentId } / { id }.',
    );
    expect(relationProblem('territory', true)).toBe(
      '"territory" must name a record: a documentId, an id, or { documentId } / { id }.',
    );
  });
  it('accepts every shape Strapi 5 takes', () => {
    for (const v of [
      7,
      '7',
      'h7mfq2xw9k1lzp3b5n8c0vde',
      { id: 3 },
      { documentId: 'abc' },
      [1, 2],
      [],
      { connect: [{ documentId: 'abc', position: { end: true } }] },
      { connect: ['abc'], disconnect: [4] },
      { connect: [], disconnect: [] },
      { set: [] },
      { disconnect: [] },
      null,
      '',
    ]) {
      expect(relationProblem('company', v)).toBeNull();
    }
  });
});

describe('dates and times that are real', () => {
  it('dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2024-13-01')).toBe(false);
    expect(problem('opportunity', { estimatedClosingDate: '2023-02-29' })?.message).toBe(
      'Estimated Closing Date must be a real date (YYYY-MM-DD), not "2023-02-29".',
    );
    expect(problem('opportunity', { estimatedClosingDate: '2024-02-29T25:61:61Z' })?.path).toEqual([
      'estimatedClosingDate',
    ]);
    expect(problem('opportunity', { estimatedClosingDate: '2024-02-29T10:00:00.000Z' })).toBeNull();
  });
  it('date-times', () => {
    expect(isRealDateTime('2024-02-29T23:59:59.999Z')).toBe(true);
    expect(isRealDateTime('2024-02-29T13:45+02:00')).toBe(true);
    expect(isRealDateTime('2024-02-29T25:61:61Z')).toBe(false);
    expect(problem('merge-log', { undoneAt: '2024-02-29T25:61:61Z' })?.message).toBe(
      'undoneAt must be a real date and time (e.g. 2024-02-29T13:45:00Z), not "2024-02-29T25:61:61Z".',
    );
    expect(problem('merge-log', { undoneAt: new Date('2024-01-01') })).toBeNull();
  });
  it('times', () => {
    expect(isRealTime('23:59')).toBe(true);
    expect(isRealTime('09:30:15.250')).toBe(true);
    expect(isRealTime('24:00')).toBe(false);
    expect(problem('interaction-log-entry', { time: '12:60' })?.path).toEqual(['time']);
  });
});

describe('text, JSON and locale', () => {
  it('text: no control characters, within the column', () => {
    expect(problem('contact', { name: 'ACME\u0000' })?.message).toBe(
      'Name contains a control character (U+0000); remove it.',
    );
    expect(problem('contact', { name: 'x'.repeat(101) })?.message).toBe(
      'Name is too long: at most 100 characters (101 given).',
    );
    // No maxLength: the varchar(255) column is the limit.
    expect(problem('merge-log', { survivorName: 'x'.repeat(256) })?.message).toBe(
      'survivorName is too long: at most 255 characters (256 given).',
    );
    expect(problem('contact', { address: 'Street 1\r\nBox 2' })).toBeNull();
  });
  it('text lengths are characters (code points), as PostgreSQL counts them: "𝔘" or an emoji is one', () => {
    // 100 of them were 200 UTF-16 units: "name is too long: at most 100 characters (200 given)."
    expect(problem('contact', { name: '\u{1D518}'.repeat(100) })).toBeNull();
    expect(problem('contact', { name: '\u{1F600}'.repeat(101) })?.message).toBe(
      'Name is too long: at most 100 characters (101 given).',
    );
    expect(problem('merge-log', { survivorName: '\u{1D518}'.repeat(255) })).toBeNull();
    expect(problem('merge-log', { survivorName: `${'\u{1D518}'.repeat(255)}x` })?.message).toBe(
      'survivorName is too long: at most 255 characters (256 given).',
    );
  });
  it('JSON: no NUL, no prototype keys', () => {
    expect(problem('interaction-rule', { events: ['create\u0000'] })?.path).toEqual(['events', '0']);
    expect(problem('interaction-rule', { events: { constructor: {} } })?.path).toEqual(['events', 'constructor']);
  });
  it('locale on a type that is not localised (all plugin types)', () => {
    expect(problem('contact', { name: 'ACME', locale: 'fr' })).toEqual({
      path: ['locale'],
      message: 'This content type is not localised: remove "locale" ("fr").',
    });
    expect(findWriteProblem(attrs('contact'), { locale: 'fr' }, { localized: true })).toBeNull();
    // The locale of the write itself (?locale=fr), outside its data.
    expect(findWriteProblem(attrs('contact'), { name: 'ACME' }, { locale: 'fr' })?.message).toBe(
      'This content type is not localised: remove "locale" ("fr").',
    );
    expect(findWriteProblem(attrs('contact'), { name: 'ACME' }, { locale: null })).toBeNull();
  });
  it('assertWritableValues throws the first problem as a RuleViolation', () => {
    expect(violation(() => assertWritableValues(attrs('contact'), { name: 'ok', company: 1.5 })).path).toEqual([
      'company',
    ]);
  });
  it('every plugin type: a well-formed record passes untouched', () => {
    for (const ct of Object.values(contentTypes) as any[])
      expect(findWriteProblem(ct.schema.attributes, {})).toBeNull();
  });
});

describe('enumerations take only their values (found by the fuzz suite: a link row with linkToTable "notAValue" was a 500)', () => {
  const attrs = { linkToTable: { type: 'enumeration', enum: ['none', 'customer', 'vendor', 'bankAccount'] } };
  it('refuses an unknown value, naming the allowed ones', () => {
    expect(findWriteProblem(attrs, { linkToTable: 'notAValue' })).toEqual({
      path: ['linkToTable'],
      message: 'Link to Table must be one of: none, customer, vendor, bankAccount; not "notAValue".',
    });
  });
  it('accepts a listed value and leaves null alone', () => {
    expect(findWriteProblem(attrs, { linkToTable: 'vendor' })).toBeNull();
    expect(findWriteProblem(attrs, { linkToTable: null })).toBeNull();
  });
});

test('one-line fields lose line breaks and tabs; text fields and the our-domains list keep them', () => {
  const attributes = {
    address: { type: 'string' },
    email: { type: 'email' },
    notes: { type: 'text' },
    emailOurDomains: { type: 'string' },
    count: { type: 'integer' },
  };
  const data: Record<string, unknown> = {
    address: ' Straat 1 \r\n  bus 2\n',
    email: 'a@b.be\t',
    notes: 'line 1\nline 2',
    emailOurDomains: 'cronus.com\ncronus.be',
    count: 3,
  };
  flattenOneLineValues(attributes, data);
  expect(data).toEqual({
    address: 'Straat 1 bus 2',
    email: 'a@b.be',
    notes: 'line 1\nline 2',
    emailOurDomains: 'cronus.com\ncronus.be',
    count: 3,
  });
  expect(() => flattenOneLineValues(attributes, null)).not.toThrow();
});

test('a required choice sent as null names the field and its options (was yup\'s "must be a `string` type")', () => {
  expect(problem('contact', { type: null })).toEqual({
    path: ['type'],
    message: 'Type must not be empty: choose Company or Person.',
  });
  expect(problem('contact', { correspondenceType: null })).toBeNull();
});

describe('odd Unicode (the tester, December 2026)', () => {
  it('refuses an unpaired UTF-16 surrogate (it was stored as U+FFFD), naming the field by its caption', () => {
    const broken = (ct: keyof typeof contentTypes, data: Record<string, unknown>) => problem(ct, data);
    expect(broken('contact', { name: 'bad \ud800 x' })).toEqual({
      path: ['name'],
      message:
        'Name contains a broken character (an unpaired UTF-16 surrogate, U+D800); it cannot be stored: type the ' +
        'text again or paste it from another source.',
    });
    expect(broken('contact', { city: '\udc00Gent' })?.message).toMatch(/^City contains a broken character .*U\+DC00/);
    expect(broken('contact', { name: 'x\udbff' })?.path).toEqual(['name']);
    // A pair is one character (an emoji), fine.
    expect(broken('contact', { name: 'Café 😀 NV' })).toBeNull();
  });
  it('removes zero-width and bidi control characters from one-line fields; text keeps them', () => {
    const attributes = { name: { type: 'string' }, email: { type: 'email' }, notes: { type: 'text' } };
    const invisible = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202a', '\u202e', '\u2066', '\u2069'];
    for (const c of invisible) {
      const data: Record<string, unknown> = { name: `Fabri${c}kam NV${c}`, email: `${c}a@b.be`, notes: `x${c}y` };
      flattenOneLineValues(attributes, data);
      expect({ c, ...data }).toEqual({ c, name: 'Fabrikam NV', email: 'a@b.be', notes: `x${c}y` });
    }
    const both: Record<string, unknown> = { name: ' Fabri\u200bkam\r\n\u202eNV ' };
    flattenOneLineValues(attributes, both);
    expect(both.name).toBe('Fabrikam NV');
  });
});

test('a to-one relation given several records is refused; one, a list of one, or a to-many list is fine', () => {
  const attributes = {
    salesperson: { type: 'relation', relation: 'manyToOne' },
    formulas: { type: 'relation', relation: 'oneToMany' },
  };
  expect(findWriteProblem(attributes, { salesperson: { connect: ['ab', 'jr'] } })).toEqual({
    path: ['salesperson'],
    message: 'Salesperson takes one record; 2 were given.',
  });
  expect(findWriteProblem(attributes, { salesperson: ['ab', 'jr'] })?.message).toBe(
    'Salesperson takes one record; 2 were given.',
  );
  expect(findWriteProblem(attributes, { salesperson: { set: ['ab', 'jr', 'cd'] } })?.message).toMatch(/3 were given/);
  expect(findWriteProblem(attributes, { salesperson: { connect: ['ab'] } })).toBeNull();
  expect(findWriteProblem(attributes, { salesperson: 'ab' })).toBeNull();
  expect(findWriteProblem(attributes, { formulas: { connect: ['a', 'b'] } })).toBeNull();
});
