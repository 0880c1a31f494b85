import {
  assertAutomaticAllowed,
  assertManualAllowed,
  checkRange,
  chooseLine,
  drawNext,
  formatInPattern,
  incrementNo,
  lastNoAfterDraws,
  nextLineNo,
  normaliseLine,
  normaliseSeriesCode,
  normaliseSeriesFlags,
  sequenceStart,
} from '../../src/plugins/marketing-setup/server/src/domain/numbering';
import { noSeries, seriesLine } from '../helpers/no-series';
import { RuleViolation } from '../../src/plugins/marketing-setup/server/src/domain/errors';
import { violation } from '../helpers/violation';

const series = noSeries;
const line = seriesLine;
const TODAY = '2024-05-01';

describe('lastNoAfterDraws (the import dry run stands the line where earlier rows left it)', () => {
  it('counts on from Last No. Used by the line step', () => {
    expect(lastNoAfterDraws(line({ lastNoUsed: 'CT000010', incrementBy: 10 }), 3)).toBe('CT000040');
  });
  it('an unused line: the k-th draw of a fresh line ends at starting no. + (k - 1) steps', () => {
    expect(lastNoAfterDraws(line(), 1)).toBe('CT000001');
    expect(lastNoAfterDraws(line(), 3)).toBe('CT000003');
    // and the next draw continues from there
    expect(drawNext(series(), line({ lastNoUsed: lastNoAfterDraws(line(), 3) }), TODAY).no).toBe('CT000004');
  });
  it('past the ending number the next draw is refused, as the run would be', () => {
    const ending = line({ endingNo: 'CT000003' });
    expect(() => drawNext(series(), { ...ending, lastNoUsed: lastNoAfterDraws(ending, 3) }, TODAY)).toThrow(
      'You cannot assign numbers greater than CT000003 from the number series CONT.',
    );
  });
  it('no draws: unchanged; a line without a starting number stays empty', () => {
    expect(lastNoAfterDraws(line({ lastNoUsed: 'CT000007' }), 0)).toBe('CT000007');
    expect(lastNoAfterDraws(line({ startingNo: null }), 2)).toBeNull();
  });
});

describe('incrementNo', () => {
  it.each([
    ['CT000123', 1, 'CT000124'],
    ['9', 1, '10'],
    ['CT999', 1, 'CT1000'],
    ['CT000120', 10, 'CT000130'],
    ['A-09-X', 1, 'A-10-X'],
    ['2024-0007', 1, '2024-0008'], // only the last digit group counts
  ])('%s + %d = %s', (no, by, expected) => {
    expect(incrementNo(no, by)).toBe(expected);
  });

  it('refuses a value without a digit', () => {
    expect(violation(() => incrementNo('ABC')).message).toMatch(/ABC must contain a number/);
  });
});

describe('chooseLine', () => {
  const jan = line({ lineNo: 10000, startingDate: '2024-01-01', startingNo: 'A001' });
  const jun = line({ lineNo: 20000, startingDate: '2024-06-01', startingNo: 'B001' });

  it('takes the line with the latest starting date not after the usage date', () => {
    expect(chooseLine('CONT', [jun, jan], '2024-03-15').startingNo).toBe('A001');
    expect(chooseLine('CONT', [jan, jun], '2024-06-01').startingNo).toBe('B001');
    expect(chooseLine('CONT', [jan, jun], '2025-01-01').startingNo).toBe('B001');
  });

  it('treats a blank starting date as always valid but earliest', () => {
    const always = line({ lineNo: 5000, startingDate: null, startingNo: 'Z001' });
    expect(chooseLine('CONT', [always, jan], '2023-12-31').startingNo).toBe('Z001');
    expect(chooseLine('CONT', [always, jan], '2024-02-01').startingNo).toBe('A001');
  });

  it('among lines with the same date takes the first open one by line number, skipping closed ones', () => {
    const a = line({ lineNo: 30000, startingNo: 'C001' });
    const b = line({ lineNo: 10000, startingNo: 'A001', open: false });
    const c = line({ lineNo: 20000, startingNo: 'B001' });
    expect(chooseLine('CONT', [a, b, c], TODAY).startingNo).toBe('B001');
  });

  it('explains the date when only a future line is open', () => {
    const future = line({ startingDate: '2024-06-01' });
    expect(violation(() => chooseLine('CONT', [future], TODAY)).message).toBe(
      'You cannot assign new numbers from the number series CONT on 2024-05-01.',
    );
  });

  it('says the series is exhausted when no line is open', () => {
    expect(violation(() => chooseLine('CONT', [line({ open: false })], TODAY)).message).toBe(
      'You cannot assign new numbers from the number series CONT.',
    );
    expect(violation(() => chooseLine('CONT', [], TODAY)).message).toBe(
      'You cannot assign new numbers from the number series CONT.',
    );
  });
});

