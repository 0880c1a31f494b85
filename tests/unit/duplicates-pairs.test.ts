import {
  mergePairChanges,
  pairChanges,
  pairFigures,
  reversedFieldScore,
  reversedFigures,
  searchFieldsOf,
  searchInputChanged,
  searchInputFieldsOf,
  settlesPair,
  stillValid,
  type StoredPair,
} from '../../src/plugins/marketing-setup/server/src/domain/duplicate-search';
import {
  DEFAULT_SEARCH_SETUP,
  duplicateVerdict,
  type DuplicateVerdict,
} from '../../src/plugins/marketing-setup/server/src/domain/duplicates';

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

describe('pair orientation: values stay under the contact they belong to', () => {
  // The tester's pair: "Garage Verlinden" (CT000046, saved second: the pair's contact) and "Garage Verlinden BV"
  // (CT000045, its duplicateContact), whose phone then changed to 03 480 11 12.
  const ct45 = {
    type: 'company',
    name: 'Garage Verlinden BV',
    phoneNo: '03 480 11 12',
    address: 'Kerkstraat 1',
    postCode: '2000',
    city: 'Antwerpen',
    email: 'info@garageverlinden.be',
  };
  const ct46 = { ...ct45, name: 'Garage Verlinden', phoneNo: '03 480 22 22' };
  const options = { lines: DEFAULT_SEARCH_SETUP, hitPercent: 60 };
  const phoneOf = (f: { breakdown: { field: string; values: [string, string] }[] }) =>
    f.breakdown.find((b) => b.field === 'phone')!.values;

  test("an update of the pair's duplicateContact stores the figures as the pair's contact would score them", () => {
    const fromUpdated = duplicateVerdict(ct45, ct46, options); // CT000045 was saved: scored from its side
    expect(fromUpdated.isDuplicate).toBe(true);
    expect(phoneOf(pairFigures(fromUpdated))).toEqual(['34801112', '34802222']);
    // Stored as (contact CT000046, duplicateContact CT000045): seen from CT000045 the pair is reversed.
    const changes = pairChanges(45, new Map([[46, fromUpdated]]), [{ ...stored(41, 46), reversed: true }]);
    expect(phoneOf(changes.update[0].figures)).toEqual(['34802222', '34801112']);
    expect(changes.update[0].figures).toEqual(pairFigures(duplicateVerdict(ct46, ct45, options)));
  });

  test("an update of the pair's contact, and a new pair, keep the figures as scored", () => {
    const v = duplicateVerdict(ct46, ct45, options);
    const changes = pairChanges(46, new Map([[45, v]]), [{ ...stored(41, 45), reversed: false }]);
    expect(phoneOf(changes.update[0].figures)).toEqual(['34802222', '34801112']);
    const fresh = pairChanges(46, new Map([[45, v]]), []);
    expect(fresh.insert[0]).toMatchObject({ contactId: 46, otherId: 45 });
    expect(phoneOf(fresh.insert[0].figures)).toEqual(['34802222', '34801112']);
  });

  test('reversing swaps the values, the legal forms and the notes that name each side, not the scores', () => {
    expect(
      reversedFieldScore({
        field: 'name',
        score: 0.7,
        weight: 0.5,
        method: 'jaro-winkler+metaphone (words); "bogaerts" and "aerts" differ',
        values: ['schrijnwerkerij bogaerts bv', 'schrijnwerkerij aerts nv'],
        legalForms: ['BV', 'NV'],
      }),
    ).toEqual({
      field: 'name',
      score: 0.7,
      weight: 0.5,
      method: 'jaro-winkler+metaphone (words); "aerts" and "bogaerts" differ',
      values: ['schrijnwerkerij aerts nv', 'schrijnwerkerij bogaerts bv'],
      legalForms: ['NV', 'BV'],
    });
    expect(
      reversedFieldScore({
        field: 'address',
        score: 0,
        weight: 0.2,
        method: 'jaro-winkler street × house number; boxes differ (2 / 14)',
        values: ['frankrijklei 50 bus 2', 'frankrijklei 50 bus 14'],
      }).method,
    ).toBe('jaro-winkler street × house number; boxes differ (14 / 2)');
    const person = {
      field: 'name' as const,
      score: 0.5,
      weight: 0.5,
      method:
        'x; two first names (jean / jeanne); generations differ (sr / jr); forms of address differ (a man / a woman)',
      values: ['jean leclercq sr', 'jeanne leclercq jr'] as [string, string],
      parts: { surname: 1, firstName: 0.5 },
    };
    expect(reversedFieldScore(person)).toEqual({
      ...person,
      method:
        'x; two first names (jeanne / jean); generations differ (jr / sr); forms of address differ (a man / a woman)',
      values: ['jeanne leclercq jr', 'jean leclercq sr'],
    });
    // Twice reversed is as scored; the counts, score and rules are the pair's, whichever side scored it.
    const f = pairFigures(duplicateVerdict(ct45, ct46, options));
    expect(reversedFigures(reversedFigures(f))).toEqual(f);
    expect(reversedFigures(f)).toMatchObject({
      matchingStrings: f.matchingStrings,
      hitPercent: f.hitPercent,
      fuzzyScore: f.fuzzyScore,
      rules: f.rules,
    });
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
