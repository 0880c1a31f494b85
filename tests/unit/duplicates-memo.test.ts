/** The per-word memo of the duplicate search (domain/duplicates/memo.ts). */
import { memoised } from '../../src/plugins/marketing-setup/server/src/domain/duplicates/memo';

describe('memoised', () => {
  it('computes a word once and answers it again from memory', () => {
    const seen: string[] = [];
    const upper = memoised((w) => (seen.push(w), w.toUpperCase()));
    expect([upper('gent'), upper('gent'), upper('luik')]).toEqual(['GENT', 'GENT', 'LUIK']);
    expect(seen).toEqual(['gent', 'luik']);
  });

  it('forgets everything once it holds `size` words, then fills again', () => {
    const seen: string[] = [];
    const upper = memoised((w) => (seen.push(w), w.toUpperCase()), 2);
    for (const w of ['a', 'b', 'c', 'a']) upper(w);
    // 'c' found the memo full (a, b): cleared, then c stored; 'a' is computed again.
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });
});
