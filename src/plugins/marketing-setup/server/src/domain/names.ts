/**
 * A person's name typed in one field → First Name / Middle Name / Surname (reference §2.3), with what the
 * reference's word count does not know: surname particles ("Van den Broeck", "van der Berg"), forms of
 * address and titles ("Mevrouw", "Dr."), generational suffixes ("sr.", "III"), names written surname first
 * ("Verhoeven Koen"), and the e-mail address as a witness of the order. Pure: no Strapi, no I/O.
 */
import { indexAfter, longerThan } from './text-length';
import { isInitial, isKnownFirstName, surnameFirstSplit } from './first-names';

export interface NameParts {
  firstName: string | null;
  middleName: string | null;
  surname: string | null;
}

/** Name parts are Text[30] in the reference (and `maxLength: 30` here: characters as JavaScript counts them). */
export const NAME_PART_MAX = 30;

const fold = (w: string) =>
  w
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'");
/** A word folded without a trailing dot: "Dr." → "dr". */
const bare = (w: string) => fold(w).replace(/\.$/, '');
const joined = (words: readonly string[]): string | null => (words.length ? words.join(' ') : null);
const wordsOf = (name: string | null | undefined) =>
  String(name ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
/** A name's words, a comma separating them as a space does ("Verbruggen, Tom" → Verbruggen, Tom). */
const nameWords = (name: string | null | undefined) => wordsOf(String(name ?? '').replace(/,/g, ' '));

/**
 * Surname particles (Dutch, Flemish, French), one word each: runs of them make "van den", "op de", "in 't",
 * "de la", "in het". "In", "op" and "het" only ever stand in such a run before a surname. Written in lower
 * case they are the middle name (the Dutch way, as the reference splits).
 */
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'den',
  'der',
  'des',
  'du',
  "d'",
  'te',
  'ten',
  'ter',
  "'t",
  "'s",
  'op',
  'in',
  'uit',
  'het',
  'la',
  'le',
  'vande',
  'vanden',
  'vander',
  'ver',
]);
/**
 * Particles of Belgium's other communities — Arabic / Berber ("Ben Salah", "El Amrani", "Aït Ali"),
 * Italian ("Di Rupo", "Della Valle", "Lo Bue"), Spanish / Portuguese ("Dos Santos", "Da Silva") — always
 * part of the surname, in any case ("João da Silva" → surname "da Silva"): no Business Central convention
 * makes them a middle name.
 */
const OTHER_PARTICLES = new Set([
  'ben',
  'bel',
  'el',
  'al',
  'abou',
  'abu',
  'ait',
  'ou',
  'di',
  'da',
  'del',
  'della',
  'dello',
  'lo',
  'li',
  'dos',
  'das',
]);
/**
 * Particles that are also first names ("Ben Peeters"): at the start of a name they are a particle only
 * when the words after the surname are first names ("Ben Salah Ahmed") or the e-mail says so.
 */
const FIRST_NAME_PARTICLES = new Set(['ben', 'bel']);
export const isParticle = (w: string) => PARTICLES.has(fold(w)) || OTHER_PARTICLES.has(fold(w));
const mayBeFirstName = (w: string) => FIRST_NAME_PARTICLES.has(fold(w));
/**
 * Written with a capital ("Van", "De", "'T"), the Belgian way, or one of the other communities' particles:
 * part of the surname.
 */
const ofTheSurname = (w: string) => /^\P{L}*\p{Lu}/u.test(w) || OTHER_PARTICLES.has(fold(w));

/**
 * Forms of address and titles before a name (folded, without the dot). "M." (Monsieur) only counts before
 * a known first name and a surname ("M. Jean Dupont"); else it is an initial ("M. Janssens", "M. De Smet").
 * "De heer" is two words.
 */