describe('drawNext', () => {
  it('issues the starting number first and records the date', () => {
    const r = drawNext(series(), line(), TODAY);
    expect(r.no).toBe('CT000001');
    expect(r.warning).toBeNull();
    expect(r.line).toMatchObject({ lastNoUsed: 'CT000001', lastDateUsed: TODAY, open: true });
  });

  it('closes the line when the ending number is issued; the next draw finds no line', () => {
    let l = line({ startingNo: 'CT000001', endingNo: 'CT000003' });
    const issued: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = drawNext(series(), chooseLine('CONT', [l], TODAY), TODAY);
      issued.push(r.no);
      l = r.line;
    }
    expect(issued).toEqual(['CT000001', 'CT000002', 'CT000003']);
    expect(l.open).toBe(false);
    expect(violation(() => chooseLine('CONT', [l], TODAY)).message).toBe(
      'You cannot assign new numbers from the number series CONT.',
    );
  });

  it('warns once the warning number is reached', () => {
    const l = line({ endingNo: 'CT000010', warningNo: 'CT000008', lastNoUsed: 'CT000007' });
    const r = drawNext(series(), l, TODAY);
    expect(r.no).toBe('CT000008');
    expect(r.warning).toBe(
      'The number series CONT will soon run out: CT000008 was assigned and the warning number is CT000008.',
    );
    expect(r.line.open).toBe(true);
  });

  it('refuses a number past the ending number', () => {
    const l = line({ endingNo: 'CT000010', lastNoUsed: 'CT000010' });
    expect(violation(() => drawNext(series(), l, TODAY)).message).toBe(
      'You cannot assign numbers greater than CT000010 from the number series CONT.',
    );
  });

  it('refuses a date before the last date used when Date Order is on', () => {
    const l = line({ lastNoUsed: 'CT000004', lastDateUsed: '2024-05-10' });
    expect(violation(() => drawNext(series({ dateOrder: true }), l, TODAY)).message).toBe(
      'You cannot assign new numbers from the number series CONT on a date before 2024-05-10.',
    );
    expect(drawNext(series({ dateOrder: false }), l, TODAY).no).toBe('CT000005');
  });

  it('refuses a date before the line starting date', () => {
    const l = line({ startingDate: '2024-06-01' });
    expect(violation(() => drawNext(series(), l, TODAY)).message).toMatch(/on a date before 2024-06-01/);
  });

  it('requires a starting number', () => {
    expect(violation(() => drawNext(series(), line({ startingNo: null }), TODAY)).path).toEqual(['startingNo']);
  });

  it('counts pure digits naturally: 1..10 with last 9 gives 10 and closes', () => {
    const r = drawNext(series(), line({ startingNo: '1', endingNo: '10', lastNoUsed: '9' }), TODAY);
    expect(r.no).toBe('10');
    expect(r.line.open).toBe(false);
  });

  it('increment 7 over A01..A10 gives A01, A08 and then the line is closed', () => {
    const first = drawNext(series(), line({ startingNo: 'A01', endingNo: 'A10', incrementBy: 7 }), TODAY);
    expect(first.no).toBe('A01');
    expect(first.line.open).toBe(true);
    const second = drawNext(series(), first.line, TODAY);
    expect(second.no).toBe('A08');
    expect(second.line.open).toBe(false);
  });
});

