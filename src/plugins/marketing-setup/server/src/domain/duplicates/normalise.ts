/**
 * Normalisation for the fuzzy duplicate rule: two spellings of the same fact become the same string.
 * Case, accents, punctuation, Belgian/Dutch/French legal forms, street abbreviations, bilingual city
 * names, phone / VAT / e-mail / post code formats. Pure: no Strapi, no I/O.
 *
 * Every function takes any value and returns '' for blank input, so callers never test for null.
 */

import { isKnownFirstName, surnameFirstSplit } from '../first-names';
import { memoised } from './memo';

const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';

/** Letters NFD does not decompose. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Lower case, accents stripped, apostrophes dropped (D'Hondt = Dhondt), every other non letter/digit a
 * space, spaces collapsed. "Société Générale S.A." → "societe generale s a".
 */
export function foldText(value: unknown): string {
  if (blank(value)) return '';
  return String(value)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøłđðþı]/g, (ch) => SPECIAL_LETTERS[ch])
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const tokens = (folded: string): string[] => (folded ? folded.split(' ') : []);

/**
 * Legal forms, written without spaces or dots, so "N.V.", "n v", "NV" and "BV BA" / "B.V.B.A." all meet
 * the same entry once the trailing tokens are joined. Long forms are listed the same way.
 * Belgium (NL/FR), the Netherlands, and the usual foreign ones.
 */
const LEGAL_FORMS = new Set([
  // Belgium, Dutch
  'nv',
  'bv',
  'bvba',
  'ebvba',
  'bvbaso',
  'cv',
  'cva',
  'cvba',
  'cvoa',
  'cvbaso',
  'commv',
  'commva',
  'gcv',
  'vof',
  'vzw',
  'ivzw',
  'esv',
  'ls',
  'naamlozevennootschap',
  'beslotenvennootschap',
  'beslotenvennootschapmetbeperkteaansprakelijkheid',
  'cooperatievevennootschap',
  'commanditairevennootschap',
  'gewonecommanditairevennootschap',
  'vennootschaponderfirma',
  'verenigingzonderwinstoogmerk',
  // Belgium, French
  'sa',
  'srl',
  'sprl',
  'sprlu',
  'sc',
  'scrl',
  'scri',
  'scs',
  'sca',
  'snc',
  'scomm',
  'asbl',
  'aisbl',
  'societeanonyme',
  'societeprivearesponsabilitelimitee',
  'societearesponsabilitelimitee',
  'societecooperative',
  'associationsansbutlucratif',
  // the Netherlands (BV, NV, VOF, CV above), Germany, English-speaking
  'ev',
  'gmbh',
  'ag',
  'kg',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  // "& Co", "& Cie", "en Zonen" style tails carry no identity either
  'co',
  'cie',
]);
const LONGEST_LEGAL_FORM_TOKENS = 7;

/** Connectors and company-name abbreviations: "Peeters & Zn" = "Peeters en Zonen" = "Peeters and Zonen". */
const NAME_STOPWORDS = new Set(['en', 'and', 'et', 'und', 'the']);
const NAME_ABBREVIATIONS: Record<string, string> = {
  zn: 'zonen',
  gebr: 'gebroeders',
  gebrs: 'gebroeders',
  ets: 'etablissements',
  etabl: 'etablissements',
  st: 'sint',
  ste: 'sint',
  saint: 'sint',
  sainte: 'sint',
  intl: 'international',
};

/**
 * What kind of legal entity a form makes, for the forms that say it: a company keeps its kind, so two names
 * of different kinds are two entities ("Deprez SRL" / "Deprez SA" in one town). Forms that a company moves
 * between are one kind: the 2019 company code turned BVBA into BV and SPRL into SRL, and sent most CVBAs / SCRLs
 * that were no real cooperatives to the BV; NV and SA are one form in two languages. Foreign and rare forms
 * (Ltd, ESV) have no kind here and never disagree.
 */
