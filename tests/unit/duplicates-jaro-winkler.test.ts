import { jaroWinkler } from '../../src/plugins/marketing-setup/server/src/domain/duplicates/jaro-winkler';
import { nameToken, tokenSimilarity } from '../../src/plugins/marketing-setup/server/src/domain/duplicates/names';

describe('jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.9611],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.8133],
    ['peeters', 'peters', 0.9175],
    ['gent', 'genk', 0.8833],
    ['abc', 'xyz', 0],
    ['', 'abc', 0],
    ['same', 'same', 1],
  ])('%s / %s → %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 4);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 4);
  });
});

describe('Double Metaphone (double-metaphone, public export)', () => {
  it('gives names that sound alike one code, and lifts their similarity', () => {
    expect(nameToken('philips').code).toBe(nameToken('filips').code);
    expect(nameToken('claes').code).toBe(nameToken('claeys').code);
    expect(tokenSimilarity(nameToken('philips'), nameToken('filips'))).toBeGreaterThanOrEqual(0.9);
    expect(nameToken('jo').code).toBe(''); // under three letters: no code
  });
});
