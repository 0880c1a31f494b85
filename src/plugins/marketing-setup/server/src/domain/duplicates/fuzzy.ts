/**
 * The fuzzy duplicate rule (design §1): normalised fields compared one by one, each with the method
 * that suits it, into a per-field breakdown and a weighted total. Names use Jaro-Winkler and Double
 * Metaphone (names.ts); identifiers (VAT, phone, e-mail, post code) use exact or prefix comparison.
 * A field blank on either side is left out and the weights of the others are scaled up, so missing
 * data never counts against a pair. Also the blocking keys the adapter indexes to find candidates.
 * Pure: no Strapi, no I/O.
 */
import {
  type NameParts,
  type NameReading,
  type NameToken,
  SHORTENED_FIRST_NAME,
  type Scored,
  companyNameScore,
  jaroWinkler,
  nameReading,
  nameToken,
  personNameScore,
} from './names';
import { isKnownFirstName } from '../first-names';
import {
  companyNameTokens,
  legalFormKind,
  normaliseCity,
  normaliseEmails,
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
/**
 * With a strong identifier shared (the same VAT number; a person's e-mail address or mobile number) the names need
 * only be this alike — a typo in both first name and surname — and, for persons, the first names must
 * still agree (STRONG_FIRST_NAME_FLOOR): a household's family mailbox is shared by two first names.
 */
export const STRONG_NAME_FLOOR = 0.65;
export const STRONG_FIRST_NAME_FLOOR = 0.85;
/** Phone method of an equal mobile number: one person's (a landline is shared by a household or an office). */
export const MOBILE_EXACT = 'exact (mobile number)';
/**
 * Phone method when both persons have a mobile number and none is the other's: a mobile is one person's, so
 * two of them are two people (father and son at one address, on one landline) — the phone then disagrees,
 * whatever landline they share.
 */
export const MOBILES_DIFFER = 'different mobile numbers';
/**
 * E-mail method of one mailbox on both persons that names no first name ("coppens.familie@…"): a household's
 * mailbox, so it does not tell which member a record is; it confirms like an address, it does not identify.
 */
export const SHARED_MAILBOX = "same mailbox, no first name in it (a household's?)";
/** E-mail method of two companies' addresses on one own (not a free-mail) domain: info@ next to sales@. */
export const SAME_COMPANY_DOMAIN = 'same company domain';
/**
 * Company names at least this alike on one own mail domain are one company, whatever else changed (a move, a
 * new switchboard). A holding ("… Holding" caps the name at 0.7) and sister companies ("Brand Gent" / "Brand
 * Antwerpen") share the domain under another name, so the floor is near-equality, not NAME_FLOOR.
 */
export const SAME_DOMAIN_NAME_FLOOR = 0.95;
const SHARED_MAILBOX_SCORE = 0.8;
/** How close a mailbox name must be to first name + surname to spell it ("geerthermans" for "Gsert Hermans"). */
const SPELLING_SIMILARITY = 0.93;
/** Mailbox names of a role or a family, not of a person: never a spelling of a person's name. */
const ROLE_MAILBOXES = new Set([
  'info',
  'contact',
  'office',
  'admin',
  'sales',
  'mail',
  'hello',
  'hallo',
  'bonjour',
  'welkom',
  'boekhouding',
  'facturen',
  'accounting',
  'facturation',
  'invoice',
  'invoices',
  'support',
  'service',
  'secretariaat',
  'secretariat',
  'receptie',
  'reception',
  'noreply',
  'webmaster',
  'familie',
  'family',
  'famille',
  'fam',
]);

const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.be',
  'hotmail.nl',
  'outlook.com',
  'outlook.be',
  'live.com',
  'live.be',
  'live.nl',
  'msn.com',
  'yahoo.com',
  'yahoo.fr',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'telenet.be',
  'skynet.be',
  'proximus.be',
  'scarlet.be',
  'belgacom.net',
  'pandora.be',
  'ziggo.nl',
  'kpnmail.nl',
  'hetnet.nl',
  'home.nl',
  'planet.nl',
  'xs4all.nl',
  'gmx.com',
  'gmx.net',
  'orange.fr',
  'free.fr',
]);

const PREPARED = Symbol('prepared contact');

