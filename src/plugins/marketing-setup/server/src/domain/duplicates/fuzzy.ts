/**
 * The fuzzy duplicate rule (design §1): normalised fields compared one by one, each with the method
 * that suits it, into a per-field breakdown and a weighted total. Names use Jaro-Winkler and Double
 * Metaphone (`natural`); identifiers (VAT, phone, e-mail, post code) use exact or prefix comparison.
 * A field blank on either side is left out and the weights of the others are scaled up, so missing
 * data never counts against a pair. Also the blocking keys the adapter indexes to find candidates.
 * Pure: no Strapi, no I/O.
 */
import type { DoubleMetaphone as DoubleMetaphoneClass, JaroWinklerDistance as JaroWinklerFn } from 'natural';
import {
  companyNameTokens,
  normaliseCity,
  normaliseEmail,
  normalisePhone,
  normalisePostCode,
  normaliseVat,
  parseAddress,
  personName,
  tokens,
} from './normalise';

// Deep requires on purpose: natural's index loads every storage adapter, which calls dotenv.config()
// (reads .env, logs) and costs about a second at start-up. These two files have no dependencies.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jaroWinkler: typeof JaroWinklerFn = require('natural/lib/natural/distance/jaro-winkler_distance');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const DoubleMetaphone: typeof DoubleMetaphoneClass = require('natural/lib/natural/phonetics/double_metaphone');
const metaphone = new DoubleMetaphone();

export type ContactKind = 'company' | 'person';
export type FuzzyField = 'name' | 'vatRegistrationNo' | 'email' | 'phone' | 'address' | 'postCode' | 'city';

/**
 * Field weights (before scaling to the fields present on both). The name carries most, because a pair
 * is about one party; VAT, e-mail and phone identify a party; address, post code and city are shared by
 * neighbours, so they only confirm. Tuned on the generator of bench/matching (docs/matching.md).
 */
export const FUZZY_WEIGHTS: Readonly<Record<FuzzyField, number>> = Object.freeze({
  name: 0.35,
  vatRegistrationNo: 0.2,
  email: 0.1,
  phone: 0.15,
  address: 0.1,
  postCode: 0.05,
  city: 0.05,
});
/** A pair fires when the weighted total reaches this … */
export const FUZZY_THRESHOLD = 0.8;
/** … and the names alone score at least this: neighbours and namesakes share everything but the name. */
export const NAME_FLOOR = 0.85;
/** A name alone is never enough: at least two fields must be present on both contacts. */
export const MIN_FIELDS = 2;

/** Score of two tokens that sound alike (same Double Metaphone code) but are spelt apart: Filips/Philips. */
const PHONETIC_SCORE = 0.9;
/** A first name written as initials ("J." / "J.P.") that agrees with the other's first letters. */
const INITIAL_SCORE = 0.9;
/** A person known only by surname on one side: the first name neither confirms nor contradicts. */
const UNKNOWN_FIRST_NAME_SCORE = 0.8;

const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.be', 'hotmail.nl', 'outlook.com', 'outlook.be', 'live.com',
  'live.be', 'live.nl', 'msn.com', 'yahoo.com', 'yahoo.fr', 'icloud.com', 'me.com', 'proton.me', 'protonmail.com',
  'telenet.be', 'skynet.be', 'proximus.be', 'scarlet.be', 'belgacom.net', 'pandora.be', 'ziggo.nl', 'kpnmail.nl',
  'hetnet.nl', 'home.nl', 'planet.nl', 'xs4all.nl', 'gmx.com', 'gmx.net', 'orange.fr', 'free.fr',
]);

interface Token {
  text: string;
  codes: string[]; // Double Metaphone primary and alternate, '' dropped
}

const PREPARED = Symbol('prepared contact');

/** A contact normalised once, so scoring it against many candidates repeats no string work. */
export interface PreparedContact {
  readonly [PREPARED]: true;
  kind: ContactKind;
  name: string; // normalised, for the breakdown
  nameTokens: Token[]; // companies: significant words; persons: unused
  first: Token[]; // persons: first-name words
  surname: Token | null; // persons: surname without spaces
  street: string;
  houseNo: string;
  city: string;
  postCode: string;
  phones: string[];
  vat: string;
  email: string;
}

export interface FieldScore {
  field: FuzzyField;
  score: number; // 0..1
  weight: number; // share of the total, scaled to the fields present on both
  method: string;
  values: [string, string]; // the normalised values compared
}

export interface FuzzyResult {
  total: number; // 0..1, Σ weight × score
  breakdown: FieldScore[];
  fires: boolean;
  threshold: number;
}

export interface FuzzyOptions {
  threshold?: number;
  nameFloor?: number;
  weights?: Partial<Record<FuzzyField, number>>;
}

type ContactLike = Record<string, unknown>;

export const contactKind = (contact: ContactLike): ContactKind => (contact?.type === 'person' ? 'person' : 'company');

const token = (text: string): Token => ({
  text,
  codes: text.length >= 3 ? metaphone.process(text).filter(Boolean) : [],
});