const LEGAL_FORM_KINDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    nv: ['nv', 'naamlozevennootschap', 'sa', 'societeanonyme', 'ag'],
    bv: [
      'bv',
      'bvba',
      'ebvba',
      'bvbaso',
      'beslotenvennootschap',
      'beslotenvennootschapmetbeperkteaansprakelijkheid',
      'srl',
      'sprl',
      'sprlu',
      'societeprivearesponsabilitelimitee',
      'societearesponsabilitelimitee',
      'gmbh',
      'cv',
      'cva',
      'cvba',
      'cvoa',
      'cvbaso',
      'cooperatievevennootschap',
      'sc',
      'scrl',
      'scri',
      'societecooperative',
    ],
    partnership: [
      'commv',
      'commva',
      'gcv',
      'vof',
      'commanditairevennootschap',
      'gewonecommanditairevennootschap',
      'vennootschaponderfirma',
      'scs',
      'sca',
      'snc',
      'scomm',
      'kg',
    ],
    'non-profit': ['vzw', 'ivzw', 'asbl', 'aisbl', 'verenigingzonderwinstoogmerk', 'associationsansbutlucratif', 'ev'],
  }).flatMap(([kind, forms]) => forms.map((form) => [form, kind])),
);

/** Legal-form tokens cut from the end and the start ("NV Fabrikam", "Fabrikam Comm.V."), repeatedly, and the forms cut. */
function splitLegalForms(words: string[]): { rest: string[]; forms: string[] } {
  let out = words.slice();
  const forms: string[] = [];
  const cut = (fromEnd: boolean): boolean => {
    for (let k = Math.min(LONGEST_LEGAL_FORM_TOKENS, out.length - 1); k >= 1; k--) {
      const piece = (fromEnd ? out.slice(out.length - k) : out.slice(0, k)).join('');
      if (LEGAL_FORMS.has(piece)) {
        out = fromEnd ? out.slice(0, out.length - k) : out.slice(k);
        forms.push(piece);
        return true;
      }
    }
    return false;
  };
  // k stops at length - 1: a name that is nothing but a legal form keeps its last word.
  while (out.length > 1 && (cut(true) || cut(false)));
  return { rest: out, forms };
}

/** Removes legal-form tokens from the end and the start ("NV Fabrikam", "Fabrikam Comm.V."), repeatedly. */
export const stripLegalForms = (words: string[]): string[] => splitLegalForms(words).rest;

const companyNameWords = (name: unknown): string[] =>
  tokens(foldText(name))
    .map((w) => NAME_ABBREVIATIONS[w] ?? w)
    .filter((w) => !NAME_STOPWORDS.has(w));

/** Company name → significant tokens: folded, abbreviations expanded, connectors and legal forms removed. */
export function companyNameTokens(name: unknown): string[] {
  return stripLegalForms(companyNameWords(name));
}

/**
 * The kind of legal entity a company name's legal form makes (LEGAL_FORM_KINDS: "nv", "bv", "partnership",
 * "non-profit"), or '' when it names no form, or only one without a kind here.
 */
export function legalFormKind(name: unknown): string {
  for (const form of splitLegalForms(companyNameWords(name)).forms)
    if (LEGAL_FORM_KINDS[form]) return LEGAL_FORM_KINDS[form];
  return '';
}

/** Surname particles: "Van den Broeck", "de Vries", "Le Clercq" keep them as part of the surname. */
const PARTICLES = new Set([
  'van',
  'de',
  'der',
  'den',
  'von',
  'ver',
  'vande',
  'vander',
  'vanden',
  'le',
  'la',
  'du',
  'des',
  'd',
  'di',
  'da',
  'ten',
  'ter',
  't',
  'op',
  'in',
]);

/** One way to cut a person's name into first name(s) and surname, folded. */
export interface PersonReading {
  first: string; // '' when unknown
  surname: string; // particles included
  surnameFirst: boolean; // the surname is the leading words ("Peeters Jan")
}