const TITLES = new Set([
  'dhr',
  'mevr',
  'mevrouw',
  'mw',
  'mej',
  'mijnheer',
  'meneer',
  'mr',
  'mrs',
  'ms',
  'mme',
  'madame',
  'monsieur',
  'mlle',
  'mademoiselle',
  'dr',
  'drs',
  'prof',
  'ir',
  'ing',
]);
/** Words that join titles: "Dhr. en Mevr.", "M. et Mme", "Mr & Mrs". */
const TITLE_JOINS = new Set(['en', 'et', '&', 'and']);
/** How many words the title at `i` takes ("Dr." 1, "De heer" 2), 0 when there is none. */
function titleAt(words: readonly string[], i: number): number {
  const left = words.length - i;
  if (left <= 0) return 0;
  // "De heer" alone is a surname ("de Heer").
  if (left >= 3 && bare(words[i]) === 'de' && bare(words[i + 1]) === 'heer') return 2;
  if (left >= 1 && TITLES.has(bare(words[i]))) return 1;
  if (bare(words[i]) === 'm' && words[i].endsWith('.')) {
    // Monsieur before a first name and a surname ("M. Jean Dupont") or another title ("M. et Mme Dupont").
    if (left >= 3 && isKnownFirstName(words[i + 1])) return 1;
    if (left >= 3 && TITLE_JOINS.has(bare(words[i + 1])) && titleAt(words, i + 2) > 0) return 1;
  }
  return 0;
}
/**
 * How many leading words are titles, several joined by en / et / & / and counting as one ("Dhr. en Mevr.
 * Peeters"). All of them when the name is only titles ("Mevr.").
 */
function titleCount(words: readonly string[]): number {
  let i = 0;
  for (;;) {
    const title = titleAt(words, i);
    if (title > 0) i += title;
    else if (i > 0 && i < words.length - 1 && TITLE_JOINS.has(bare(words[i])) && titleAt(words, i + 1) > 0) i += 1;
    else return i;
  }
}

/** Generational suffixes; they go with the surname. Spelled out ("Senior") only when two other words remain. */
const SUFFIXES = new Set(['sr', 'jr', 'ii', 'iii']);
const SPELLED_SUFFIXES = new Set(['senior', 'junior']);

/** Which of the words (titles removed) are generational suffixes: never the first, "Senior" only with two others. */
function suffixMask(rest: readonly string[]): boolean[] {
  const isSuffix = (w: string, i: number, spelled: boolean) =>
    i > 0 && (SUFFIXES.has(bare(w)) || (spelled && SPELLED_SUFFIXES.has(bare(w))));
  const count = (spelled: boolean) => rest.filter((w, i) => isSuffix(w, i, spelled)).length;
  const spelled = rest.length - count(true) >= 2;
  return rest.map((w, i) => isSuffix(w, i, spelled));
}

/** The words without titles and suffixes, and the suffixes, in the order typed. */
function withoutTitlesAndSuffixes(all: readonly string[]): { words: string[]; suffixes: string[] } {
  const rest = all.slice(titleCount(all));
  const mask = suffixMask(rest);
  return { words: rest.filter((_, i) => !mask[i]), suffixes: rest.filter((_, i) => mask[i]) };
}

const firstNameLike = (w: string) => isKnownFirstName(w) || isInitial(w);

/** Surname words → middle name (leading lower-case particles: the Dutch way) and surname (the rest). */
function surnameWithParticles(words: readonly string[]): { middle: string[]; surname: string[] } {
  let j = 0;
  while (j < words.length - 1 && isParticle(words[j]) && !ofTheSurname(words[j])) j++;
  return { middle: words.slice(0, j), surname: words.slice(j) };
}

/** Letters only, folded: "Van den Broeck" → "vandenbroeck". */
const squash = (words: readonly string[]) => fold(words.join('')).replace(/[^a-z]/g, '');

/** Whether an e-mail local part (split on . _ -) spells first + last: first.last, first_last, first-last, f.last, firstlast. */
function spells(tokens: readonly string[], first: string, last: string): boolean {
  if (!first || !last) return false;
  if (tokens.length >= 2 && tokens[0] === first[0] && tokens.slice(1).join('') === last) return true;
  if (tokens.join('') !== first + last) return false;
  if (tokens.length === 1) return true;
  for (let i = 1; i < tokens.length; i++) if (tokens.slice(0, i).join('') === first) return true;
  return false;
}

