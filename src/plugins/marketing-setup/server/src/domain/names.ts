/**
 * A person's name typed in one field → First Name / Middle Name / Surname (reference §2.3), with what the
 * reference's word count does not know: surname particles ("Van den Broeck", "van der Berg"), forms of
 * address and titles ("Mevrouw", "Dr."), generational suffixes ("sr.", "III"), names written surname first
 * ("Verhoeven Koen"), and the e-mail address as a witness of the order. Pure: no Strapi, no I/O.
 */
import { isInitial, isKnownFirstName, surnameFirstSplit } from './first-names';

export interface NameParts {
  firstName: string | null;
  middleName: string | null;
  surname: string | null;
}

/** Name parts are Text[30] in the reference. */
const NAME_PART_MAX = 30;

const fold = (w: string) =>
  w
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'");
/** A word folded without a trailing dot: "Dr." → "dr". */
const bare = (w: string) => fold(w).replace(/\.$/, '');
const joined = (words: readonly string[]): string | null =>
  words.length ? words.join(' ').slice(0, NAME_PART_MAX) : null;
const wordsOf = (name: string | null | undefined) =>
  String(name ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);

/**
 * Surname particles (Dutch, Flemish, French), one word each: runs of them make "van den", "op de", "in 't",
 * "de la", "in het". "In", "op" and "het" only ever stand in such a run before a surname.
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
export const isParticle = (w: string) => PARTICLES.has(fold(w));
/** Written with a capital ("Van", "De", "'T"): the Belgian way, part of the surname. */
const capitalised = (w: string) => /^\P{L}*\p{Lu}/u.test(w);

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
/** How many leading words are titles (at least one word is left over). */
function titleCount(words: readonly string[]): number {
  let i = 0;
  for (;;) {
    const left = words.length - i;
    if (left >= 3 && bare(words[i]) === 'de' && bare(words[i + 1]) === 'heer') i += 2;
    else if (left >= 2 && TITLES.has(bare(words[i]))) i += 1;
    else if (left >= 3 && bare(words[i]) === 'm' && words[i].endsWith('.') && isKnownFirstName(words[i + 1])) i += 1;
    else return i;
  }
}

/** Generational suffixes; they go with the surname. Spelled out ("Senior") only when two other words remain. */
const SUFFIXES = new Set(['sr', 'jr', 'ii', 'iii']);
const SPELLED_SUFFIXES = new Set(['senior', 'junior']);

/** The words without titles and suffixes, and the suffixes, in the order typed. */
function withoutTitlesAndSuffixes(all: readonly string[]): { words: string[]; suffixes: string[]; titled: boolean } {
  const titles = titleCount(all);
  const rest = all.slice(titles);
  const isSuffix = (w: string, i: number, spelled: boolean) =>
    i > 0 && (SUFFIXES.has(bare(w)) || (spelled && SPELLED_SUFFIXES.has(bare(w))));
  const count = (spelled: boolean) => rest.filter((w, i) => isSuffix(w, i, spelled)).length;
  const spelled = rest.length - count(true) >= 2;
  const suffixes = rest.filter((w, i) => isSuffix(w, i, spelled));
  const words = rest.filter((w, i) => !isSuffix(w, i, spelled));
  return { words, suffixes, titled: titles > 0 };
}

const firstNameLike = (w: string) => isKnownFirstName(w) || isInitial(w);

/** Surname words → middle name (leading lower-case particles: the Dutch way) and surname (the rest). */
function surnameWithParticles(words: readonly string[]): { middle: string[]; surname: string[] } {
  let j = 0;
  while (j < words.length - 1 && isParticle(words[j]) && !capitalised(words[j])) j++;
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

interface Split {
  first: string[];
  middle: string[];
  surname: string[];
}

/** The split of words without titles and suffixes. */
function splitWords(words: readonly string[], email: unknown, titled: boolean): Split {
  const n = words.length;
  if (n === 0) return { first: [], middle: [], surname: [] };
  // One word: the first name (the reference), but after a title or before a suffix the surname
  // ("Mevrouw Peeters", "Peeters jr.").
  if (n === 1)
    return titled ? { first: [], middle: [], surname: [...words] } : { first: [...words], middle: [], surname: [] };

  // Surname first: the first names tell, the name starts with a particle (the particles and one word are
  // the surname: "Van Dijk Xandro"), or the e-mail tells.
  let surnameWords = surnameFirstSplit(words) > 0 ? n - surnameFirstSplit(words) : 0;
  if (surnameWords === 0 && isParticle(words[0])) {
    while (surnameWords < n - 1 && isParticle(words[surnameWords])) surnameWords++;
    surnameWords++;
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

/**
 * Name → parts. The reference's way (last word surname, second-to-last middle name, earlier words first
 * name), with these additions:
 * - Particles: a run of them before the surname never goes to the first name. Written with a capital (the
 *   Belgian way: "Pieter Van den Broeck", "Geert De Smet") they are part of the surname; in lower case (the
 *   Dutch way: "Pieter van den Broek", "Anna Maria van Dijk") they are the middle name.
 * - Leading titles and forms of address ("Mevrouw", "Dr.", "De heer") are no name part; after them a single
 *   word is the surname. Generational suffixes ("sr.", "jr", "III") go with the surname ("Verstraete sr.").
 * - Surname first ("Verhoeven Koen", "De Smet Geert", "Van den Broeck Marie Claire"): when the name does not
 *   start with a known first name or initial but ends with one or more, when it starts with a particle, or
 *   — neither end being a known first name — when the e-mail's local part spells the last word as the first
 *   name ("Wuyts Xandro" with xandro.wuyts@…, x.wuyts@…, xandrowuyts@…).
 */
export function splitName(name: string | null | undefined, email?: unknown): NameParts {
  const { words, suffixes, titled } = withoutTitlesAndSuffixes(wordsOf(name));
  const split = splitWords(words, email, titled || suffixes.length > 0);
  return toParts({ ...split, surname: [...split.surname, ...suffixes] });
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
  const all = wordsOf(name);
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
