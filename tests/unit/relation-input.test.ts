import { readRelationChange, relationInput } from '../../src/plugins/marketing-setup/server/src/domain/relation-input';
import { RuleViolation } from '../../src/plugins/marketing-setup/server/src/domain/errors';

const DOC = 'k3v8q2m9x1c7z5b4n6l0p2r8';
const OTHER = 'a1b2c3d4e5f6g7h8i9j0k1l2';
const current = { id: 7, documentId: DOC };

describe('relation input: every shape Strapi 5 accepts for a to-one relation', () => {
  // [description, input, result with current = { id: 7, documentId: DOC }]
  const table: [string, unknown, unknown][] = [
    ['absent', undefined, undefined],
    ['null clears', null, null],
    ['empty string clears', '', null],
    ['plain documentId', DOC, { documentId: DOC }],
    ['plain id', 12, { id: 12 }],
    ['id as digits', '12', { id: 12 }],
    ['{ documentId }', { documentId: OTHER }, { documentId: OTHER }],
    ['{ id }', { id: 3 }, { id: 3 }],
    [
      '{ documentId, locale, status } (Content Manager extras)',
      { documentId: OTHER, locale: null, status: 'published' },
      { documentId: OTHER },
    ],
    ['connect one', { connect: [{ documentId: OTHER }] }, { documentId: OTHER }],
    ['connect with position', { connect: [{ documentId: OTHER, position: { end: true } }] }, { documentId: OTHER }],
    [
      'connect by id (Content Manager sends id, documentId, locale)',
      { connect: [{ id: 9, documentId: OTHER, locale: null }], disconnect: [] },
      { documentId: OTHER },
    ],
    ['connect wins over disconnect', { connect: [{ id: 9 }], disconnect: [{ id: 7 }] }, { id: 9 }],
    [
      'connect and disconnect both empty = untouched (the form for an unchanged relation)',
      { connect: [], disconnect: [] },
      undefined,
    ],
    ['empty connect only = untouched', { connect: [] }, undefined],
    ['empty disconnect only = untouched', { disconnect: [] }, undefined],
    ['disconnect the current target by documentId clears', { connect: [], disconnect: [{ documentId: DOC }] }, null],
    ['disconnect the current target by id clears', { disconnect: [{ id: 7 }] }, null],
    [
      'disconnect the current target as the form sends it clears',
      { connect: [], disconnect: [{ id: 7, documentId: DOC, locale: null }] },
      null,
    ],
    ['disconnect another record changes nothing', { disconnect: [{ documentId: OTHER }] }, undefined],
    ['disconnect another id changes nothing', { disconnect: [{ id: 8 }] }, undefined],
    ['set one', { set: [{ documentId: OTHER }] }, { documentId: OTHER }],
    ['set empty clears', { set: [] }, null],
    ['set null clears', { set: null }, null],
    ['array of one', [OTHER], { documentId: OTHER }],
    ['empty array clears', [], null],
  ];

  it.each(table)('%s', (_name, input, expected) => {
    expect(relationInput(input, current, 'company')).toEqual(expected);
  });

  it('a disconnect clears when the current target is unknown (so "required" rules still run)', () => {
    expect(relationInput({ disconnect: [{ documentId: OTHER }] }, undefined, 'contact')).toBeNull();
  });

  it('nothing to disconnect when there is no target yet (a create)', () => {
    expect(relationInput({ disconnect: [{ documentId: OTHER }] }, null, 'contact')).toBeUndefined();
    expect(relationInput({ connect: [], disconnect: [] }, null, 'contact')).toBeUndefined();
  });

  it('reports the change kind', () => {
    expect(readRelationChange({ connect: [], disconnect: [{ id: 7 }] })).toEqual({
      kind: 'disconnect',
      refs: [{ id: 7 }],
    });
    expect(readRelationChange({ connect: [], disconnect: [] })).toEqual({ kind: 'untouched' });
  });

  // [description, input, the message's words]
  const refused: [string, unknown, RegExp][] = [
    ['{} names nothing', {}, /"territory" must name a record/],
    ['a fraction', 1.5, /whole id between 1 and 2147483647; 1.5/],
    ['beyond 32 bits', 2147483648, /2147483648 is neither/],
    ['1e308', 1e308, /is neither/],
    ['negative', -999999999999, /is neither/],
    ['zero', 0, /is neither/],
    ['NaN', Number.NaN, /is neither/],
    ['a NUL byte in a documentId', 'abc\u0000def', /documentId \(letters and digits\)/],
    ['a documentId with spaces', 'drop table', /documentId/],
    ['a boolean', true, /must name a record/],
    ['unknown key next to connect', { connect: [], foo: 1 }, /unknown key "foo"/],
    ['unknown key in a target', { connect: [{ documentId: OTHER, constructor: 1 }] }, /unknown key "constructor"/],
    ['a nested array as target', { connect: [[[1]]] }, /must name a record/],
    ['a fraction inside connect', { connect: [{ id: 1.5 }] }, /1.5 is neither/],
    ['digits beyond 32 bits as a string', '99999999999', /is neither/],
  ];

  it.each(refused)('refuses %s with a 400-style rule violation naming the field', (_name, input, message) => {
    let error: unknown;
    try {
      relationInput(input, current, 'territory');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleViolation);
    expect((error as RuleViolation).message).toMatch(message);
    expect((error as RuleViolation).path).toEqual(['territory']);
  });
});