export interface PersonName {
  /** The likeliest reading: the parts as stored, or the name split as `splitName` would. */
  first: string;
  surname: string;
  /**
   * Every sensible reading of the words, the likeliest first: the surname is the leading or the trailing
   * words, particles belong to the surname ("geert | de smet", never "geert de | smet"), and neither part
   * is only particles. Names are compared over all of them, so the order they were written in does not
   * matter ("De Smet Geert" = "Geert De Smet"), whatever the stored parts say.
   */
  readings: PersonReading[];
  /** A generational suffix, to one spelling ("sr", "jr", "i", "ii"…), or '': it is in none of the readings. */
  generation: string;
  /** The form of address written before the name: 'm' ("Dhr.", "Monsieur"), 'f' ("Mevr.", "Mme"), or ''. */
  addressedAs: string;
}

/**
 * Forms of address that say whether a man or a woman is meant, folded. "Mr." is not among them: in Dutch it is also
 * the title of a lawyer ("mr. Anna de Vries").
 */
const ADDRESSED_AS: Readonly<Record<string, 'm' | 'f'>> = {
  dhr: 'm',
  meneer: 'm',
  mijnheer: 'm',
  monsieur: 'm',
  mevr: 'f',
  mevrouw: 'f',
  mw: 'f',
  mej: 'f',
  mejuffrouw: 'f',
  mrs: 'f',
  ms: 'f',
  mme: 'f',
  mlle: 'f',
  madame: 'f',
};
/** Forms of address and titles typed into name fields ("Dhr. Jan Peeters", "Mme Dubois"). */
const TITLES = new Set([...Object.keys(ADDRESSED_AS), 'mr', 'dr', 'prof', 'ir', 'ing']);
/**
 * A name field's folded words, a hyphenated first name one unit: "Pieter-Jan De Vos" → "pieter jan", "de", "vos".
 * A reading never cuts a first name in two ("Pieter" the surname, "Jan De Vos" the first names): "Pieter-Jan De Vos"
 * met "Jan Peeters" on "Pieter" / "Peeters" and "Jan" / "Jan". Hyphenated words of the first and middle name fields
 * are first names; in a name typed in one field, those of known first names only ("Van Looy-Maes" stays two words).
 */
function nameUnits(value: unknown, firstNames: boolean): string[] {
  if (blank(value)) return [];
  return String(value)
    .split(/\s+/)
    .flatMap((raw) => {
      const words = tokens(foldText(raw));
      const hyphenated = words.length > 1 && /\p{L}[-\u2010\u2011]\p{L}/u.test(raw);
      return hyphenated && (firstNames || isKnownFirstName(raw)) ? [words.join(' ')] : words;
    });
}

/**
 * The leading titles of a name field, and its words after them (a title alone is kept: it may be a name), a
 * hyphenated first name one word (`nameUnits`).
 */
const titled = (value: unknown, firstNames = false): { titles: string[]; words: string[] } => {
  const words = nameUnits(value, firstNames);
  let i = 0;
  while (i < words.length - 1 && TITLES.has(words[i])) i++;
  return { titles: words.slice(0, i), words: words.slice(i) };
};
/** Whom a name field's form of address names: 'm', 'f', or '' (none, or only titles such as "Dr."). */
const addressedAs = (value: unknown): string =>
  titled(value)
    .titles.map((t) => ADDRESSED_AS[t] ?? '')
    .find(Boolean) ?? '';

// A single letter is an initial here ("D. Brouwer"), not the particle of "d Hondt" (folded "dhondt" anyway).
const isParticle = (w: string) => w.length > 1 && PARTICLES.has(w);

/** The readings of a word sequence (see PersonName.readings), in no particular order. */
export function personReadings(words: readonly string[]): PersonReading[] {
  const out: PersonReading[] = [];
  const join = (from: number, to: number) => words.slice(from, to).join(' ');
  for (let cut = 1; cut < words.length; cut++) {
    // Surname trailing: the word before it is no particle (that particle would be the surname's).
    if (!isParticle(words[0]) && !isParticle(words[cut - 1]))
      out.push({ first: join(0, cut), surname: join(cut, words.length), surnameFirst: false });
    // Surname leading: it ends in a real word and the first name starts with one.
    if (!isParticle(words[cut - 1]) && !isParticle(words[cut]))
      out.push({ first: join(cut, words.length), surname: join(0, cut), surnameFirst: true });
  }
  return out.length ? out : words.length ? [{ first: '', surname: words.join(' '), surnameFirst: false }] : [];
}