/** A contact normalised once, so scoring it against many candidates repeats no string work. */
export interface PreparedContact {
  readonly [PREPARED]: true;
  kind: ContactKind;
  name: string; // normalised, for the breakdown
  nameTokens: NameToken[]; // companies: significant words
  legalForm: string; // companies: the kind of entity its legal form makes (normalise.ts legalFormKind), or ''
  readings: NameReading[]; // persons: the parts, or both readings of a name typed in one field
  generation: string; // persons: a generational suffix ("sr", "jr", "ii"…), or ''
  addressedAs: string; // persons: 'm' / 'f' when a form of address ("Dhr.", "Mevr.") precedes the name, or ''
  street: string;
  houseNo: string;
  box: string; // the flat in a building, '' when none
  city: string;
  postCode: string;
  phones: string[];
  vat: string;
  emails: string[]; // E-Mail and E-Mail 2, each of them split into its addresses
}

export interface FieldScore {
  field: FuzzyField;
  score: number; // 0..1
  weight: number; // share of the total, scaled to the fields present on both
  method: string;
  values: [string, string]; // the normalised values compared
  /** Persons' name only: how alike surname and first name of the best reading are. */
  parts?: NameParts;
  /** Companies' name only, when both names carry a legal form of a known kind: the two kinds. */
  legalForms?: [string, string];
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
  strongNameFloor?: number;
  strongFirstNameFloor?: number;
  weights?: Partial<Record<FuzzyField, number>>;
}

type ContactLike = Record<string, unknown>;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

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
    box: address.box,
    city: normaliseCity(c.city),
    postCode: normalisePostCode(c.postCode),
    phones: [...new Set(phones)],
    vat: normaliseVat(c.vatRegistrationNo),
    emails: [...new Set([...normaliseEmails(c.email), ...normaliseEmails(c.email2)])],
  };
  if (kind === 'person') {
    const p = personName(c);
    const readings = p.readings.flatMap((r) => nameReading(r.first, r.surname, r.surnameFirst));
    return {
      ...base,
      name: [p.first, p.surname, p.generation].filter(Boolean).join(' '),
      nameTokens: [],
      readings,
      generation: p.generation,
      addressedAs: p.addressedAs,
      legalForm: '',
    };
  }
  const words = companyNameTokens(c.name);
  return {
    ...base,
    name: words.join(' '),
    nameTokens: words.map(nameToken),
    readings: [],
    generation: '',
    addressedAs: '',
    legalForm: legalFormKind(c.name),
  };
}

/**
 * A national number (normalisePhone) that is a mobile: Belgian 45x–49x xx xx xx, Dutch 6 xxxx xxxx — both
 * nine digits; landlines there have eight (Belgium) or nine digits not starting with 6 (the Netherlands).
 * Dutch landlines of 040–044 (Eindhoven, Maastricht…) are nine digits starting with 4: not Belgian mobiles.
 */
export const isMobileNumber = (national: string): boolean => /^(?:4[5-9]\d{7}|6\d{8})$/.test(national);

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
/** Letters only: "geert.de-smet75" → "geertdesmet". */
const lettersOf = (s: string) => s.replace(/[^a-z]/g, '');

/**
 * Does what is left of a mailbox name once the surname is taken out name this first name? "geert" or "g"
 * for Geert, "g" or "geert" for the initial G.; a typo away counts ("gert" for Geert).
 */
function namesFirstName(rest: string, first: string): boolean {
  if (!rest || !first) return false;
  if (rest.length <= 2 || first.length === 1) return rest[0] === first[0];
  return rest.includes(first) || jaroWinkler(rest, first) >= 0.9;
}

/**
 * Does a person's mailbox name (letters only) spell a reading's name: the surname and the first name or its
 * initial, in either order ("geert.desmet", "gdesmet", "desmet.geert" for Geert De Smet)? Or, the other's
 * name having a typo, a typo away from first name + surname ("geerthermans" for "Gsert Hermans").
 */
function mailboxSpellsPerson(local: string, readings: readonly NameReading[]): boolean {
  if (local.length < 3 || ROLE_MAILBOXES.has(local)) return false;
  // "martin.familie": a surname and a role word is the family's box, whatever first name it resembles ("Emilie").
  const withoutSurname = (r: NameReading) => local.replace(r.surname.text, '');
  if (readings.some((r) => r.surname.text.length >= 2 && ROLE_MAILBOXES.has(withoutSurname(r)))) return false;
  return readings.some((r) => {
    const surname = r.surname.text;
    const first = r.first.map((t) => t.text).join('');
    if (!first || surname.length < 2) return false;
    const at = local.indexOf(surname);
    if (at >= 0 && namesFirstName(local.slice(0, at) + local.slice(at + surname.length), first)) return true;
    return (
      first.length > 1 && [first + surname, surname + first].some((x) => jaroWinkler(local, x) >= SPELLING_SIMILARITY)
    );
  });
}

