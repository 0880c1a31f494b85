/**
 * The fuzzy duplicate rule (design §1): normalised fields compared one by one, each with the method
 * that suits it, into a per-field breakdown and a weighted total. Names use Jaro-Winkler and Double
 * Metaphone (names.ts); identifiers (VAT, phone, e-mail, post code) use exact or prefix comparison.
 * A field blank on either side is left out and the weights of the others are scaled up, so missing
 * data never counts against a pair. Also the blocking keys the adapter indexes to find candidates.
 * Pure: no Strapi, no I/O.
 */
import { NameReading, NameToken, companyNameScore, jaroWinkler, nameReading, nameToken, personNameScore } from './names';
import {
  companyNameTokens,
  normaliseCity,
  normaliseEmail,
  normalisePhone,
  normalisePostCode,
  normaliseVat,
  parseAddress,
  personName,
} from './normalise';

export type ContactKind = 'company' | 'person';
export type FuzzyField = 'name' | 'vatRegistrationNo' | 'email' | 'phone' | 'address' | 'postCode' | 'city';

/**
 * Field weights (before scaling to the fields present on both). The name carries most, because a pair
 * is about one party; VAT, e-mail and phone identify a party; address, post code and city are shared by
 * neighbours, so they only confirm. Set by hand; they count only where no identifier is shared.
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
// Firing constants; the rule itself is `fuzzyFires`. Tuned on bench/matching (docs/matching.md).
/** Names at least this alike, always: neighbours, households and namesakes share all but the name. */
export const NAME_FLOOR = 0.8;
/** Weighted total needed when no identifier (VAT number, e-mail, phone) is shared. */
export const FUZZY_THRESHOLD = 0.85;
/**
 * Also without a shared identifier: the fields other than the name must agree at least this much, so
 * a similar name with nothing else in common (the same name in another town) is not enough.
 */
export const OTHER_FIELDS_FLOOR = 0.5;
/** A name alone is never enough: at least two fields must be present on both contacts. */
export const MIN_FIELDS = 2;

const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.be', 'hotmail.nl', 'outlook.com', 'outlook.be', 'live.com',
  'live.be', 'live.nl', 'msn.com', 'yahoo.com', 'yahoo.fr', 'icloud.com', 'me.com', 'proton.me', 'protonmail.com',
  'telenet.be', 'skynet.be', 'proximus.be', 'scarlet.be', 'belgacom.net', 'pandora.be', 'ziggo.nl', 'kpnmail.nl',
  'hetnet.nl', 'home.nl', 'planet.nl', 'xs4all.nl', 'gmx.com', 'gmx.net', 'orange.fr', 'free.fr',
]);

const PREPARED = Symbol('prepared contact');

/** A contact normalised once, so scoring it against many candidates repeats no string work. */
export interface PreparedContact {
  readonly [PREPARED]: true;
  kind: ContactKind;
  name: string; // normalised, for the breakdown
  nameTokens: NameToken[]; // companies: significant words
  readings: NameReading[]; // persons: the parts, or both readings of a name typed in one field
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
  otherFieldsFloor?: number;
  weights?: Partial<Record<FuzzyField, number>>;
}

type ContactLike = Record<string, unknown>;

export const contactKind = (contact: ContactLike): ContactKind => (contact?.type === 'person' ? 'person' : 'company');

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
    const readings = nameReading(p.first, p.surname, false);
    if (p.surnameFirst) readings.push(...nameReading(p.surnameFirst.first, p.surnameFirst.surname, true));
    return { ...base, name: [p.first, p.surname].filter(Boolean).join(' '), nameTokens: [], readings };
  }
  const words = companyNameTokens(c.name);
  return { ...base, name: words.join(' '), nameTokens: words.map(nameToken), readings: [] };
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
  if (a.kind === 'person' ? a.readings.length && b.readings.length : a.nameTokens.length && b.nameTokens.length) {
    const [score, method] = a.kind === 'person' ? personNameScore(a.readings, b.readings) : companyNameScore(a.nameTokens, b.nameTokens);
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
    // Street names share endings (…straat, …steenweg); below 0.85 they are simply other streets.
    const jw = a.street === b.street ? 1 : jaroWinkler(a.street, b.street);
    const street = jw >= 0.85 ? jw : 0;
    const numbers = !a.houseNo || !b.houseNo ? 0.9 : a.houseNo === b.houseNo ? 1 : 0.5;
    const method = street === 1 && numbers === 1 ? 'exact' : 'jaro-winkler street × house number';
    out.push(['address', street * numbers, method, `${a.street} ${a.houseNo}`.trim(), `${b.street} ${b.houseNo}`.trim()]);
  }
  if (a.postCode && b.postCode) {
    const [score, method] =
      a.postCode === b.postCode ? [1, 'exact']
        : Math.max(a.postCode.length, b.postCode.length) > 4 && a.postCode.slice(0, 4) === b.postCode.slice(0, 4)
          ? [0.8, 'same 4 digits (Dutch letters differ)']
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
  return { total, breakdown, fires: fuzzyFires(breakdown, total, opts), threshold };
}