/** The reading `splitName` would make of a name in one field: surname first when the first names tell. */
function likeliestReading(words: readonly string[]): PersonReading {
  if (words.length <= 1) return { first: '', surname: words[0] ?? '', surnameFirst: false };
  const firstNames = surnameFirstSplit(words);
  if (firstNames > 0) {
    return {
      first: words.slice(words.length - firstNames).join(' '),
      surname: words.slice(0, words.length - firstNames).join(' '),
      surnameFirst: true,
    };
  }
  // First name(s) then surname, the surname taking the particles before it: "Inge Van den Broeck".
  let start = words.length - 1;
  while (start > 1 && isParticle(words[start - 1])) start--;
  return { first: words.slice(0, start).join(' '), surname: words.slice(start).join(' '), surnameFirst: false };
}

/** Generational suffixes, folded, to one spelling: "sr." / "Senior" / "père", "jr." / "Junior" / "fils", I–IV. */
const GENERATIONS: Record<string, string> = {
  sr: 'sr',
  senior: 'sr',
  pere: 'sr',
  jr: 'jr',
  junior: 'jr',
  fils: 'jr',
  i: 'i',
  ii: 'ii',
  iii: 'iii',
  iv: 'iv',
};

/**
 * The generation a person's name words carry, wherever the name split put it (surname "Verstraete sr.", first name
 * "Daan jr." of "Verstraete Daan jr."), and the words of each field without it. Never the first word (a first name
 * "Junior"); "I" only as the last of three words or more ("Albert Peeters I"): elsewhere it is an initial.
 */
function withoutGeneration(fields: string[][]): { fields: string[][]; generation: string } {
  const count = fields.reduce((n, words) => n + words.length, 0);
  let generation = '';
  let at = 0;
  const out = fields.map((words) =>
    words.filter((w) => {
      const i = at++;
      const suffix = !!GENERATIONS[w] && i > 0 && (w !== 'i' || (i === count - 1 && count >= 3));
      if (suffix && !generation) generation = GENERATIONS[w];
      return !suffix;
    }),
  );
  return { fields: out, generation };
}

/**
 * A name typed "Surname, First name" ("Verbruggen, Tom", "De Smet, Geert Jan"; the name split's rule): its surname
 * words and first-name words, without titles and generation, and the generation; null without a comma or with a
 * side left empty ("Tom Verbruggen, sr.").
 */
function commaReading(name: unknown): { fields: string[][]; generation: string } | null {
  if (typeof name !== 'string' || !name.includes(',')) return null;
  const at = name.indexOf(',');
  const read = withoutGeneration([titled(name.slice(0, at)).words, titled(name.slice(at + 1), true).words]);
  return read.fields.every((words) => words.length > 0) ? read : null;
}

/** Person name: the parts firstName/middleName/surname when a surname is given, else the name, in every reading. */
export function personName(contact: Record<string, unknown>): PersonName {
  const parts = withoutGeneration([
    titled(contact.firstName, true).words,
    nameUnits(contact.middleName, true),
    nameUnits(contact.surname, false),
  ]);
  const [firstWords, middleWords, surnameWords] = parts.fields;
  let generation = parts.generation;
  let likeliest: PersonReading;
  let words: string[];
  if (surnameWords.length) {
    const first = [...firstWords, ...middleWords].join(' ');
    likeliest = { first, surname: surnameWords.join(' '), surnameFirst: false };
    words = [...firstWords, ...middleWords, ...surnameWords];
  } else if (generation && firstWords.length + middleWords.length) {
    // The name split of "Daan Verstraete sr." stores the suffix as the surname: the other parts are the name.
    words = [...firstWords, ...middleWords];
    likeliest = likeliestReading(words);
  } else {
    const comma = commaReading(contact.name);
    const named = comma ?? withoutGeneration([titled(contact.name).words]);
    words = named.fields.flat();
    generation = named.generation;
    likeliest = comma
      ? { first: comma.fields[1].join(' '), surname: comma.fields[0].join(' '), surnameFirst: true }
      : likeliestReading(words);
  }
  const others = personReadings(words).filter((r) => r.first !== likeliest.first || r.surname !== likeliest.surname);
  return {
    first: likeliest.first,
    surname: likeliest.surname,
    readings: likeliest.surname ? [likeliest, ...others] : others,
    generation,
    addressedAs: addressedAs(contact.firstName) || addressedAs(contact.name),
  };
}