/** How far two addresses agree, or `best` when that is more. */
function emailAgreement(a: PreparedContact, b: PreparedContact, x: string, y: string, best: Scored): Scored {
  if (x === y) {
    // Persons: a mailbox that names no first name of either ("coppens.familie@") is a household's.
    const local = lettersOf(localOf(x));
    const personal =
      a.kind === 'company' || mailboxSpellsPerson(local, a.readings) || mailboxSpellsPerson(local, b.readings);
    const scored: Scored = personal ? [1, 'exact'] : [SHARED_MAILBOX_SCORE, SHARED_MAILBOX];
    return scored[0] > best[0] ? scored : best;
  }
  if (best[0] < 0.8 && a.kind === 'company' && domainOf(x) === domainOf(y) && !FREE_MAIL_DOMAINS.has(domainOf(x)))
    return [0.8, SAME_COMPANY_DOMAIN];
  if (best[0] < 0.6 && localOf(x) === localOf(y) && localOf(x).length >= 5) return [0.6, 'same mailbox name'];
  return best;
}

type Compared = [
  field: FuzzyField,
  score: number,
  method: string,
  a: string,
  b: string,
  parts?: NameParts,
  legalForms?: [string, string],
];

/**
 * One house number, two different boxes: two flats of one building, another address. The street and number then
 * only name the building, which neighbours share: agreeing on it must not carry a look-alike name (Ann / An
 * Peeters in flats 1 and 5) over the threshold.
 */
const BOXES_DIFFER = 0;
/** A box on one side only is no difference: it is often left out. */
const boxAgreement = (a: string, b: string) => (a && b && a !== b ? BOXES_DIFFER : 1);