/** Fields that identify a party: equal on both sides, with a similar name, they settle the question. */
const IDENTIFIERS: readonly FuzzyField[] = ['vatRegistrationNo', 'email', 'phone'];

/**
 * The firing rule, on its own so the benchmark can tune it from stored breakdowns:
 *  1. at least MIN_FIELDS fields on both sides, and names at least NAME_FLOOR alike;
 *  2. never when both have a VAT number and they differ: two legal entities (a holding and its
 *     operating company share address, phone and most of a name);
 *  3. then a shared VAT number, e-mail address or phone number is enough — parties move, so the
 *     address may disagree;
 *  4. otherwise the total must reach FUZZY_THRESHOLD and the fields other than the name must agree at
 *     least OTHER_FIELDS_FLOOR (a namesake in another town agrees on nothing but the name).
 */
export function fuzzyFires(breakdown: readonly FieldScore[], total: number, opts: FuzzyOptions = {}): boolean {
  const field = (f: FuzzyField) => breakdown.find((x) => x.field === f);
  const name = field('name');
  if (breakdown.length < MIN_FIELDS || !name || name.score < (opts.nameFloor ?? NAME_FLOOR)) return false;
  if (field('vatRegistrationNo')?.score === 0) return false;
  if (IDENTIFIERS.some((f) => field(f)?.score === 1)) return true;
  const others = breakdown.filter((f) => f.field !== 'name');
  const otherWeight = others.reduce((s, f) => s + f.weight, 0);
  const otherAgreement = others.reduce((s, f) => s + f.weight * f.score, 0) / otherWeight;
  return otherAgreement >= (opts.otherFieldsFloor ?? OTHER_FIELDS_FLOOR) && total >= (opts.threshold ?? FUZZY_THRESHOLD);
}

/**
 * Why the fuzzy breakdown says the two are different parties, or null: both have a VAT number and they
 * differ (two legal entities), or both have a name and the names are clearly different (below the name
 * floor: a holding next to its operating company, two members of a household, neighbours). Used by the
 * verdict to overrule the search-string rule, which counts shared address and phone prefixes only.
 */
export function contradiction(breakdown: readonly FieldScore[], opts: FuzzyOptions = {}): 'vatRegistrationNo' | 'name' | null {
  const field = (f: FuzzyField) => breakdown.find((x) => x.field === f);
  if (field('vatRegistrationNo')?.score === 0) return 'vatRegistrationNo';
  const name = field('name');
  if (name && name.score < (opts.nameFloor ?? NAME_FLOOR)) return 'name';
  return null;
}

/** Company name words used as keys (a typo rarely hits every word). */
const MAX_NAME_KEYS = 4;

/**
 * Strings under which the adapter indexes a contact; candidates for the fuzzy rule are the contacts
 * sharing at least one key (SQLite has no trigram index). Prefixed with the contact type, so persons
 * only ever meet persons. Keys: name sound × place (post code and town; companies: each significant
 * name word; persons: the surname — of both readings when the name was typed in one field), last 6
 * phone digits, VAT number, e-mail. The adapter may skip a key shared by very many contacts.
 */
export function blockingKeys(contact: ContactLike | PreparedContact): string[] {
  const p = prepareContact(contact);
  const t = p.kind === 'person' ? 'p' : 'c';
  const keys = new Set<string>();
  // Dutch post codes keep only their digits here, so a wrong letter pair still meets. The town is a
  // key of its own, so a record without post code still meets one with it.
  const places = [p.postCode.slice(0, 4), p.city].filter(Boolean);
  const nameWords = p.kind === 'person'
    ? p.readings.map((r) => r.surname)
    : p.nameTokens.filter((w) => w.text.length >= 3).slice(0, MAX_NAME_KEYS);
  for (const place of places) for (const w of nameWords) keys.add(`${t}n:${w.code || w.text}:${place}`);
  for (const phone of p.phones) if (phone.length >= 6) keys.add(`${t}t:${phone.slice(-6)}`);
  if (p.vat) keys.add(`${t}v:${p.vat}`);
  if (p.email) keys.add(`${t}e:${p.email}`);
  return [...keys];
}