/** Street-type abbreviations (NL/FR/EN) to one spelling, whole words. */
const STREET_WORDS: Record<string, string> = {
  str: 'straat',
  straat: 'straat',
  stwg: 'steenweg',
  stw: 'steenweg',
  stnwg: 'steenweg',
  steenweg: 'steenweg',
  ln: 'laan',
  pl: 'plein',
  place: 'plein',
  plein: 'plein',
  av: 'avenue',
  ave: 'avenue',
  avn: 'avenue',
  bd: 'boulevard',
  blvd: 'boulevard',
  boul: 'boulevard',
  bld: 'boulevard',
  chee: 'chaussee',
  chss: 'chaussee',
  chau: 'chaussee',
  chaus: 'chaussee',
  rte: 'route',
  sq: 'square',
  st: 'sint',
  ste: 'sint',
  saint: 'sint',
  sainte: 'sint',
  kon: 'koning',
  gr: 'grote',
  kl: 'kleine',
  burg: 'burgemeester',
  dr: 'dokter',
  prof: 'professor',
};
/** Street types written onto the name: "Kerkstr." = "Kerkstraat", "Gentse Stwg" = "Gentsesteenweg", "Marktpl." = "Marktplein". */
const GLUED_SUFFIXES: Array<[RegExp, string]> = [
  [/(\p{L}{2,})str$/u, '$1straat'],
  [/(\p{L}{2,})(?:stwg|stw|stnwg)$/u, '$1steenweg'],
  [/(\p{L}{3,})ln$/u, '$1laan'],
  [/(\p{L}{3,})pl$/u, '$1plein'],
  [/(\p{L}{3,})wg$/u, '$1weg'],
];
/**
 * French street names in their Dutch word order: "Rue du Marché" = "Marktstraat", "Chaussée de Gand" =
 * "Gentsteenweg" (townRoad then meets "Gentsesteenweg"), "Avenue de la Gare" = "Stationslaan".
 * Brussels streets carry both names, and elsewhere people write the other language. Only the street
 * type and the commonest street words are translated; the rest compares as spelt (or via the towns).
 */
const FRENCH_STREET_TYPES: Record<string, string> = {
  rue: 'straat',
  chaussee: 'steenweg',
  plein: 'plein',
  avenue: 'laan',
  boulevard: 'laan',
  quai: 'kaai',
  impasse: 'gang',
  digue: 'dijk',
};
const FRENCH_STREET_WORDS: Record<string, string> = {
  marche: 'markt',
  eglise: 'kerk',
  // Dutch writes the station's streets as compounds with an s: Stationsstraat, Stationsplein, Stationslaan.
  gare: 'stations',
  station: 'stations',
  neuve: 'nieuw',
  haute: 'hoog',
  moulin: 'molen',
  loi: 'wet',
  arts: 'kunst',
  ecole: 'school',
  chapelle: 'kapel',
  pont: 'brug',
  roi: 'koning',
  reine: 'koningin',
  industrie: 'industrie',
  champs: 'veld',
  bois: 'bos',
  fontaine: 'bron',
  jardin: 'tuin',
  prince: 'prins',
  couvent: 'klooster',
  chateau: 'kasteel',
  croix: 'kruis',
  longue: 'lange',
  courte: 'korte',
  royale: 'koning',
  nord: 'noord',
  midi: 'zuid',
  sud: 'zuid',
  paix: 'vrede',
  montagne: 'berg',
  cimetiere: 'kerkhof',
  hopital: 'gasthuis',
  canal: 'vaart',
  tilleuls: 'linden',
  mer: 'zee',
};
/**
 * Whole streets whose two names are not word for word: the market square of Brussels, Mons / Bergen, Leuven…
 * is the Grand-Place ("Grand'Place", "Grand Place") in French and the Grote Markt in Dutch.
 */
