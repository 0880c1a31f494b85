import {
  headlineOf,
  findUnsafeInput,
  findUnsafeParam,
  findUnsafeValue,
  controlCharacter,
  MAX_DEPTH,
  assertSafeInput,
  findMalformedData,
  findBadPagination,
  MAX_PAGE,
  findBadFilters,
  dropIgnoredPrototypeKeys,
} from '../../src/plugins/marketing-setup/server/src/domain/input-guard';
import { violation } from '../helpers/violation';

/** n arrays nested in each other, built without recursion: [[[…]]]. */
const nested = (n: number) => {
  let v: unknown[] = [];
  for (let i = 1; i < n; i++) v = [v];
  return v;
};

describe('controlCharacter', () => {
  it('names the first control character as U+XXXX', () => {
    expect(controlCharacter('ACME\u0000')).toBe('U+0000');
    expect(controlCharacter('a\u001bb')).toBe('U+001B');
    expect(controlCharacter('del\u007f')).toBe('U+007F');
  });
  it('lets tab, line feed and carriage return through, and ordinary text', () => {
    expect(controlCharacter('line 1\r\nline 2\tend')).toBeNull();
    expect(controlCharacter('Zoë Ünal – 東京')).toBeNull();
  });
});

describe('findUnsafeValue (class A, D, E of issue 12)', () => {
  it('finds a NUL byte in a nested string, with its path', () => {
    expect(findUnsafeValue({ data: { name: 'ACME\u0000' } })).toEqual({
      path: ['data', 'name'],
      // A record's field by its caption, as the admin's forms show it (it was `data.name`).
      message: 'Name contains a control character (U+0000); remove it.',
    });
  });
  it('finds it inside a list too', () => {
    expect(findUnsafeValue({ fields: ['city', 'ph\u0000one'] })?.path).toEqual(['fields', '1']);
  });
  it('refuses constructor, prototype and __proto__ keys anywhere', () => {
    expect(findUnsafeValue({ data: { constructor: { prototype: { x: 1 } } } })).toEqual({
      path: ['data', 'constructor'],
      message: 'The key "constructor" is not allowed (in data).', // findUnsafeValue alone: any value, no record
    });
    expect(findUnsafeValue(JSON.parse('{"data":{"__proto__":{"admin":true}}}'))?.path).toEqual(['data', '__proto__']);
    expect(findUnsafeValue({ a: [{ prototype: 1 }] })?.path).toEqual(['a', '0', 'prototype']);
  });
  it('refuses a control character in a key', () => {
    expect(findUnsafeValue({ data: { 'na\u0000me': 'x' } })?.message).toBe(
      'A key in data contains a control character (U+0000); remove it.',
    );
  });
  it(`allows ${MAX_DEPTH} levels of nesting and refuses ${MAX_DEPTH + 1}`, () => {
    expect(findUnsafeValue(nested(MAX_DEPTH))).toBeNull();
    expect(findUnsafeValue(nested(MAX_DEPTH + 1))?.message).toBe(
      `The request body is nested too deeply (more than ${MAX_DEPTH} levels of objects or lists).`,
    );
  });
  it('walks 5,000 nested arrays without overflowing the stack', () => {
    expect(findUnsafeValue(nested(5000))?.message).toMatch(/nested too deeply/);
    expect(findUnsafeValue(nested(100000), ['query'])?.message).toBe(
      `query is nested too deeply (more than ${MAX_DEPTH} levels of objects or lists).`,
    );
  });
  it('accepts an ordinary payload', () => {
    expect(
      findUnsafeValue({
        data: { name: 'ACME', company: { connect: [{ documentId: 'abc123' }] }, amount: 1.5, ok: true, none: null },
      }),
    ).toBeNull();
  });
});

describe('findUnsafeParam', () => {
  it('accepts documentIds of 1 to 64 letters or digits', () => {
    expect(findUnsafeParam({ documentId: 'h7mfq2xw9k1lzp3b5n8c0vde' })).toBeNull();
    expect(findUnsafeParam({ id: '42' })).toBeNull();
    expect(findUnsafeParam({ pairDocumentId: 'ABCdef123' })).toBeNull();
    expect(findUnsafeParam({ documentId: 'imported_id-7' })).toBeNull();
  });
  it('refuses a NUL byte in a path id (POST /merge-logs/%00/undo)', () => {
    expect(findUnsafeParam({ documentId: '\u0000' })).toEqual({
      path: ['documentId'],
      message: 'documentId contains a control character (U+0000); remove it.',
    });
  });
  it('refuses malformed ids', () => {
    expect(findUnsafeParam({ documentId: 'abc.def' })?.message).toBe(
      '"abc.def" is not a valid documentId (1 to 64 letters, digits, - or _).',
    );
    expect(findUnsafeParam({ documentId: 'a/b' })?.path).toEqual(['documentId']);
    expect(findUnsafeParam({ id: 'x'.repeat(65) })?.path).toEqual(['id']);
    expect(findUnsafeParam({ documentId: '' })?.path).toEqual(['documentId']);
  });
  it('checks only control characters in other params (a lookup type name has dashes)', () => {
    expect(findUnsafeParam({ type: 'country-region' })).toBeNull();
    expect(findUnsafeParam({ type: 'x\u0001' })?.path).toEqual(['type']);
  });
});