describe('allow-gaps helpers', () => {
  it('formats a sequence value into the starting number pattern', () => {
    expect(formatInPattern('CT000000', 42)).toBe('CT000042');
    expect(formatInPattern('CT99', 123)).toBe('CT123');
    expect(formatInPattern('A-00-X', 7)).toBe('A-07-X');
  });

  it('derives the start value from the starting number or from the last number used', () => {
    expect(sequenceStart(line({ startingNo: 'CT000100' }))).toBe(100);
    expect(sequenceStart(line({ startingNo: 'CT000100', lastNoUsed: 'CT000120', incrementBy: 10 }))).toBe(130);
  });

  it('checks a formatted number against range and warning', () => {
    const l = line({ endingNo: 'CT000010', warningNo: 'CT000009' });
    expect(checkRange('CONT', l, 'CT000005')).toEqual({ warning: null, closes: false });
    expect(checkRange('CONT', l, 'CT000010')).toMatchObject({ closes: true });
    expect(checkRange('CONT', l, 'CT000009').warning).toMatch(/soon run out/);
    expect(() => checkRange('CONT', l, 'CT000011')).toThrow(RuleViolation);
    expect(() => checkRange('CONT', l, 'XY000005')).toThrow(RuleViolation);
  });
});

describe('normaliseLine', () => {
  it('pads the digit groups to the widest width: A1 + A10 → A01 / A10', () => {
    const out = normaliseLine('CONT', line({ startingNo: 'A1', endingNo: 'A10' }));
    expect(out).toMatchObject({ startingNo: 'A01', endingNo: 'A10', open: true });
  });

  it('does not pad pure-digit numbers', () => {
    expect(normaliseLine('CONT', line({ startingNo: '1', endingNo: '10' }))).toMatchObject({
      startingNo: '1',
      endingNo: '10',
    });
  });

  it('gives all numbers the prefix of the value just set', () => {
    const out = normaliseLine('CONT', line({ startingNo: 'CT0001', endingNo: '9999' }), 'startingNo');
    expect(out.endingNo).toBe('CT9999');
  });

  it('refuses an ending or warning number of another text than the starting number (padding is harmonised)', () => {
    const sent = ['startingNo', 'endingNo', 'warningNo'] as const;
    expect(
      violation(() =>
        normaliseLine('INV', line({ startingNo: 'INV-2024-0001', endingNo: 'XYZ-9999' }), undefined, sent),
      ).message,
    ).toBe('Ending No. "XYZ-9999" must have the form of Starting No. "INV-2024-0001" (same text, another number).');
    const e = violation(() =>
      normaliseLine('V', line({ startingNo: 'V1', endingNo: 'V9', warningNo: 'W5' }), undefined, sent),
    );
    expect([e.message, e.path]).toEqual([
      'Warning No. "W5" must have the form of Starting No. "V1" (same text, another number).',
      ['warningNo'],
    ]);
    expect(violation(() => normaliseLine('V', line({ startingNo: 'V01', endingNo: 'X9' }), 'endingNo')).path).toEqual([
      'endingNo',
    ]);
  });

  it('refuses a format change that would alter the last number used', () => {
    const e = violation(() =>
      normaliseLine('CONT', line({ startingNo: 'XY01', endingNo: 'XY99', lastNoUsed: 'CT000005' }), 'startingNo'),
    );
    expect(e.message).toMatch(/must be the same/);
    expect(e.path).toEqual(['startingNo']);
  });

  it('requires a digit in every number', () => {
    const e = violation(() => normaliseLine('CONT', line({ startingNo: 'ABC' })));
    expect(e.message).toBe('The starting number must contain a number.');
    expect(e.path).toEqual(['startingNo']);
  });

  it('refuses a warning number without an ending number, but clears it when the ending number is cleared', () => {
    const l = line({ warningNo: 'CT000008', endingNo: null });
    expect(violation(() => normaliseLine('CONT', l)).path).toEqual(['warningNo']);
    expect(normaliseLine('CONT', l, 'endingNo').warningNo).toBeNull();
  });

  it('checks the increment and the order of starting/ending number', () => {
    expect(violation(() => normaliseLine('CONT', line({ incrementBy: 0 }))).path).toEqual(['incrementBy']);
    expect(
      violation(() => normaliseLine('CONT', line({ startingNo: 'CT000010', endingNo: 'CT000001' }))).message,
    ).toMatch(/must not be greater than the ending number/);
  });

  it('recomputes Open', () => {
    expect(normaliseLine('CONT', line({ endingNo: 'CT000010', lastNoUsed: 'CT000010', open: true })).open).toBe(false);
    expect(normaliseLine('CONT', line({ endingNo: 'CT000020', lastNoUsed: 'CT000010', open: false })).open).toBe(true);
    expect(normaliseLine('CONT', line({ endingNo: 'CT000020', lastNoUsed: 'CT000015', incrementBy: 10 })).open).toBe(
      false,
    );
  });
});