const STREET_ALIASES: Record<string, string> = {
  grandplein: 'grotemarkt',
  grandplace: 'grotemarkt',
};
const FRENCH_ARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd']);

/** "rue du marche" → "marktstraat"; other streets unchanged (canonical street words as input). */
function dutchStreetOrder(words: string[]): string[] {
  const type = FRENCH_STREET_TYPES[words[0]];
  if (!type || words.length < 2) return words;
  const core = words
    .slice(1)
    // "l'Église" folds to "leglise", "d'Anvers" to "danvers".
    .map((w) =>
      /^[ld][aeiouy]/.test(w) && (FRENCH_STREET_WORDS[w.slice(1)] || CITY_ALIASES[w.slice(1)]) ? w.slice(1) : w,
    )
    .filter((w) => !FRENCH_ARTICLES.has(w))
    .map((w) => FRENCH_STREET_WORDS[w] ?? CITY_ALIASES[w] ?? w);
  return core.length ? [...core, type] : words;
}

/**
 * The road to a town, whichever way it is written: "Chaussée de Gand", "Steenweg op Gent", "Gentsesteenweg" and
 * "Gentse Steenweg" are one street (Brussels writes both languages, Flanders both Dutch forms). All become the
 * town's canonical name + "steenweg" ("gentsteenweg"; "Chaussée de Mons" and "Bergensesteenweg": "monssteenweg").
 * The Dutch adjective drops the town's ending ("Mechelse" for Mechelen, "Brugse" for Brugge): the stem is tried
 * with the usual endings against the town table; a town not in it compares as spelt.
 */
function townRoad(street: string): string {
  const road = /^steenweg(?:op|naar)(\p{L}{3,})$/u.exec(street) ?? /^(\p{L}{3,}?)(?:se)?steenweg$/u.exec(street);
  if (!road) return street;
  const stem = road[1];
  const town = [stem, `${stem}en`, `${stem}e`, `${stem}ge`].find((t) => KNOWN_TOWNS.has(t)) ?? stem;
  return `${CITY_ALIASES[town] ?? town}steenweg`;
}

/** Box words between house number and box: "12 bus 3", "12 bte 3", "12 b3", "12 box 3" ("12/3" is read as a box too). */
const BOX_WORDS = new Set(['bus', 'bte', 'boite', 'box', 'b', 'bt']);

export interface Address {
  street: string; // canonical street, no spaces ("kerkstraat", "ruedelaloi")
  number: string; // house number with its letter ("12", "12a"), '' when none
  box: string; // box (flat) number ("3", "3a"), '' when none
}

/** One word of an address, abbreviations written out; worked out once per word (memo.ts). */
const streetWord = memoised((w) => STREET_WORDS[w] ?? GLUED_SUFFIXES.reduce((acc, [re, to]) => acc.replace(re, to), w));

const isDigits = (w: string | undefined) => !!w && /^\d+$/.test(w);
const isLetter = (w: string | undefined) => !!w && /^\p{L}$/u.test(w);

/**
 * Address → canonical street, house number and box. The box is a flat in a building ("Frankrijklei 50 bus 2" and
 * "… bus 14" are two doors), written "bus 3", "bte 3", "boîte 3", "b3", "box 3" or "/3"; a number range
 * ("12-14") is one building, its first number kept.
 */