/** The per-field comparisons for fields present on both contacts. */
function compareFields(a: PreparedContact, b: PreparedContact): Compared[] {
  const out: Compared[] = [];
  if (a.kind === 'person' ? a.readings.length && b.readings.length : a.nameTokens.length && b.nameTokens.length) {
    if (a.kind === 'person') {
      const [score, method, parts] = personNameScore(
        a.readings,
        b.readings,
        [a.generation, b.generation],
        [a.addressedAs, b.addressedAs],
      );
      out.push([
        'name',
        score,
        method,
        a.name,
        b.name,
        { surname: round3(parts.surname), firstName: round3(parts.firstName) },
      ]);
    } else {
      const [score, method] = companyNameScore(a.nameTokens, b.nameTokens);
      const forms: [string, string] | undefined = a.legalForm && b.legalForm ? [a.legalForm, b.legalForm] : undefined;
      out.push(['name', score, method, a.name, b.name, undefined, forms]);
    }
  }
  if (a.vat && b.vat) {
    const [score, method] =
      a.vat === b.vat ? [1, 'exact'] : oneDigitApart(a.vat, b.vat) ? [0.6, 'one digit apart'] : [0, 'different'];
    out.push(['vatRegistrationNo', score, method, a.vat, b.vat]);
  }
  if (a.emails.length && b.emails.length) {
    // A contact's addresses are a set (E-Mail, E-Mail 2, "x@a.be; y@b.be"): the best-agreeing two are compared.
    let [score, method] = [0, 'different'];
    for (const x of a.emails) for (const y of b.emails) [score, method] = emailAgreement(a, b, x, y, [score, method]);
    out.push(['email', score, method, a.emails.join(', '), b.emails.join(', ')]);
  }
  const mobilesA = a.phones.filter(isMobileNumber);
  const mobilesB = b.phones.filter(isMobileNumber);
  if (
    a.kind === 'person' &&
    mobilesA.length &&
    mobilesB.length &&
    !mobilesA.some((x) => mobilesB.some((y) => x === y || oneDigitApart(x, y)))
  ) {
    out.push(['phone', 0, MOBILES_DIFFER, a.phones.join(', '), b.phones.join(', ')]);
  } else if (
    (mobilesA.length && mobilesB.length) ||
    (mobilesA.length < a.phones.length && mobilesB.length < b.phones.length)
  ) {
    // Only numbers of one kind are compared: a mobile and a landline are two numbers, not two versions of one.
    let score = 0;
    let method = 'different';
    for (const x of a.phones) {
      for (const y of b.phones) {
        if (x === y) [score, method] = [1, isMobileNumber(x) || method === MOBILE_EXACT ? MOBILE_EXACT : 'exact'];
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
    const sameNo = !!a.houseNo && a.houseNo === b.houseNo;
    const numbers = !a.houseNo || !b.houseNo ? 0.9 : sameNo ? boxAgreement(a.box, b.box) : 0.5;
    const boxes = sameNo && a.box && b.box && a.box !== b.box ? `; boxes differ (${a.box} / ${b.box})` : '';
    const method = street === 1 && numbers === 1 ? 'exact' : `jaro-winkler street × house number${boxes}`;
    out.push([
      'address',
      street * numbers,
      method,
      [a.street, a.houseNo, a.box && `bus ${a.box}`].filter(Boolean).join(' '),
      [b.street, b.houseNo, b.box && `bus ${b.box}`].filter(Boolean).join(' '),
    ]);
  }
  if (a.postCode && b.postCode) {
    const [score, method] =
      a.postCode === b.postCode
        ? [1, 'exact']
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
  const breakdown: FieldScore[] = compared.map(([field, score, method, va, vb, parts, legalForms]) => ({
    field,
    score: round3(score),
    weight: weightSum > 0 ? round3(weights[field] / weightSum) : 0,
    method,
    values: [va, vb],
    ...(parts ? { parts } : {}),
    ...(legalForms ? { legalForms } : {}),
  }));
  const total =
    weightSum > 0 ? round3(compared.reduce((s, [field, score]) => s + weights[field] * score, 0) / weightSum) : 0;
  return { total, breakdown, fires: fuzzyFires(breakdown, total, opts), threshold };
}

/**
 * The same VAT number; for persons also the same e-mail address or mobile number. Not a landline
 * (households and offices share those), and not a company's e-mail: a holding, its operating company and
 * sister companies share info@ mailboxes.
 */
function strongIdentifierShared(breakdown: readonly FieldScore[]): boolean {
  const person = breakdown.some((f) => f.field === 'name' && f.parts);
  return breakdown.some(
    (f) =>
      f.score === 1 &&
      (f.field === 'vatRegistrationNo' ||
        (person && (f.field === 'email' || (f.field === 'phone' && f.method === MOBILE_EXACT)))),
  );
}

/** Fields that identify a party: equal on both sides, with a similar name, they settle the question. */
const IDENTIFIERS: readonly FuzzyField[] = ['vatRegistrationNo', 'email', 'phone'];

/**
 * The firing rule, on its own so the benchmark can tune it from stored breakdowns:
 *  1. at least MIN_FIELDS fields on both sides, and a name on both;
 *  2. never when both have a VAT number and they differ: two legal entities (a holding and its
 *     operating company share address, phone and most of a name); nor when two companies' legal forms make
 *     different kinds of entity (an SA and an SRL, a VZW and a BV) unless they share the VAT number;
 *  3. a strong identifier shared — the same VAT number; a person's e-mail address or mobile number — is near-proof:
 *     names at least STRONG_NAME_FLOOR alike suffice, persons' first names at least STRONG_FIRST_NAME_FLOOR
 *     (a household's family mailbox, or a father's mobile on his son's record, shows two first names), or one first
 *     name the other with a name more ("Anne" / "Anne-Marie": the person's own number or address says it is one);
 *  4. otherwise names at least NAME_FLOOR alike, and then any shared identifier (also a landline) is
 *     enough — parties move, so the address may disagree; for companies also names at least
 *     SAME_DOMAIN_NAME_FLOOR alike with e-mail addresses on one own domain;
 *  5. otherwise the total must reach FUZZY_THRESHOLD and the fields other than the name must agree at
 *     least OTHER_FIELDS_FLOOR (a namesake in another town agrees on nothing but the name).
 */
export function fuzzyFires(breakdown: readonly FieldScore[], total: number, opts: FuzzyOptions = {}): boolean {
  const field = (f: FuzzyField) => breakdown.find((x) => x.field === f);
  const name = field('name');
  if (breakdown.length < MIN_FIELDS || !name) return false;
  if (field('vatRegistrationNo')?.score === 0) return false;
  if (name.legalForms && name.legalForms[0] !== name.legalForms[1] && field('vatRegistrationNo')?.score !== 1)
    return false;
  if (
    strongIdentifierShared(breakdown) &&
    name.score >= (opts.strongNameFloor ?? STRONG_NAME_FLOOR) &&
    ((name.parts?.firstName ?? 1) >= (opts.strongFirstNameFloor ?? STRONG_FIRST_NAME_FLOOR) ||
      name.method.includes(SHORTENED_FIRST_NAME))
  )
    return true;
  if (name.score < (opts.nameFloor ?? NAME_FLOOR)) return false;
  // Companies: one name on one own mail domain (info@ / sales@) is one company, wherever it moved.
  if (!name.parts && name.score >= SAME_DOMAIN_NAME_FLOOR && field('email')?.method === SAME_COMPANY_DOMAIN)
    return true;
  // Persons: two first names that are not one name with a typo are two people, whatever they share.
  if (IDENTIFIERS.some((f) => field(f)?.score === 1))
    return (name.parts?.firstName ?? 1) >= (opts.strongFirstNameFloor ?? STRONG_FIRST_NAME_FLOOR);
  const others = breakdown.filter((f) => f.field !== 'name');
  const otherWeight = others.reduce((s, f) => s + f.weight, 0);
  const otherAgreement = others.reduce((s, f) => s + f.weight * f.score, 0) / otherWeight;
  return (
    otherAgreement >= (opts.otherFieldsFloor ?? OTHER_FIELDS_FLOOR) && total >= (opts.threshold ?? FUZZY_THRESHOLD)
  );
}

/**
 * Why the fuzzy breakdown says the two are different parties, or null: both have a VAT number and they
 * differ (two legal entities), or both have a name and the names are clearly different (below the name
 * floor: a holding next to its operating company, two members of a household, neighbours), or two persons
 * each have a mobile number and they differ (father and son of one name at one address). Used by the
 * verdict to overrule the search-string rule, which counts shared address and phone prefixes only.
 */
export function contradiction(
  breakdown: readonly FieldScore[],
  opts: FuzzyOptions = {},
): 'vatRegistrationNo' | 'name' | 'mobilePhoneNo' | null {
  const field = (f: FuzzyField) => breakdown.find((x) => x.field === f);
  if (field('vatRegistrationNo')?.score === 0) return 'vatRegistrationNo';
  const name = field('name');
  if (name && name.score < (opts.nameFloor ?? NAME_FLOOR)) return 'name';
  if (field('phone')?.method === MOBILES_DIFFER) return 'mobilePhoneNo';
  return null;
}

/**
 * The surnames a person is indexed under: of every reading, except a reading whose surname is a known
 * first name while its first name is not ("Verhoeven Koen" read as first name Verhoeven): the name of
 * another reading is the surname, and keying every Koen in town would only make blocks bigger.
 */
function surnameKeys(readings: readonly NameReading[]): NameToken[] {
  const unlikely = (r: NameReading) =>
    isKnownFirstName(r.surname.text) && !(r.first[0] && isKnownFirstName(r.first[0].text));
  const likely = readings.filter((r) => !unlikely(r));
  return (likely.length ? likely : readings).map((r) => r.surname);
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
  const nameWords =
    p.kind === 'person'
      ? surnameKeys(p.readings)
      : p.nameTokens.filter((w) => w.text.length >= 3).slice(0, MAX_NAME_KEYS);
  for (const place of places) for (const w of nameWords) keys.add(`${t}n:${w.code || w.text}:${place}`);
  // Persons also under first name × place: a typo that changes the surname's sound ("Hubert" / "Huber") still
  // meets in its town. Not an initial: every "J." in town would be one block.
  const firstNames = p.readings.map((r) => r.first[0]).filter((w): w is NameToken => !!w && w.text.length > 1);
  for (const place of places) for (const w of firstNames) keys.add(`pf:${w.code || w.text}:${place}`);
  for (const phone of p.phones) if (phone.length >= 6) keys.add(`${t}t:${phone.slice(-6)}`);
  // The address itself: a typo that changes a name's sound still meets at the same door (a building's
  // other residents and tenants come along; the name floor keeps them apart).
  // Under the post code and under the town, so a record without post code still meets there.
  if (p.street && p.houseNo) for (const place of places) keys.add(`${t}a:${place}:${p.street}:${p.houseNo}`);
  if (p.vat) keys.add(`${t}v:${p.vat}`);
  for (const email of p.emails) {
    keys.add(`${t}e:${email}`);
    // A company's own mail domain: "info@" on a web form meets "accounting@" in the books.
    if (p.kind === 'company' && !FREE_MAIL_DOMAINS.has(domainOf(email))) keys.add(`cd:${domainOf(email)}`);
  }
  return [...keys];
}
