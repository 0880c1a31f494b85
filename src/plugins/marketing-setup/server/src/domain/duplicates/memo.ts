/**
 * A function of one word remembered by its argument, for the duplicate search's per-word work (a word's sound,
 * whether it is a group word, its street spelling): names and streets repeat across contacts and every candidate
 * scored is prepared again. Dropped whole once it holds `size` words, so a long-running server does not grow
 * without end. Only for pure functions. Pure: no Strapi, no I/O.
 */
export function memoised<T>(fn: (word: string) => T, size = 50_000): (word: string) => T {
  const known = new Map<string, T>();
  return (word) => {
    let value = known.get(word);
    if (value === undefined) {
      value = fn(word);
      if (known.size >= size) known.clear();
      known.set(word, value);
    }
    return value;
  };
}
