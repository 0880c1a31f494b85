import {
  enteredNumber,
  missingSeriesViolation,
  numberTakenViolation,
  renumbering,
  seriesOfLine,
} from '../../src/plugins/marketing-setup/server/src/domain/numbering';
import { violation } from '../helpers/violation';

describe('numbers entered by hand', () => {
  it('a blank or absent number leaves numbering to the series; a given one is trimmed', () => {
    expect(enteredNumber(undefined)).toBeNull();
    expect(enteredNumber(null)).toBeNull();
    expect(enteredNumber('   ')).toBeNull();
    expect(enteredNumber('  CT000042 ')).toBe('CT000042');
    expect(enteredNumber(42)).toBe('42');
  });

  it('a renumbering keeps an unchanged number, trims a new one and refuses a blank one', () => {
    expect(renumbering('CT000001', undefined)).toBeNull();
    expect(renumbering('CT000001', 'CT000001')).toBeNull();
    expect(renumbering('CT000001', ' CT000009 ')).toBe('CT000009');
    const blank = violation(() => renumbering('CT000001', '  '));
    expect(blank.message).toBe('No. must not be blank.');
    expect(blank.path).toEqual(['no']);
    expect(violation(() => renumbering('CT000001', null)).path).toEqual(['no']);
  });

  it('messages name the record type and the number', () => {
    expect(missingSeriesViolation('Contact').message).toBe(
      'Contact Nos. must have a value in the Marketing Setup before a contact can be numbered automatically. Choose a number series there, or enter a number.',
    );
    expect(numberTakenViolation('CT000007', 'Opportunity').message).toBe(
      'No. CT000007 is already used by another opportunity.',
    );
    expect(numberTakenViolation('CT000007', 'Opportunity').path).toEqual(['no']);
  });
});

describe('the series of a number series line', () => {
  it('is the series the write names, else the stored one', () => {
    expect(seriesOfLine(false, { code: 'CONT' }, { code: 'OLD' })).toBe('CONT');
    expect(seriesOfLine(false, undefined, { code: 'OLD' })).toBe('OLD');
  });

  it('is required and must exist', () => {
    expect(violation(() => seriesOfLine(true, undefined, { code: 'OLD' })).message).toBe(
      'A number series line must belong to a number series.',
    );
    expect(violation(() => seriesOfLine(false, undefined, null)).path).toEqual(['series']);
    expect(violation(() => seriesOfLine(false, null, { code: 'OLD' })).message).toBe(
      'The number series given for this line does not exist.',
    );
  });
});