/**
 * Whether the e-mail says the name is written surname first, the last word being the first name ("Wuyts
 * Xandro" with "xandro.wuyts@…"); false when it says first name first, or nothing.
 */
function emailSaysSurnameFirst(words: readonly string[], email: unknown): boolean {
  if (words.length < 2 || email === null || email === undefined) return false;
  const n = words.length;
  for (const address of String(email).split(';')) {
    const at = address.lastIndexOf('@');
    if (at <= 0) continue;
    const tokens = fold(address.slice(0, at).trim())
      .replace(/\d+$/, '')
      .split(/[._-]+/)
      .map((t) => t.replace(/[^a-z]/g, ''))
      .filter(Boolean);
    const surnameFirst = spells(tokens, squash(words.slice(n - 1)), squash(words.slice(0, n - 1)));
    const firstNameFirst = spells(tokens, squash(words.slice(0, 1)), squash(words.slice(1)));
    if (surnameFirst !== firstNameFirst) return surnameFirst;
  }
  return false;
}

/**
 * The most common Vietnamese surnames (folded; together most Vietnamese names). Not "Le", "Ho", "Do", "Ly":
 * they are also particles or parts of other names.
 */
const VIETNAMESE_SURNAMES = new Set([
  'nguyen',
  'tran',
  'pham',
  'hoang',
  'huynh',
  'phan',
  'vu',
  'vo',
  'dang',
  'bui',
  'ngo',
  'duong',
  'trinh',
  'dinh',
]);
const isVietnameseSurname = (w: string) => VIETNAMESE_SURNAMES.has(fold(w));

/**
 * A Vietnamese name, written in the Vietnamese order ("Nguyen Van Anh": surname, middle name, given name)
 * or the Western one ("Van Anh Nguyen"): the common surname at one end tells which. Null when it does not.
 */
function vietnameseOrder(words: readonly string[]): Split | null {
  const n = words.length;
  const first = isVietnameseSurname(words[0]);
  const last = isVietnameseSurname(words[n - 1]);
  if (first === last) return null;
  if (first) return { first: [words[n - 1]], middle: words.slice(1, n - 1), surname: [words[0]] };
  return { first: [words[0]], middle: words.slice(1, n - 1), surname: [words[n - 1]] };
}

interface Split {
  first: string[];
  middle: string[];
  surname: string[];
}

/** The split of words without titles and suffixes. */
function splitWords(words: readonly string[], email: unknown): Split {
  const n = words.length;
  if (n === 0) return { first: [], middle: [], surname: [] };
  // One word: the surname ("Peeters", "Mevrouw Peeters", "Peeters jr."), as the last word of a longer name is,
  // unless it is a known first name ("Jan"). The reference puts every lone word in First Name; a contact list's
  // lone word is a surname far more often, and a salutation ("Dear Mr. Peeters") needs it there.
  if (n === 1)
    return isKnownFirstName(words[0])
      ? { first: [...words], middle: [], surname: [] }
      : { first: [], middle: [], surname: [...words] };

  const vietnamese = vietnameseOrder(words);
  if (vietnamese) return vietnamese;

  // Surname first: the first names tell, the name starts with a particle (the particles and one word are
  // the surname: "Van Dijk Xandro"; never less: "De Rosa Maria"), or the e-mail tells.
  let surnameWords = surnameFirstSplit(words) > 0 ? n - surnameFirstSplit(words) : 0;
  let run = 0;
  while (run < n - 1 && isParticle(words[run])) run++;
  if (run > 0 && !mayBeFirstName(words[0])) surnameWords = Math.max(surnameWords, run + 1);
  else if (run > 0 && n > run + 1) {
    // "Ben Salah Ahmed": a particle that may be a first name starts the surname when first names follow it,
    // or the e-mail spells the last word as the first name; else it is the first name ("Ben Peeters").
    if (words.slice(run + 1).every(firstNameLike)) surnameWords = run + 1;
    else if (emailSaysSurnameFirst(words, email)) surnameWords = n - 1;
  }
  const ambiguous = surnameWords === 0 && !firstNameLike(words[0]) && !firstNameLike(words[n - 1]);
  if (ambiguous && emailSaysSurnameFirst(words, email)) surnameWords = n - 1;
  if (surnameWords > 0)
    return { first: words.slice(surnameWords), ...surnameWithParticles(words.slice(0, surnameWords)) };

  // First name first: the last word is the surname, with the particles before it.
  let start = n - 1;
  while (start > 1 && isParticle(words[start - 1])) start--;
  if (start < n - 1) return { first: words.slice(0, start), ...surnameWithParticles(words.slice(start)) };
  // The reference: last word surname, second-to-last middle name, the rest first name.
  if (n === 2) return { first: [words[0]], middle: [], surname: [words[1]] };
  return { first: words.slice(0, n - 2), middle: [words[n - 2]], surname: [words[n - 1]] };
}

