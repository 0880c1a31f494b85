/**
 * The length of a text as the database and the user count it: in characters (Unicode code points), as PostgreSQL's
 * varchar(n) and Business Central's Text[n] do — not in UTF-16 code units, JavaScript's `.length`, which counts an
 * emoji or "𝔘" (outside the Basic Multilingual Plane: a surrogate pair) twice, so a name of 50 of them was taken for
 * 100 characters. One helper for every length check and every shortening of the plugin, which never cuts a surrogate
 * pair in two. Pure.
 */

/** Whether a surrogate pair (one character outside the Basic Multilingual Plane) starts at UTF-16 index `i`. */
const pairAt = (text: string, i: number): boolean =>
  (text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;

/** The UTF-16 index just after the first `max` characters of `text` (its length when it has no more). */
export function indexAfter(text: string, max: number): number {
  let i = 0;
  for (let n = 0; n < max && i < text.length; n += 1) i += pairAt(text, i) ? 2 : 1;
  return i;
}

/** The number of characters (code points) of `text`. */
export function textLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; n += 1) i += pairAt(text, i) ? 2 : 1;
  return n;
}

/** Whether `text` has more than `max` characters (without counting a text whose UTF-16 length already fits). */
export const longerThan = (text: string, max: number): boolean => text.length > max && textLength(text) > max;

/** `text` cut to its first `max` characters, never inside a surrogate pair. */
export const shortenText = (text: string, max: number): string =>
  longerThan(text, max) ? text.slice(0, indexAfter(text, max)) : text;

/** `text` as a message quotes it: its first `max` characters, and an ellipsis when there were more. */
export const previewText = (text: string, max: number): string =>
  longerThan(text, max) ? `${shortenText(text, max)}…` : text;