describe('findUnsafeInput', () => {
  it('reports params first, then query (under "query"), then body', () => {
    expect(
      findUnsafeInput({ params: { documentId: 'a.b' }, query: { q: '\u0000' }, body: { x: '\u0000' } })?.path,
    ).toEqual(['documentId']);
    expect(findUnsafeInput({ params: {}, query: { filters: { name: { $eq: '\u0000' } } }, body: {} })?.path).toEqual([
      'query',
      'filters',
      'name',
      '$eq',
    ]);
    expect(findUnsafeInput({ body: { data: { name: 'a\u0000' } } })?.path).toEqual(['data', 'name']);
  });
  it("a prototype key among a body's data fields is no field of the record, named as any unknown field", () => {
    const body = JSON.parse('{"data":{"name":"x","__proto__":{"city":"Hacked"}}}');
    expect(findUnsafeInput({ body, record: 'Contact' })).toEqual({
      path: ['data', '__proto__'],
      message: 'There is no field "__proto__" on a Contact record; leave it out.',
    });
    expect(findUnsafeInput({ body: { data: { constructor: 1 } }, record: 'Interaction Rule' })?.message).toBe(
      'There is no field "constructor" on an Interaction Rule record; leave it out.',
    );
    expect(findUnsafeInput({ body: { data: { constructor: 1 } } })?.message).toBe(
      'There is no field "constructor" on this record; leave it out.',
    );
    // Deeper, or at the top of a body whose keys are the fields (the admin routes): refused, saying where.
    expect(findUnsafeInput({ body: JSON.parse('{"__proto__":{"isAdmin":true}}') })?.message).toBe(
      'The key "__proto__" is not allowed (in the request body).',
    );
    expect(findUnsafeInput({ body: { data: { company: { connect: [], constructor: 1 } } } })).toEqual({
      path: ['data', 'company', 'constructor'],
      message: 'The key "constructor" is not allowed (in Company).',
    });
  });
  it('prototype keys at the top of a body whose route ignores unknown keys are taken out, nothing else', () => {
    const body = JSON.parse('{"__proto__":{"x":1},"constructor":2,"prototype":3,"name":"Fabrikam","data":{"a":1}}');
    expect(dropIgnoredPrototypeKeys(body)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(body).toEqual({ name: 'Fabrikam', data: { a: 1 } });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    const nested = JSON.parse('{"company":{"__proto__":{"x":1}}}');
    expect(dropIgnoredPrototypeKeys(nested)).toEqual([]);
    expect(Object.keys(nested.company)).toEqual(['__proto__']);
    expect(dropIgnoredPrototypeKeys([{ constructor: 1 }])).toEqual([]);
    expect(dropIgnoredPrototypeKeys(undefined)).toEqual([]);
  });
  it('assertSafeInput throws a RuleViolation with the path', () => {
    expect(violation(() => assertSafeInput({ body: { data: { __proto__x: 1, constructor: 1 } } })).path).toEqual([
      'data',
      'constructor',
    ]);
    expect(() => assertSafeInput({ params: { documentId: 'ok1' }, query: {}, body: undefined })).not.toThrow();
  });
});

describe("findMalformedData: a body's data is an object of fields, on every route", () => {
  it.each([
    [[], 'a list'],
    ['x', 'a text'],
    [null, 'null'],
    [5, 'a number'],
    [true, 'a boolean'],
  ])('refuses data %j', (data, kind) => {
    expect(findMalformedData({ data })).toEqual({
      path: ['data'],
      message: `data must be an object of the fields to write ({ "data": { "name": "…" } }), not ${kind}.`,
    });
  });
  it('leaves an object, a body without data and no body alone', () => {
    expect(findMalformedData({ data: {} })).toBeNull();
    expect(findMalformedData({ data: { name: 'x' } })).toBeNull();
    expect(findMalformedData({ kind: 'customer' })).toBeNull();
    expect(findMalformedData(undefined)).toBeNull();
    expect(findMalformedData([{ data: [] }])).toBeNull();
  });
  it('is part of findUnsafeInput', () => {
    expect(findUnsafeInput({ body: { data: [] } })?.path).toEqual(['data']);
  });
});

describe("findBadPagination: a REST list's pagination", () => {
  it.each([
    [{ pageSize: '-5' }, 'pageSize', 'pagination[pageSize] must be a whole number from 1; "-5" is not one.'],
    [{ pageSize: '0' }, 'pageSize', 'pagination[pageSize] must be a whole number from 1; "0" is not one.'],
    [{ pageSize: 'abc' }, 'pageSize', 'pagination[pageSize] must be a whole number from 1; "abc" is not one.'],
    [{ page: '1.5' }, 'page', `pagination[page] must be a whole number from 1 to ${MAX_PAGE}; "1.5" is not one.`],
    [{ page: '1e400' }, 'page', `pagination[page] must be a whole number from 1 to ${MAX_PAGE}; "1e400" is not one.`],
    [
      { page: '1000001' },
      'page',
      `pagination[page] must be a whole number from 1 to ${MAX_PAGE}; "1000001" is not one.`,
    ],
    [{ page: ['1', '2'] }, 'page', `pagination[page] must be a whole number from 1 to ${MAX_PAGE}; a list is not one.`],
    [{ start: '-1' }, 'start', 'pagination[start] must be a whole number from 0; "-1" is not one.'],
    [{ limit: '0' }, 'limit', 'pagination[limit] must be a whole number from 1 (or -1: all); "0" is not one.'],
  ])('refuses %j', (pagination, key, message) => {
    expect(findBadPagination({ pagination })).toEqual({ path: ['query', 'pagination', key], message });
  });
  it('refuses a pagination that is not an object', () => {
    expect(findBadPagination({ pagination: '5' })?.path).toEqual(['query', 'pagination']);
  });
  it('accepts well-formed values, and leaves a pageSize above the cap to Strapi (read as the cap)', () => {
    for (const pagination of [
      { page: '1', pageSize: '25' },
      { page: '2', pageSize: '500' },
      { start: '0', limit: '10' },
      { limit: '-1' },
      { withCount: 'false' },
    ])
      expect(findBadPagination({ pagination })).toBeNull();
    expect(findBadPagination({})).toBeNull();
    expect(findBadPagination(undefined)).toBeNull();
  });
});

describe("findBadFilters: the shape of a query's filters, before Strapi's query engine reads them", () => {
  it('passes the shapes Strapi reads', () => {
    for (const filters of [
      undefined,
      null,
      '',
      {},
      { city: 'Gent' },
      { city: { $eq: 'Gent' } },
      { id: { $gt: '1', $lt: 10 } },
      { id: { $in: ['1', '2'] } },
      { id: { $in: '1' } },
      { id: { $notIn: [] } },
      { id: { $between: ['1', '9'] } },
      { city: { $null: 'true' } },
      { city: { $notNull: false } },
      { city: { $eq: ['Gent', 'Brugge'] } },
      { city: ['Gent', 'Brugge'] },
      { city: null },
      { $and: [{ city: { $eq: 'Gent' } }, { type: 'person' }] },
      { $or: [{ $and: [{ city: 'Gent' }] }, { name: { $containsi: 'co' } }] },
      { $not: { city: 'Gent' } },
      { city: { $not: 'Gent' } },
      { city: { $not: { $startsWith: 'G' } } },
      { company: { name: { $eq: 'Fabrikam' }, city: 'Gent' } },
      { company: { salesperson: { code: { $in: ['AB'] } } } },
      { data: { $jsonSupersetOf: { a: 1 } } },
    ])
      expect(findBadFilters(filters)).toBeNull();
  });

  it('refuses $and / $or that are not lists of conditions (a 500 from Strapi: "Operator $and must be an array")', () => {
    expect(findBadFilters({ $or: [{ $and: 'x' }] })).toEqual({
      path: ['query', 'filters', '$or', '0', '$and'],
      message: 'filters.$or.0.$and must be a list of conditions (filters[$and][0][field]=value), not a text.',
    });
    expect(findBadFilters({ $and: { city: 'Gent' } })?.message).toBe(
      'filters.$and must be a list of conditions (filters[$and][0][field]=value), not an object.',
    );
    expect(findBadFilters({ $or: ['x'] })).toEqual({
      path: ['query', 'filters', '$or', '0'],
      message: 'filters.$or.0 must be a condition (an object such as filters[$or][0][field]=value), not a text.',
    });
    expect(findBadFilters({ $or: null })?.path).toEqual(['query', 'filters', '$or']);
  });

  it('refuses a comparison whose value is an object (a 500 from the database: an object bound as a value)', () => {
    expect(findBadFilters({ id: { $gt: { $lt: '1' } } })).toEqual({
      path: ['query', 'filters', 'id', '$gt'],
      message: 'filters.id.$gt must be a single value, not an object.',
    });
    expect(findBadFilters({ company: { name: { $containsi: ['a', { x: 1 }] } } })).toEqual({
      path: ['query', 'filters', 'company', 'name', '$containsi', '1'],
      message: 'filters.company.name.$containsi.1 must be a single value, not an object.',
    });
    expect(findBadFilters({ id: { $eq: [['1']] } })?.message).toBe(
      'filters.id.$eq.0 must be a single value, not a list.',
    );
  });

  it('refuses $in, $between, $null and $not of the wrong shape', () => {
    expect(findBadFilters({ id: { $in: { a: '1' } } })?.message).toBe(
      'filters.id.$in must be a list of values, not an object.',
    );
    expect(findBadFilters({ id: { $between: '1' } })?.message).toBe(
      'filters.id.$between must be a list of two values ($between[0]=from&$between[1]=to), not "1".',
    );
    expect(findBadFilters({ id: { $between: ['1', '2', '3'] } })?.message).toBe(
      'filters.id.$between must be a list of two values ($between[0]=from&$between[1]=to), not a list of 3.',
    );
    expect(findBadFilters({ id: { $between: ['1', { a: 1 }] } })?.path).toEqual([
      'query',
      'filters',
      'id',
      '$between',
      '1',
    ]);
    expect(findBadFilters({ city: { $null: 'maybe' } })?.message).toBe(
      'filters.city.$null must be true or false, not "maybe".',
    );
    expect(findBadFilters({ city: { $notNull: { a: '1' } } })?.message).toBe(
      'filters.city.$notNull must be true or false, not an object.',
    );
    expect(findBadFilters({ $not: 'x' })?.message).toBe(
      'filters.$not must be a condition (an object such as $not[field]=value), not a text.',
    );
  });

  it('refuses a field whose list holds objects, and filters that are not an object', () => {
    expect(findBadFilters({ id: [{ a: '1' }] })?.message).toBe('filters.id.0 must be a single value, not an object.');
    expect(findBadFilters('x')).toEqual({
      path: ['query', 'filters'],
      message: 'filters must be an object of conditions (filters[field][$eq]=value), not a text.',
    });
    expect(findBadFilters([{ city: 'Gent' }])?.message).toBe(
      'filters must be an object of conditions (filters[field][$eq]=value), not a list.',
    );
  });

  it('refuses an id filter value its integer column cannot hold, at any depth (PostgreSQL answered 500)', () => {
    expect(findBadFilters({ id: 'abc' })).toEqual({
      path: ['query', 'filters', 'id'],
      message: 'filters[id] must be a whole number from 1 to 2147483647; "abc" is not one.',
    });
    expect(findBadFilters({ company: { id: { $in: ['1', '1e400'] } } })).toEqual({
      path: ['query', 'filters', 'company', 'id', '$in', '1'],
      message: 'filters[company][id][$in][1] must be a whole number from 1 to 2147483647; "1e400" is not one.',
    });
    expect(findBadFilters({ $or: [{ id: { $not: { $gt: '2147483648' } } }] })?.path).toEqual([
      'query',
      'filters',
      '$or',
      '0',
      'id',
      '$not',
      '$gt',
    ]);
    expect(findBadFilters({ id: { $eq: 1.5 } }, [])?.message).toBe(
      'filters[id][$eq] must be a whole number from 1 to 2147483647; 1.5 is not one.',
    );
    for (const fine of [
      { id: '12' },
      { id: { $gt: '0' } },
      { id: { $between: ['1', 2147483647] } },
      { id: { $null: 'true' } },
    ])
      expect(findBadFilters(fine)).toBeNull();
  });

  it("reports a body's filters from the body (root [])", () => {
    expect(findBadFilters({ id: { $gt: { $lt: 1 } } }, [])?.path).toEqual(['filters', 'id', '$gt']);
  });

  it('is part of findUnsafeInput, for the query and for a body that carries filters', () => {
    expect(findUnsafeInput({ query: { filters: { id: { $gt: { $lt: '1' } } } } })?.message).toBe(
      'filters.id.$gt must be a single value, not an object.',
    );
    expect(findUnsafeInput({ body: { filters: { $or: 'x' } } })?.path).toEqual(['filters', '$or']);
    expect(findUnsafeInput({ body: { data: { filters: 'x' } } })).toBeNull();
  });
});

test('headlineOf: the first field message stands in for "N errors occurred"', () => {
  const errors = [{ message: 'Choose a content type.' }, { message: 'Choose at least one event.' }];
  expect(headlineOf('2 errors occurred', errors)).toBe('Choose a content type. (1 more below)');
  expect(headlineOf('1 errors occurred', errors.slice(0, 1))).toBe('Choose a content type.');
  expect(headlineOf('Enter a number.', errors)).toBeNull();
  expect(headlineOf('2 errors occurred', [])).toBeNull();
});