const toParts = (s: Split): NameParts => ({
  firstName: joined(s.first),
  middleName: joined(s.middle),
  surname: joined(s.surname),
});

/** Whether a character belongs to the letter before it: a combining accent, a joiner, a variation selector, a skin tone. */
function joinsPrevious(cp: number): boolean {
  const within = (from: number, to: number) => cp >= from && cp <= to;
  return (
    /\p{M}/u.test(String.fromCodePoint(cp)) ||
    within(0x200c, 0x200d) ||
    within(0xfe00, 0xfe0f) ||
    within(0x1f3fb, 0x1f3ff) ||
    within(0xe0020, 0xe007f)
  );
}

/** Whether `text` may be cut before index `i` without splitting a letter (a surrogate pair, a letter and its accent). */
function letterBoundary(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  const unit = text.charCodeAt(i);
  if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  return !joinsPrevious(text.codePointAt(i) ?? 0) && text.charCodeAt(i - 1) !== 0x200d;
}

/**
 * A name part that is longer than a part holds (NAME_PART_MAX), shortened the way a person would: the whole words that
 * fit ("Jan Pieter Karel Frans Jozef Marie Albert Willem" → "Jan Pieter Karel Frans Jozef"), else the whole parts of a
 * hyphenated name ("Maximiliaan-Alexander-Christiaan-Frederik" → "Maximiliaan-Alexander"), else as many letters as fit —
 * never inside a letter ("e" and its combining accent stay together). Accents typed as combining marks are composed
 * first (NFC). The reference cuts at the 30th character.
 */
export function fitNamePart(whole: string, max = NAME_PART_MAX): string {
  // Characters are code points (text-length.ts): "𝔘" or an emoji is one, as the database counts it.
  if (!longerThan(whole, max)) return whole;
  // Accents typed as separate marks (as some keyboards and systems do) count a character each: composed, the name may fit.
  const text = whole.normalize('NFC');
  if (!longerThan(text, max)) return text;
  const limit = indexAfter(text, max); // the UTF-16 index after `max` characters
  let fit = '';
  for (const separator of text.matchAll(/[\s\-\u2010-\u2015]+/gu)) {
    const end = separator.index ?? 0;
    if (end > limit) break;
    if (end > 0) fit = text.slice(0, end);
  }
  if (fit) return fit;
  let end = limit;
  while (end > 0 && !letterBoundary(text, end)) end--;
  return text.slice(0, end);
}

