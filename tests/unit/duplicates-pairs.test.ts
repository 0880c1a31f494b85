import {
  mergePairChanges,
  pairChanges,
  searchFieldsOf,
  searchInputChanged,
  searchInputFieldsOf,
  settlesPair,
  stillValid,
  type StoredPair,
} from '../../src/plugins/marketing-setup/server/src/domain/duplicate-search';
import type { DuplicateVerdict } from '../../src/plugins/marketing-setup/server/src/domain/duplicates';

const verdict = (matchingStrings: number, fuzzyTotal: number): DuplicateVerdict => ({
  isDuplicate: true,
  comparable: true,
  rules: ['searchStrings', 'fuzzy'],
  matchingStrings,
  requiredStrings: 10,
  hitPercent: Math.round((matchingStrings / 16) * 100),
  fuzzy: { total: fuzzyTotal, breakdown: [], fires: true, threshold: 0.85 },
  overruled: null,
});
const stored = (id: number, otherId: number, separate = false): StoredPair => ({
  id,
  documentId: `pair${id}`,
  otherId,
  separate,
});

describe('pairChanges: the stored pairs of contact 7 brought in line with what the search found', () => {
  test('a pair still found gets the new figures, one not found goes, a new one is added', () => {
    const found = new Map([
      [3, verdict(12, 0.93)],
      [9, verdict(10, 0.88)],
    ]);
    const changes = pairChanges(7, found, [stored(41, 3), stored(42, 5)]);
    expect(changes.update).toEqual([
      {
        id: 41,
        documentId: 'pair41',
        otherId: 3,
        figures: {
          matchingStrings: 12,
          hitPercent: 75,
          fuzzyScore: 0.93,
          rules: ['searchStrings', 'fuzzy'],
          breakdown: [],
        },
      },
    ]);
    expect(changes.remove).toEqual([42]);
    expect(changes.insert).toEqual([
      {
        contactId: 7,
        otherId: 9,
        figures: {
          matchingStrings: 10,
          hitPercent: 63,
          fuzzyScore: 0.88,
          rules: ['searchStrings', 'fuzzy'],
          breakdown: [],
        },
      },
    ]);
  });

  test('a pair marked separate is never touched: not updated, not removed, not added again', () => {
    const found = new Map([[3, verdict(14, 1)]]);
    expect(pairChanges(7, found, [stored(41, 3, true), stored(43, 8, true)])).toEqual({
      insert: [],
      update: [],
      remove: [],
    });
  });

  test('nothing found and nothing stored: no change', () => {
    expect(pairChanges(7, new Map(), [])).toEqual({ insert: [], update: [], remove: [] });
  });

  test("a batch's changes become one set", () => {
    const a = pairChanges(7, new Map([[3, verdict(12, 0.9)]]), [stored(42, 5)]);
    const b = pairChanges(8, new Map([[4, verdict(11, 0.9)]]), [stored(44, 2)]);
    const merged = mergePairChanges([a, b]);
    expect(merged.insert.map((p) => [p.contactId, p.otherId])).toEqual([
      [7, 3],
      [8, 4],
    ]);
    expect(merged.remove).toEqual([42, 44]);
  });
});

describe('settlesPair: one side of each pair settles it in a batch', () => {
  const batch = new Set([10, 11, 12]);
  test('regeneration: the larger id settles it', () => {
    expect(settlesPair('regeneration', batch, 11, 4)).toBe(true);
    expect(settlesPair('regeneration', batch, 11, 40)).toBe(false);
  });
  test('queue: a contact outside the batch is always settled; inside the batch the larger id settles it', () => {
    expect(settlesPair('queue', batch, 11, 40)).toBe(true);
    expect(settlesPair('queue', batch, 11, 4)).toBe(true);
    expect(settlesPair('queue', batch, 11, 12)).toBe(false);
    expect(settlesPair('queue', batch, 12, 11)).toBe(true);
  });
});

describe('what the search reads', () => {
  const lines = [
    { field: 'name', part: 'first' },
    { field: 'homePage', part: 'first' },
  ];
  test('the fuzzy fields, the identification fields and the fields of the setup lines, each once', () => {
    const fields = searchFieldsOf(lines);
    expect(fields.slice(0, 5)).toEqual(['id', 'documentId', 'no', 'companyName', 'inheritanceOverrides']);
    expect(fields).toContain('homePage');
    expect(fields.filter((f) => f === 'name')).toHaveLength(1);
    expect(searchInputFieldsOf(lines).has('homePage')).toBe(true);
    expect(searchInputFieldsOf(lines).has('salesperson')).toBe(false);
  });
  test('a changed city or home page re-indexes; a changed salesperson or number does not', () => {
    const before = { id: 1, no: 'CT000001', city: 'Gent', homePage: 'a.be', salesperson: 3 };
    expect(searchInputChanged(lines, before, { ...before, city: 'Aalst' })).toBe(true);
    expect(searchInputChanged(lines, before, { ...before, homePage: 'b.be' })).toBe(true);
    expect(searchInputChanged(lines, before, { ...before, salesperson: 4, no: 'CT000009' })).toBe(false);
    expect(searchInputChanged(lines, { ...before, email: null }, { ...before })).toBe(false);
  });
});

describe('stillValid: a re-index batch scored from one read, written later', () => {
  const lines = [{ field: 'name' }, { field: 'city' }];
  const c = (id: number, city: string, extra: Record<string, unknown> = {}) => ({
    id,
    documentId: `d${id}`,
    type: 'person',
    name: `Person ${id}`,
    city,
    ...extra,
  });
  const read = {
    contacts: new Map([
      [1, c(1, 'Gent')],
      [2, c(2, 'Gent')],
      [3, c(3, 'Gent')],
    ]),
    candidates: new Map([
      [1, [10]],
      [2, [11]],
      [3, [12, 99]], // 99: gone before it was read, never scored
    ]),
    others: new Map([
      [10, c(10, 'Gent')],
      [11, c(11, 'Gent')],
      [12, c(12, 'Gent')],
    ]),
  };
  const now = (changes: Record<number, ReturnType<typeof c> | null>) => {
    const all = new Map([...read.contacts, ...read.others]);
    for (const [id, row] of Object.entries(changes)) {
      if (row) all.set(Number(id), row);
      else all.delete(Number(id));
    }
    return all;
  };

  test('nothing changed: the whole batch is written', () => {
    expect([...stillValid(lines, read, now({}))]).toEqual([1, 2, 3]);
  });

  test('a contact whose search input changed, or was deleted, is left for a later batch', () => {
    expect([...stillValid(lines, read, now({ 1: c(1, 'Brugge'), 2: null }))]).toEqual([3]);
  });

  test('a contact scored against a candidate that changed since is left too; its own unchanged fields do not save it', () => {
    expect([...stillValid(lines, read, now({ 11: c(11, 'Brugge'), 12: null }))]).toEqual([1]);
  });

  test('a change of a field the search does not read (identity, a home page) changes nothing', () => {
    expect([
      ...stillValid(lines, read, now({ 1: c(1, 'Gent', { homePage: 'x' }), 10: c(10, 'Gent', { no: 'C9' }) })),
    ]).toEqual([1, 2, 3]);
  });
});
