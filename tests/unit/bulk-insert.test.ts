/** The PostgreSQL array literal that carries a column of rows to `unnest` (repositories/bulk-insert.ts). */
import { pgArray } from '../../src/plugins/marketing-setup/server/src/repositories/bulk-insert';

describe('pgArray', () => {
  it('writes whole numbers and NULL unquoted', () => {
    expect(pgArray([1, 22, null, 333], 'int')).toBe('{1,22,NULL,333}');
    expect(pgArray([], 'int')).toBe('{}');
  });

  it('refuses a number that is not whole (an id is never one)', () => {
    expect(() => pgArray([1.5], 'int')).toThrow('Not a whole number: 1.5');
    expect(() => pgArray(['12; drop table x'], 'int')).toThrow('Not a whole number');
    expect(() => pgArray([''], 'int')).toThrow('Not a whole number: ');
    expect(() => pgArray([true], 'int')).toThrow('Not a whole number: true');
    expect(pgArray(['42', -7], 'int')).toBe('{42,-7}');
  });

  it('quotes every text element and escapes quotes and backslashes', () => {
    expect(pgArray(['a', 'b c', '', 'NULL', null], 'text')).toBe('{"a","b c","","NULL",NULL}');
    expect(pgArray(['say "hi"', 'C:\\dir', 'x,y', '{z}'], 'text')).toBe('{"say \\"hi\\"","C:\\\\dir","x,y","{z}"}');
  });
});