/**
 * Name → parts, whole however long they are (the write rules fit them to NAME_PART_MAX: contact-fields `splitName`).
 * The reference's way (last word surname, second-to-last middle name, earlier words first
 * name), with these additions:
 * - Particles: a run of them before the surname never goes to the first name. Written with a capital (the
 *   Belgian way: "Pieter Van den Broeck", "Geert De Smet") they are part of the surname; in lower case (the
 *   Dutch way: "Pieter van den Broek", "Anna Maria van Dijk") they are the middle name.
 * - One word is the surname ("Peeters"; the reference makes it the first name), unless it is a known first name. Leading titles and forms of
 *   address ("Mevrouw", "Dr.", "De heer") are no name part. Generational suffixes ("sr.", "jr", "III") go with
 *   the surname ("Verstraete sr.").
 * - Surname first ("Verhoeven Koen", "De Smet Geert", "Van den Broeck Marie Claire"): when the name does not
 *   start with a known first name or initial but ends with one or more, when it starts with a particle, or
 *   — neither end being a known first name — when the e-mail's local part spells the last word as the first
 *   name ("Wuyts Xandro" with xandro.wuyts@…, x.wuyts@…, xandrowuyts@…).
 * - The other communities' particles ("Ben Salah", "Di Rupo", "da Silva") are the surname's in any case;
 *   "Ben" / "Bel" starting a name only when first names follow the surname or the e-mail says so.
 * - Several titles joined by "en" / "et" / "&" are titles; a name of titles only has no parts. A double surname
 *   with a spaced dash ("Van Looy - Maes") is one surname. A common Vietnamese surname at one end is the surname.
 */
export function splitNameWhole(name: string | null | undefined, email?: unknown): NameParts {
  const { before, after } = commaSides(name);
  // Titles after the comma are no name ("Verbruggen, Dr. Tom"; "Jan Peeters, ir." has no first name there).
  const given = after ? after.slice(titleCount(after)) : [];
  const comma = after ? commaSplit(before, given) : null;
  if (comma) return toParts(comma);
  const { words, suffixes } = withoutTitlesAndSuffixes(withDoubleSurnames([...before, ...given]));
  const split = splitWords(words, email);
  return toParts({ ...split, surname: [...split.surname, ...suffixes] });
}

/**
 * A name's words before its first comma and after it (`after` null without a comma); a comma is never part of a
 * word: further commas separate words ("Verbruggen,Tom" has a comma, "Tom Verbruggen" none).
 */
function commaSides(name: string | null | undefined): { before: string[]; after: string[] | null } {
  const text = String(name ?? '');
  const at = text.indexOf(',');
  if (at < 0) return { before: wordsOf(text), after: null };
  return { before: wordsOf(text.slice(0, at)), after: wordsOf(text.slice(at + 1).replace(/,/g, ' ')) };
}

/**
 * "Surname, First name" (pasted lists, Outlook exports): the words before the comma are the surname, the words after
 * it the first name(s) — "Verbruggen, Tom" → Tom / – / Verbruggen, "De Smet, Geert Jan" → Geert Jan / – / De Smet,
 * as "De Smet Geert Jan" splits. Particles after the first names go with the surname, the Dutch sorted way ("Broek,
 * Pieter van den" → Pieter / van den / Broek, as "Pieter van den Broek"); titles before either side and generational
 * suffixes ("Verbruggen, Tom sr.") as without a comma. Null when a side has no name left ("Tom Verbruggen, sr.",
 * "Jan Peeters, ir.", ", Tom"): the comma then only separates words.
 */
function commaSplit(before: readonly string[], given: readonly string[]): Split | null {
  const surnameSide = before.slice(titleCount(before));
  const all = [...surnameSide, ...given];
  const mask = suffixMask(all);
  const suffixes = all.filter((_, i) => mask[i]);
  const surname = surnameSide.filter((_, i) => !mask[i]);
  const first = given.filter((_, i) => !mask[surnameSide.length + i]);
  if (surname.length === 0 || first.length === 0) return null;
  let j = first.length;
  while (j > 1 && isParticle(first[j - 1]) && !mayBeFirstName(first[j - 1])) j--;
  const parts = surnameWithParticles([...first.slice(j), ...surname]);
  return { first: first.slice(0, j), middle: parts.middle, surname: [...parts.surname, ...suffixes] };
}

/** The dashes of a double surname typed with spaces: "Van Looy - Maes". */
const DASH = /^[-\u2010-\u2015]$/u;

/**
 * A double surname joined by a spaced dash ("Van Looy - Maes", "Maes - Van Looy") is one word for the split:
 * the word before the dash, the dash, and the particles and word after it.
 */