export function parseAddress(value: unknown): Address {
  // "/" between house number and box is the one separator that folding would lose ("12 / bus 3" has its word
  // already); "-" stays a range.
  const folded = foldText(
    blank(value)
      ? value
      : String(value).replace(/(\d\s*\p{L}?)\s*\/\s*(?=[\p{L}\d])(?!(?:bus|bte|bo[iî]te|box|bt?)\s*\d)/giu, '$1 bus '),
  )
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2');
  const words = tokens(folded).map(streetWord);
  const firstNumber = words.findIndex(isDigits);
  const canonical = (street: string[]) => townRoad(STREET_ALIASES[street.join('')] ?? street.join(''));
  if (firstNumber < 0) return { street: canonical(dutchStreetOrder(words)), number: '', box: '' };
  // A letter after a number is its own ("12A", "bus 3B"), unless it starts a box ("12 b3").
  const letterAt = (i: number) => isLetter(words[i]) && !(BOX_WORDS.has(words[i]) && isDigits(words[i + 1]));
  let at = firstNumber + 1;
  let number = words[firstNumber];
  if (letterAt(at)) number += words[at++];
  let box = '';
  if (BOX_WORDS.has(words[at]) && (isDigits(words[at + 1]) || isLetter(words[at + 1]))) {
    box = words[at + 1].replace(/^0+(?=\d)/, '');
    at += 2;
    if (isDigits(box) && letterAt(at)) box += words[at++];
  }
  // Number first ("16 rue de la Loi") or after the street ("Rue de la Loi 16", the Belgian/Dutch way).
  const street = dutchStreetOrder(
    firstNumber === 0 ? words.slice(at).filter((w) => !isDigits(w)) : words.slice(0, firstNumber),
  );
  return { street: canonical(street), number, box };
}

/** Bilingual Belgian place names (and a few exonyms) to one spelling. */
const CITY_ALIASES: Record<string, string> = {
  bruxelles: 'brussel',
  brussels: 'brussel',
  brussel: 'brussel',
  anvers: 'antwerpen',
  antwerp: 'antwerpen',
  gand: 'gent',
  ghent: 'gent',
  luik: 'liege',
  louvain: 'leuven',
  malines: 'mechelen',
  courtrai: 'kortrijk',
  bruges: 'brugge',
  namen: 'namur',
  doornik: 'tournai',
  ostende: 'oostende',
  ostend: 'oostende',
  ypres: 'ieper',
  ieper: 'ieper',
  hal: 'halle',
  tongres: 'tongeren',
  saintnicolas: 'sintniklaas',
  sintniklaas: 'sintniklaas',
  saintgilles: 'sintgillis',
  elsene: 'ixelles',
  schaerbeek: 'schaarbeek',
  sgravenhage: 'denhaag',
  thehague: 'denhaag',
  lahaye: 'denhaag',
  bergen: 'mons',
  waver: 'wavre',
  nijvel: 'nivelles',
  denbosch: 'shertogenbosch',
  // The other language's name of Flemish, Walloon and Brussels municipalities.
  termonde: 'dendermonde',
  alost: 'aalst',
  renaix: 'ronse',
  audenarde: 'oudenaarde',
  sinttrond: 'sinttruiden',
  tirlemont: 'tienen',
  lierre: 'lier',
  furnes: 'veurne',
  menin: 'menen',
  roulers: 'roeselare',
  dixmude: 'diksmuide',
  nieuport: 'nieuwpoort',
  grammont: 'geraardsbergen',
  tamise: 'temse',
  vilvorde: 'vilvoorde',
  aerschot: 'aarschot',
  leau: 'zoutleeuw',
  crainhem: 'kraainem',
  rhodesintgenese: 'sintgenesiusrode',
  moeskroen: 'mouscron',
  geldenaken: 'jodoigne',
  edingen: 'enghien',
  lessen: 'lessines',
  aat: 'ath',
  zinnik: 'soignies',
  sgravenbrakel: 'brainelecomte',
  aarlen: 'arlon',
  bastenaken: 'bastogne',
  hoei: 'huy',
  borgworm: 'waremme',
  wezet: 'vise',
  hannuit: 'hannut',
  tubeke: 'tubize',
  genepien: 'genappe',
  komen: 'comines',
  waasten: 'warneton',
  // (French "Saint(e)" is read "sint" by then: "Woluwe-Saint-Lambert" is "woluwesintlambert".)
  ukkel: 'uccle',
  vorst: 'forest',
  oudergem: 'auderghem',
  sintjoosttennode: 'sintjossetennoode',
  sintagathaberchem: 'berchemsintagathe',
  sintlambrechtswoluwe: 'woluwesintlambert',
  sintpieterswoluwe: 'woluwesintpierre',
  watermaalbosvoorde: 'watermaelboitsfort',
  sintjansmolenbeek: 'molenbeeksintjean',
};

