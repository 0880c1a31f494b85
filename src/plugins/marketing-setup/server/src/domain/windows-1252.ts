/**
 * Windows-1252 text — Excel's plain CSV on Western Windows, old mailers' raw 8-bit header bytes — decoded by hand.
 * Pure.
 */

/** Windows-1252's letters at 0x80–0x9F (€, Š, œ, typographic quotes …); its other bytes are Latin-1's. */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Node's TextDecoder reads "windows-1252" as Latin-1 (0x80–0x9F become control characters), hence this table. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i];
    units[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
  }
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}
