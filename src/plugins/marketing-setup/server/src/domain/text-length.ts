/**
 * The length of a text as the database and the user count it: in characters (Unicode code points), as PostgreSQL's
 * varchar(n) and Business Central's Text[n] do — not in UTF-16 code units, JavaScript's `.length`, which counts an
 * emoji or "𝔘" (outside the Basic Multilingual Plane: a surrogate pair) twice, so a name of 50 of them was taken for
 * 100 characters. One helper for every length check and every shortening of the plugin, which never cuts a surrogate
 * pair in two. Pure.
 */

/** The number of characters (code points) of `text`. */
export function textLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    n += 1;
  }
  return n;
}

/** Whether `text` has more than `max` characters (without counting a text whose UTF-16 length already fits). */
export const longerThan = (text: string, max: number): boolean => text.length > max && textLength(text) > max;

/** The UTF-16 index just after the first `max` characters of `text` (its length when it has no more). */
export function indexAfter(text: string, max: number): number {
  let i = 0;
  for (let n = 0; n < max && i < text.length; n += 1) {
    const unit = text.charCodeAt(i);
    const pair =
      unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    i += pair ? 2 : 1;
  }
  return i;
}

/** `text` cut to its first `max` characters, never inside a surrogate pair. */
export const shortenText = (text: string, max: number): string =>
  longerThan(text, max) ? text.slice(0, indexAfter(text, max)) : text;

/** `text` as a message quotes it: its first `max` characters, and an ellipsis when there were more. */
export const previewText = (text: string, max: number): string =>
  longerThan(text, max) ? `${shortenText(text, max)}…` : text;