function withDoubleSurnames(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (DASH.test(words[i]) && out.length > 0 && i < words.length - 1) {
      let j = i + 1;
      while (j < words.length - 1 && isParticle(words[j])) j++;
      out[out.length - 1] = [out[out.length - 1], ...words.slice(i, j + 1)].join(' ');
      i = j;
    } else out.push(words[i]);
  }
  return out;
}

type PartKey = keyof NameParts;
const PART_KEYS: readonly PartKey[] = ['firstName', 'middleName', 'surname'];

/** Where `part`'s words stand in `words` as whole words (any case), avoiding `used`; -1 when nowhere. */
function findWords(words: readonly string[], part: readonly string[], used: ReadonlySet<number>): number {
  outer: for (let i = 0; i + part.length <= words.length; i++) {
    for (let k = 0; k < part.length; k++) {
      if (used.has(i + k) || fold(words[i + k]) !== fold(part[k])) continue outer;
    }
    return i;
  }
  return -1;
}

/**
 * A name sent with only some of its parts ("Peeters Xandro" with surname "Peeters"): when every non-blank
 * part sent stands in the name as whole words, the other words of the name fill the parts not sent —
 * without titles; suffixes go with the surname when it is not sent. Null when this does not apply (all
 * parts sent, none non-blank, or one not in the name): then the parts sent win as before.
 */
export function partsFromName(name: string, sent: Partial<NameParts>): NameParts | null {
  const missing = PART_KEYS.filter((k) => !(k in sent));
  const given = PART_KEYS.filter((k) => k in sent && wordsOf(sent[k]).length > 0);
  if (missing.length === 0 || given.length === 0) return null;
  const all = nameWords(name);
  const words = all.slice(titleCount(all));
  const used = new Set<number>();
  const at: Partial<Record<PartKey, number>> = {};
  for (const k of given) {
    const part = wordsOf(sent[k]);
    const i = findWords(words, part, used);
    if (i < 0) return null;
    at[k] = i;
    for (let j = i; j < i + part.length; j++) used.add(j);
  }
  const rest = words.filter((_, i) => !used.has(i));
  const out: NameParts = {
    firstName: null,
    middleName: null,
    surname: null,
  };
  for (const k of PART_KEYS) if (k in sent) out[k] = joined(wordsOf(sent[k]));
  const isSuffix = (w: string) => SUFFIXES.has(bare(w)) || SPELLED_SUFFIXES.has(bare(w));
  const has = (k: PartKey) => missing.includes(k);
  if (has('surname') && has('middleName')) {
    const s = surnameWithParticles(rest);
    out.middleName = joined(s.middle);
    out.surname = joined(s.surname);
  } else if (has('surname') && has('firstName')) {
    // Around the middle name sent: before it the first name, after it the surname.
    const mid = at.middleName ?? 0;
    out.firstName = joined(words.filter((_, i) => !used.has(i) && i < mid));
    out.surname = joined(words.filter((_, i) => !used.has(i) && i > mid));
  } else if (has('surname')) {
    out.surname = joined(rest);
  } else {
    // The surname was sent: suffixes are not the first or middle name.
    const own = rest.filter((w) => !isSuffix(w));
    if (has('firstName') && has('middleName')) {
      let j = own.length;
      while (j > 0 && isParticle(own[j - 1])) j--;
      out.firstName = joined(own.slice(0, j));
      out.middleName = joined(own.slice(j));
    } else if (has('firstName')) out.firstName = joined(own);
    else out.middleName = joined(own);
  }
  return out;
}

/**
 * Whether the parts spell the name: the same words, in any order and any case, the name's leading titles aside
 * ("Dr. Lies Peeters" and "Peeters Lies" are spelled by "Lies" / – / "Peeters"; "Lies Janssens" is not).
 */
export function partsSpellName(name: string | null | undefined, parts: NameParts): boolean {
  const all = nameWords(name);
  const spelt = all.slice(titleCount(all)).map(fold).sort();
  const partWords = PART_KEYS.flatMap((k) => wordsOf(parts[k]))
    .map(fold)
    .sort();
  return spelt.length > 0 && spelt.join(' ') === partWords.join(' ');
}