export function prepareContact(contact: ContactLike | PreparedContact): PreparedContact {
  if ((contact as PreparedContact)[PREPARED]) return contact as PreparedContact;
  const c = contact as ContactLike;
  const kind = contactKind(c);
  const address = parseAddress(c.address);
  const phones = [c.phoneNo, c.mobilePhoneNo].map(normalisePhone).filter(Boolean);
  const base = {
    [PREPARED]: true as const,
    kind,
    street: address.street,
    houseNo: address.number,
    city: normaliseCity(c.city),
    postCode: normalisePostCode(c.postCode),
    phones: [...new Set(phones)],
    vat: normaliseVat(c.vatRegistrationNo),
    email: normaliseEmail(c.email),
  };
  if (kind === 'person') {
    const p = personName(c);
    const surname = p.surname.replace(/ /g, '');
    return {
      ...base,
      name: [p.first, p.surname].filter(Boolean).join(' '),
      nameTokens: [],
      first: tokens(p.first).map(token),
      surname: surname ? token(surname) : null,
    };
  }
  const words = companyNameTokens(c.name);
  return { ...base, name: words.join(' '), nameTokens: words.map(token), first: [], surname: null };
}

/** Jaro-Winkler, lifted to PHONETIC_SCORE when the two sound the same. */
function tokenSimilarity(a: Token, b: Token): number {
  if (a.text === b.text) return 1;
  const jw = jaroWinkler(a.text, b.text);
  const soundAlike = a.codes.some((code) => b.codes.includes(code));
  return soundAlike ? Math.max(jw, PHONETIC_SCORE) : jw;
}

/** Mean over a's words of the best match in b (Monge-Elkan): tolerant of dropped and reordered words. */
function mongeElkan(a: Token[], b: Token[]): number {
  let sum = 0;
  for (const x of a) sum += Math.max(...b.map((y) => tokenSimilarity(x, y)));
  return sum / a.length;
}

function companyNameScore(a: PreparedContact, b: PreparedContact): [number, string] {
  const whole = tokenSimilarity(token(a.name.replace(/ /g, '')), token(b.name.replace(/ /g, '')));
  if (whole === 1) return [1, 'exact'];
  const words = (mongeElkan(a.nameTokens, b.nameTokens) + mongeElkan(b.nameTokens, a.nameTokens)) / 2;
  return words > whole ? [words, 'jaro-winkler+metaphone (words)'] : [whole, 'jaro-winkler+metaphone'];
}

function firstNameScore(a: Token[], b: Token[]): number {
  if (a.length === 0 || b.length === 0) return UNKNOWN_FIRST_NAME_SCORE;
  const initialsOnly = (t: Token[]) => t.every((x) => x.text.length === 1);
  if (initialsOnly(a) || initialsOnly(b)) {
    const [short, long] = initialsOnly(a) ? [a, b] : [b, a];
    const agree = short.every((x, i) => long[i] && long[i].text[0] === x.text);
    return agree ? INITIAL_SCORE : 0;
  }
  const joined = (t: Token[]) => token(t.map((x) => x.text).join(''));
  return Math.max(tokenSimilarity(a[0], b[0]), tokenSimilarity(joined(a), joined(b)));
}

/** Geometric mean of surname and first-name similarity: "Jan Peeters" vs "Marc Peeters" stays low. */
function personNameScore(a: PreparedContact, b: PreparedContact): [number, string] {
  if (!a.surname || !b.surname) return [0, 'missing surname'];
  const pair = (f1: Token[], s1: Token, f2: Token[], s2: Token) =>
    Math.sqrt(tokenSimilarity(s1, s2) * firstNameScore(f1, f2));
  const direct = pair(a.first, a.surname, b.first, b.surname);
  if (direct === 1) return [1, 'exact'];
  // Surname first on one side ("Peeters Jan" split as first "peeters", surname "jan"): compare crosswise.
  const swapped = b.first.length
    ? pair(a.first, a.surname, [b.surname], token(b.first.map((x) => x.text).join('')))
    : 0;
  const best = Math.max(direct, swapped);
  return [best, best === direct ? 'jaro-winkler+metaphone (first, surname)' : 'jaro-winkler+metaphone (name order swapped)'];
}

/** Same number except one digit (typo or swapped pair). */
function oneDigitApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  if (diff.length === 1) return true;
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);
const localOf = (email: string) => email.slice(0, email.lastIndexOf('@'));

type Compared = [field: FuzzyField, score: number, method: string, a: string, b: string];