describe('series flags and manual/automatic numbers', () => {
  it('keeps at least one of Default Nos. and Manual Nos. on', () => {
    expect(normaliseSeriesFlags({ defaultNos: false, manualNos: false }, 'defaultNos')).toEqual({
      defaultNos: false,
      manualNos: true,
    });
    expect(normaliseSeriesFlags({ defaultNos: false, manualNos: false }, 'manualNos')).toEqual({
      defaultNos: true,
      manualNos: false,
    });
    expect(normaliseSeriesFlags({ defaultNos: true, manualNos: false }, 'manualNos')).toEqual({
      defaultNos: true,
      manualNos: false,
    });
    expect(violation(() => normaliseSeriesFlags({ defaultNos: false, manualNos: false }, null)).path).toEqual([
      'defaultNos',
    ]);
    expect(normaliseSeriesFlags({ defaultNos: false, manualNos: true }, null)).toEqual({
      defaultNos: false,
      manualNos: true,
    });
  });

  it('allows manual numbers only when the series permits them', () => {
    expect(() => assertManualAllowed(null)).not.toThrow();
    expect(() => assertManualAllowed(series({ manualNos: true }))).not.toThrow();
    const e = violation(() => assertManualAllowed(series({ manualNos: false })));
    expect(e.message).toBe(
      'You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series CONT.',
    );
    expect(e.path).toEqual(['no']);
  });

  it('assigns numbers automatically only with Default Nos.', () => {
    expect(() => assertAutomaticAllowed(series({ defaultNos: true }))).not.toThrow();
    expect(violation(() => assertAutomaticAllowed(series({ defaultNos: false }))).message).toMatch(
      /^It is not possible to assign numbers automatically from the number series CONT\./,
    );
  });
});

describe('series code and line number, the same on the REST and admin paths', () => {
  test('a code is trimmed and upper-cased', () => {
    expect(normaliseSeriesCode('  cont ')).toBe('CONT');
    expect(normaliseSeriesCode('Opp-1')).toBe('OPP-1');
  });
  test('a blank code is refused on the code field', () => {
    const v = violation(() => normaliseSeriesCode('   '));
    expect(v.message).toBe('Enter a code.');
    expect(v.path).toEqual(['code']);
  });
  test('a non-string is left to the request validation', () => {
    expect(normaliseSeriesCode(undefined)).toBeUndefined();
    expect(normaliseSeriesCode(42)).toBe(42);
  });
  test('a new line goes 10000 after the highest line, the first line is 10000', () => {
    expect(nextLineNo([])).toBe(10000);
    expect(nextLineNo([10000, 30000, 20000])).toBe(40000);
    expect(nextLineNo([null, '15000'])).toBe(25000);
  });
});