/** Every town the alias table knows, in either language: a "Chaussée de …" / "…sesteenweg" names one of them. */
const KNOWN_TOWNS = new Set([...Object.keys(CITY_ALIASES), ...Object.values(CITY_ALIASES)]);

/** City → compact canonical name: "St.-Niklaas" = "Sint-Niklaas" = "Saint-Nicolas"; "Bruxelles" = "Brussel". */
export function normaliseCity(value: unknown): string {
  // A post code typed into the town ("2000 Antwerpen") is dropped; it has a field of its own.
  const words = tokens(foldText(value))
    .filter((w) => !/^\d+$/.test(w))
    .map((w) => NAME_ABBREVIATIONS[w] ?? w);
  const compact = words.join('');
  const frenchSaint = compact.replace(/^sint/, 'saint');
  return CITY_ALIASES[compact] ?? CITY_ALIASES[frenchSaint] ?? compact;
}

/** "B-2000", "BE 2000", "2000 Antwerpen" → "2000"; Dutch "1012 ab" → "1012AB"; others cleaned. */
export function normalisePostCode(value: unknown): string {
  if (blank(value)) return '';
  const s = String(value)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/^(?:BE|NL|LU|FR|DE|B|L|F|D)(?=\d)/, '');
  if (/^\d{4}[A-Z]{2}$/.test(s)) return s;
  return /^\d+/.exec(s)?.[0] ?? s;
}

/** Country calling codes stripped from international numbers, longest first. */
const COUNTRY_CODES = ['352', '32', '31', '33', '49', '44'];

/**
 * Phone number → national significant number, digits only: "+32 3 123 45 67", "0032 3/123.45.67",
 * "+32 (0)3 1234567" and "03 123 45 67" all become "31234567". Other countries keep their code.
 */
export function normalisePhone(value: unknown): string {
  if (blank(value)) return '';
  const raw = String(value).trim().replace(/\(0\)/g, '');
  let digits = raw.replace(/\D/g, '');
  if (raw.startsWith('+') || digits.startsWith('00')) {
    digits = digits.replace(/^00/, '');
    const code = COUNTRY_CODES.find((c) => digits.startsWith(c));
    if (!code) return digits;
    digits = digits.slice(code.length);
  }
  return digits.replace(/^0+/, '');
}

/**
 * VAT number → country prefix + digits/letters: "BE 0123.456.789", "be0123456789", "0123 456 789" →
 * "BE0123456789"; an old 9-digit Belgian number gets its leading 0. Other countries as written, cleaned.
 */
export function normaliseVat(value: unknown): string {
  if (blank(value)) return '';
  // "BTW BE 0123.456.749", "TVA BE…", "VAT no. …": the label is not part of the number.
  const s = String(value)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/^(?:BTW|TVA|VAT|UST)(?:NR|NO|IDNR)?/, '');
  const belgian = /^(?:BE)?(\d{9,10})$/.exec(s);
  if (belgian) return `BE${belgian[1].padStart(10, '0')}`;
  return s;
}

/**
 * An e-mail field → its addresses, each normalised: the field may hold several, separated by ";" (the contact
 * rules allow it) or "," (imported data). A piece without "@" is a name cut off at its comma ("Peeters, Jan <…>").
 */
export function normaliseEmails(value: unknown): string[] {
  if (blank(value)) return [];
  const addresses = String(value)
    .split(/[;,]/)
    .map(normaliseEmail)
    .filter((e) => e.includes('@'));
  // A value with no address in it (stored before the check) compares as written, as it always did.
  return addresses.length ? [...new Set(addresses)] : [normaliseEmail(value)];
}

/** E-mail → the address alone ("Jan <jan@x.be>", "mailto:…"), trimmed, lower-case. */
export function normaliseEmail(value: unknown): string {
  if (blank(value)) return '';
  const s = String(value).trim().toLowerCase();
  const bracketed = /<([^<>]+)>/.exec(s);
  return (bracketed ? bracketed[1] : s).replace(/^mailto:/, '').trim();
}