/** The per-field comparisons for fields present on both contacts. */
function compareFields(a: PreparedContact, b: PreparedContact): Compared[] {
  const out: Compared[] = [];
  if (a.kind === 'person' ? a.surname && b.surname : a.nameTokens.length && b.nameTokens.length) {
    const [score, method] = a.kind === 'person' ? personNameScore(a, b) : companyNameScore(a, b);
    out.push(['name', score, method, a.name, b.name]);
  }
  if (a.vat && b.vat) {
    const [score, method] = a.vat === b.vat ? [1, 'exact'] : oneDigitApart(a.vat, b.vat) ? [0.6, 'one digit apart'] : [0, 'different'];
    out.push(['vatRegistrationNo', score, method, a.vat, b.vat]);
  }
  if (a.email && b.email) {
    let score = 0;
    let method = 'different';
    if (a.email === b.email) [score, method] = [1, 'exact'];
    else if (a.kind === 'company' && domainOf(a.email) === domainOf(b.email) && !FREE_MAIL_DOMAINS.has(domainOf(a.email))) {
      [score, method] = [0.8, 'same company domain'];
    } else if (localOf(a.email) === localOf(b.email) && localOf(a.email).length >= 5) {
      [score, method] = [0.6, 'same mailbox name'];
    }
    out.push(['email', score, method, a.email, b.email]);
  }
  if (a.phones.length && b.phones.length) {
    let score = 0;
    let method = 'different';
    for (const x of a.phones) {
      for (const y of b.phones) {
        if (x === y) [score, method] = [1, 'exact'];
        else if (score < 0.7 && (oneDigitApart(x, y) || (x.length >= 6 && x.slice(-6) === y.slice(-6)))) {
          [score, method] = [0.7, 'one digit apart or same last 6 digits'];
        }
      }
    }
    out.push(['phone', score, method, a.phones.join(', '), b.phones.join(', ')]);
  }
  if (a.street && b.street) {
    const street = a.street === b.street ? 1 : jaroWinkler(a.street, b.street);
    const numbers = !a.houseNo || !b.houseNo ? 0.9 : a.houseNo === b.houseNo ? 1 : 0.5;
    const method = street === 1 && numbers === 1 ? 'exact' : 'jaro-winkler street × house number';
    out.push(['address', street * numbers, method, `${a.street} ${a.houseNo}`.trim(), `${b.street} ${b.houseNo}`.trim()]);
  }
  if (a.postCode && b.postCode) {
    const [score, method] =
      a.postCode === b.postCode ? [1, 'exact']
        : a.postCode.length > 4 && a.postCode.slice(0, 4) === b.postCode.slice(0, 4) ? [0.8, 'same 4-digit prefix']
          : [0, 'different'];
    out.push(['postCode', score, method, a.postCode, b.postCode]);
  }
  if (a.city && b.city) {
    const jw = a.city === b.city ? 1 : jaroWinkler(a.city, b.city);
    // Different towns often look alike (Gent/Genk); only a near-identical spelling is a typo.
    const score = jw >= 0.9 ? jw : 0;
    out.push(['city', score, score === 1 ? 'exact' : 'jaro-winkler (≥ 0.9)', a.city, b.city]);
  }
  return out;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Fuzzy score of two contacts (raw records or prepared ones), with its per-field breakdown. */
export function fuzzyScore(
  a: ContactLike | PreparedContact,
  b: ContactLike | PreparedContact,
  opts: FuzzyOptions = {},
): FuzzyResult {
  const threshold = opts.threshold ?? FUZZY_THRESHOLD;
  const weights = { ...FUZZY_WEIGHTS, ...opts.weights };
  const pa = prepareContact(a);
  const pb = prepareContact(b);
  const compared = pa.kind === pb.kind ? compareFields(pa, pb) : [];
  const weightSum = compared.reduce((s, [field]) => s + weights[field], 0);
  const breakdown: FieldScore[] = compared.map(([field, score, method, va, vb]) => ({
    field,
    score: round3(score),
    weight: weightSum > 0 ? round3(weights[field] / weightSum) : 0,
    method,
    values: [va, vb],
  }));
  const total = weightSum > 0 ? round3(compared.reduce((s, [field, score]) => s + weights[field] * score, 0) / weightSum) : 0;
  const name = breakdown.find((f) => f.field === 'name');
  const fires =
    compared.length >= MIN_FIELDS && !!name && name.score >= (opts.nameFloor ?? NAME_FLOOR) && total >= threshold;
  return { total, breakdown, fires, threshold };
}

/**
 * Strings under which the adapter indexes a contact; candidates for the fuzzy rule are the contacts
 * sharing at least one key (SQLite has no trigram index). Prefixed with the contact type, so persons
 * only ever meet persons. Keys: name sound + post code (first and longest name word, or the surname),
 * last 6 phone digits, VAT number, e-mail.
 */
export function blockingKeys(contact: ContactLike | PreparedContact): string[] {
  const p = prepareContact(contact);
  const t = p.kind === 'person' ? 'p' : 'c';
  const keys = new Set<string>();
  // Dutch post codes keep only their digits here, so a wrong letter pair still meets.
  const place = p.postCode ? p.postCode.slice(0, 4) : p.city;
  const nameWords = p.kind === 'person'
    ? (p.surname ? [p.surname] : [])
    : [p.nameTokens[0], [...p.nameTokens].sort((x, y) => y.text.length - x.text.length)[0]].filter(Boolean);
  if (place) for (const w of nameWords) keys.add(`${t}n:${w.codes[0] || w.text}:${place}`);
  for (const phone of p.phones) if (phone.length >= 6) keys.add(`${t}t:${phone.slice(-6)}`);
  if (p.vat) keys.add(`${t}v:${p.vat}`);
  if (p.email) keys.add(`${t}e:${p.email}`);
  return [...keys];
}
