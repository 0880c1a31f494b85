/**
 * Name similarity for the fuzzy duplicate rule: Jaro-Winkler on words, lifted when two words sound the
 * same (Double Metaphone), combined per word so that one different word counts. Company names and
 * person names are compared differently; both return a score 0..1 and a method a person can read.
 * Pure: no Strapi, no I/O. Input is already normalised (normalise.ts).
 */
import { jaroWinkler } from './jaro-winkler';
import { tokens } from './normalise';
import { memoised } from './memo';
import { isKnownFirstName } from '../first-names';

export { jaroWinkler };

// double-metaphone 1.x: one CommonJS function as its main export, no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const doubleMetaphone: (word: string) => [primary: string, alternate: string] = require('double-metaphone');

/** Two words that sound alike but are spelt apart (Filips / Philips) score at least this. */
const PHONETIC_SCORE = 0.9;
/** A whole company name (spaces removed) this close is one name with a typo or other spacing. */
const WHOLE_NAME_TYPO = 0.95;
/** One name's words all found in the other ("Peeters Bouw" / "Peeters"): likely a dropped word. */
const DROPPED_WORD_SCORE = 0.9;
/** Words that make a separate legal entity within a group: "X Holding" is not "X". */
const ENTITY_WORDS = [
  'holding',
  'holdings',
  'beheer',
  'management',
  'patrimonium',
  'patrimoine',
  'participations',
  'participaties',
  'invest',
  'investments',
];
const ENTITY_WORD_CAP = 0.7;
/** Short link words ("van", "der", "de") say little about which company it is. */
const LINK_WORDS = new Set(['van', 'der', 'den', 'de', 'het', 'la', 'le', 'les', 'du', 'des', 'ten', 'ter', 'op']);
/**
 * Words that say what a business does or what kind it is, not which one: trades, sectors and family tails
 * (folded, legal forms and connectors are gone by then). Two businesses of one trade in one town share them,
 * so they cannot tell two names apart; the remaining words (the surname, the brand) must. Written from Belgian
 * and Dutch usage, Dutch, French and English.
 */
const GENERIC_WORDS = new Set([
  // trades, Dutch
  'apotheek',
  'bakker',
  'bakkerij',
  'slager',
  'slagerij',
  'beenhouwerij',
  'schrijnwerker',
  'schrijnwerkerij',
  'schrijnwerken',
  'timmerwerken',
  'meubelmakerij',
  'drukkerij',
  'brouwerij',
  'bloemisterij',
  'kwekerij',
  'garage',
  'carrosserie',
  'autobedrijf',
  'bouw',
  'bouwbedrijf',
  'aannemer',
  'aannemingen',
  'bouwwerken',
  'renovatie',
  'dakwerken',
  'schilderwerken',
  'schilder',
  'elektro',
  'elektriciteit',
  'elektrotechniek',
  'installatie',
  'installaties',
  'sanitair',
  'verwarming',
  'loodgieter',
  'loodgieterij',
  'tuinaanleg',
  'tuinwerken',
  'tuincentrum',
  'transport',
  'transporten',
  'logistiek',
  'vastgoed',
  'immo',
  'immobilien',
  'makelaar',
  'makelaardij',
  'verzekeringen',
  'verzekering',
  'advocaten',
  'advocaat',
  'advocatenkantoor',
  'notaris',
  'notariaat',
  'accountancy',
  'accountants',
  'boekhouding',
  'boekhoudkantoor',
  'consultancy',
  'kapsalon',
  'kapper',
  'optiek',
  'opticien',
  'juwelier',
  'bloemen',
  'bloemist',
  'frituur',
  'cafe',
  'restaurant',
  'brasserie',
  'bistro',
  'hotel',
  'taverne',
  'tandarts',
  'tandartsen',
  'tandartspraktijk',
  'tandartsenpraktijk',
  'huisarts',
  'huisartsen',
  'huisartsenpraktijk',
  'dierenarts',
  'dierenartsenpraktijk',
  'kinesist',
  'kinesitherapie',
  'praktijk',
  'groepspraktijk',
  'metaalbouw',
  'metaalwerken',
  'verhuur',
  'verhuizingen',
  'schoonmaak',
  'reiniging',
  'fietsen',
  'handel',
  'winkel',
  'bureau',
  'atelier',
  'studio',
  // trades, French
  'pharmacie',
  'boulangerie',
  'patisserie',
  'boucherie',
  'charcuterie',
  'menuiserie',
  'imprimerie',
  'construction',
  'constructions',
  'toitures',
  'toiture',
  'peinture',
  'electricite',
  'chauffage',
  'plomberie',
  'transports',
  'immobiliere',
  'assurances',
  'assurance',
  'avocats',
  'cabinet',
  'dentaire',
  'dentiste',
  'medical',
  'optique',
  'coiffure',
  'fleurs',
  'fleuriste',
  'renovation',
  'jardins',
  'nettoyage',
  'location',
  'librairie',
  'quincaillerie',
  'traiteur',
  // sectors and tails, English and company words
  'solutions',
  'systems',
  'logistics',
  'consulting',
  'group',
  'groep',
  'groupe',
  'international',
  'benelux',
  'belgium',
  'belgie',
  'belgique',
  'services',
  'service',
  'diensten',
  'partners',
  'industries',
  'technics',
  'engineering',
  'trading',
  'foods',
  'energy',
  'zonen',
  'gebroeders',
  'fils',
  'freres',
  'etablissements',
]);
/**
 * One trade in French and Dutch: "Boucherie Atlas" and "Beenhouwerij Atlas" are one shop, so the two words are one
 * word to the name score and no two trades to the cap. Compared, not rewritten: a typo in either ("Bouccherie") is
 * then still a typo of it. Garage and Autobedrijf are one trade (a car dealer and workshop); Carrosserie (body shop)
 * is another.
 */
const TRADE_TRANSLATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    // Not Bakker, Slager, Schilder or Kapper: surnames too.
    slagerij: ['boucherie', 'beenhouwerij', 'slagerij'],
    bakkerij: ['boulangerie', 'bakkerij'],
    apotheek: ['pharmacie', 'apotheek'],
    drukkerij: ['imprimerie', 'drukkerij'],
    schrijnwerkerij: ['menuiserie', 'schrijnwerker', 'schrijnwerkerij'],
    boekhandel: ['librairie', 'boekhandel'],
    bloemen: ['fleuriste', 'fleurs', 'bloemist', 'bloemisterij', 'bloemen'],
    autobedrijf: ['garage', 'autobedrijf'],
    loodgieterij: ['plomberie', 'loodgieter', 'loodgieterij'],
    schilderwerken: ['peinture', 'schilderwerken'],
    verwarming: ['chauffage', 'verwarming'],
    elektriciteit: ['electricite', 'elektriciteit'],
    dakwerken: ['toiture', 'toitures', 'dakwerken'],
    optiek: ['optique', 'opticien', 'optiek'],
    kapsalon: ['coiffure', 'kapsalon'],
    verzekeringen: ['assurance', 'assurances', 'verzekering', 'verzekeringen'],
    advocaten: ['avocats', 'advocaat', 'advocaten'],
    schoonmaak: ['nettoyage', 'schoonmaak'],
    renovatie: ['renovation', 'renovatie'],
    transport: ['transports', 'transporten', 'transport'],
  }).flatMap(([trade, words]) => words.map((w) => [w, trade])),
);

/** Dutch and French compound trades: "…bakkerij", "…praktijk", "…bedrijf", "…handel", "…erie". */
const GENERIC_ENDINGS = /^\p{L}{3,}(?:erij|erie|praktijk|bedrijf|handel|winkel|centrum|kantoor|werken)$/u;
const LONG_GENERIC_WORDS = [...GENERIC_WORDS].filter((g) => g.length >= 6);
/** A word of the trade, a typo included ("Schrijnwerkrij"). Asked once per word (memo.ts). */
const isGenericText = memoised(
  (text) =>
    GENERIC_WORDS.has(text) ||
    GENERIC_ENDINGS.test(text) ||
    (text.length >= 6 && LONG_GENERIC_WORDS.some((g) => jaroWinkler(text, g) >= 0.95)),
);
/**
 * The name the distinguishing words spell, capped here when each name keeps a word the other lacks: "Schrijnwerkerij
 * Bogaerts" and "Schrijnwerkerij Aerts" are two workshops; the shared trade says nothing about which.
 */
const DIFFERENT_WORD_CAP = 0.7;

/**
 * Words that number or place one of a series of companies: a project company per building ("Project Zuid 1" /
 * "Project Zuid 2", "Residentie Zonneweelde II" / "III") or a branch per region ("Vanhove Oost" / "Vanhove West"),
 * read to one spelling per meaning (NL / FR / EN). Each name carrying one the other lacks makes two companies.
 */
const DIRECTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    noord: ['noord', 'nord', 'north'],
    zuid: ['zuid', 'sud', 'south', 'midi'],
    oost: ['oost', 'est', 'east'],
    west: ['west', 'ouest'],
  }).flatMap(([direction, words]) => words.map((w) => [w, direction])),
);
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];
/** The series marker a name word is ("2" for "2", "02" and "II"; "zuid" for "Sud"), or undefined. */
function seriesMarker(text: string): string | undefined {
  if (/^\d+$/.test(text)) return text.replace(/^0+(?=\d)/, '');
  const roman = ROMAN.indexOf(text);
  return roman >= 0 ? String(roman + 1) : DIRECTIONS[text];
}

/** A first name written as initials ("J." / "J.P.") that agrees with the other's first letters. */
const INITIAL_SCORE = 0.9;
/**
 * Two persons whose names carry different generational suffixes ("Daan Verstraete sr." / "jr.", "II" / "III") are
 * two people, whatever else they share: their names score at most this, below every floor of the firing rule.
 */
export const GENERATIONS_DIFFER_CAP = 0.5;
/**
 * "Dhr. Peeters" and "Mevr. Peeters" (at one address: a household) are two people too, whatever else they share: the
 * same cap, when both names carry a form of address and they name a man and a woman.
 */
export const FORMS_OF_ADDRESS_DIFFER_CAP = GENERATIONS_DIFFER_CAP;
/**
 * Common Dutch, Flemish and French short forms of first names, folded: [full forms, short forms]. Written from
 * general knowledge, only forms in wide use; a short form that stands for many names ("Bert", "Tine", "Jo") is left
 * out, one of a few ("Leen", "Lien") is listed under each. A short form is its full forms' name and two full forms of one name are one ("Jozef" / "Joseph"), but two
 * short forms are not ("Jan" and "Hans" are two men, both Johannes).
 */
const NICKNAMES: ReadonlyArray<[full: string[], short: string[]]> = [
  [
    ['jozef', 'josef', 'joseph', 'josephus'],
    ['jef', 'jos', 'sjef'],
  ],
  [
    ['elisabeth', 'elizabeth', 'liesbeth', 'lisbeth'],
    ['lies', 'els', 'betty'],
  ],
  [['bartholomeus'], ['bart']],
  [['willem', 'wilhelmus'], ['wim']],
  [
    ['johannes', 'joannes'],
    ['jan', 'hans', 'hannes'],
  ],
  [
    ['margaretha', 'margareta', 'margarete', 'margriet', 'marguerite'],
    ['griet', 'greet', 'grietje', 'margot'],
  ],
  // Maria and Marie are two names (a mother and a daughter can bear them); Mie is short for either.
  [['maria'], ['mia', 'mie', 'mieke', 'ria']],
  [['marie'], ['mie']],
  [
    ['gustaaf', 'gustave', 'gustav'],
    ['staf', 'guust'],
  ],
  [
    ['hendrik', 'henricus', 'henri'],
    ['rik', 'henk', 'driek'],
  ],
  [['alfons', 'alphonse', 'alfonsus'], ['fons']],
  [['franciscus', 'frans'], ['sus']],
  [['theresia', 'therese', 'teresa'], ['trees']],
  // Pieter and Peter are two names, both Petrus; Piet is short for either.
  [['petrus', 'pieter'], ['piet']],
  [['petrus', 'peter'], ['piet']],
  [['paul', 'paulus'], ['pol']],
  [
    ['cornelis', 'cornelius'],
    ['kees', 'cor'],
  ],
  [
    ['jacobus', 'jacob', 'jakob'],
    ['jaak', 'koos', 'sjaak'],
  ],
  [
    ['nicolaas', 'nikolaas', 'nicolas'],
    ['klaas', 'niek'],
  ],
  [
    ['antonius', 'anton', 'antoon', 'antoine'],
    ['toon', 'teun'],
  ],
  [
    ['ludovicus', 'lodewijk'],
    ['lode', 'lowie'],
  ],
  [['emmanuel', 'emanuel'], ['manu']],
  [['alexander', 'alexandre'], ['alex']],
  [['alexandra'], ['alex']],
  [
    ['robert', 'robertus'],
    ['rob', 'bob'],
  ],
  [['frederik', 'frederic', 'frederick'], ['fred']],
  [['josephine', 'josefien', 'jozefien', 'josefine', 'jozefina'], ['fien']],
  [['ferdinand'], ['nand']],
  [
    ['matthias', 'matthijs', 'mattheus'],
    ['thijs', 'tijs'],
  ],
  [
    ['catharina', 'katharina', 'catherine', 'katrien', 'katrijn'],
    ['trien', 'kaat', 'kathy', 'cathy'],
  ],
  [['helena', 'helene'], ['leen']],
  [
    ['magdalena', 'madeleine'],
    ['leen', 'magda'],
  ],
  [['hubertus', 'hubert'], ['huub']],
  // Lien is short for several names, each its own.
  [['caroline', 'carolien'], ['lien']],
  [['jacqueline', 'jacquelien'], ['lien']],
  [['pauline', 'paulien'], ['lien']],
  [['emeline', 'emelien'], ['lien']],
];
/** Each name's groups (an index into NICKNAMES), as a full form and as a short form. */
const NICKNAME_GROUPS = new Map<string, { full: number[]; short: number[] }>();
NICKNAMES.forEach(([full, short], group) => {
  for (const [names, kind] of [
    [full, 'full'],
    [short, 'short'],
  ] as const) {
    for (const name of names) {
      const entry = NICKNAME_GROUPS.get(name) ?? { full: [], short: [] };
      entry[kind].push(group);
      NICKNAME_GROUPS.set(name, entry);
    }
  }
});
/** A short form and its name ("Jef" / "Jozef") score as a small typo does. */
const NICKNAME_SCORE = 0.9;

/** Whether two first names are one name by its short form: "Jef" / "Jozef", "Lies" / "Elisabeth", "Jozef" / "Joseph". */
export function nicknamePair(a: string, b: string): boolean {
  const [x, y] = [NICKNAME_GROUPS.get(a), NICKNAME_GROUPS.get(b)];
  if (!x || !y || a === b) return false;
  const shared = (p: number[], q: number[]) => p.some((g) => q.includes(g));
  return shared(x.full, y.full) || shared(x.full, y.short) || shared(x.short, y.full);
}

/**
 * Two real first names that are not one name are two people — "Jean" / "Jeanne", "Maria" / "Marie", "Lars" / "Lara",
 * at one address on one landline a household — however alike they are spelt: their score is capped at this, below
 * every floor of the firing rule. A typo that turns a name into another real name cannot be told from that name.
 */
export const TWO_FIRST_NAMES_CAP = 0.5;
/**
 * One first name is the other with a name more ("Anne" / "Anne-Marie", a middle name): people drop the second part,
 * but a mother and her daughter bear such names too. Below NAME_FLOOR, so a household is never reported on what it
 * shares; a person's own e-mail address or mobile number still makes it one person (fuzzy.ts).
 */
export const SHORTENED_FIRST_NAME_SCORE = 0.75;
/** The method of a person's name scored SHORTENED_FIRST_NAME_SCORE: the firing rule accepts it with a strong identifier. */
export const SHORTENED_FIRST_NAME = 'a first name more on one side';
/**
 * Endings that make a feminine name of a masculine one: Louis / Louise, Jean / Jeanne, Daniel / Danielle, Paul /
 * Paula, Pauline, Paulette, Antoine / Antoinette. Two names so related are two people.
 */
const FEMININE_ENDINGS = new Set(['e', 'a', 'ne', 'le', 'ine', 'ette']);

/** Whether one name is the other's feminine form (both four letters or more: "Ann" / "Anne" is one name). */
function feminineForm(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  const stems = short.endsWith('e') ? [short, short.slice(0, -1)] : [short];
  return stems.some((stem) => long.startsWith(stem) && FEMININE_ENDINGS.has(long.slice(stem.length)));
}

/**
 * A name as it sounds, for telling one name written two ways (Marc / Mark, Sofie / Sophie, Stefaan / Stéphane, Geert /
 * Gert, Christophe / Kristof, Sarah / Sara) from two names: ph, th, ch, c, qu, y, z to one spelling, doubled letters
 * single, a final "e" or "h" dropped. Vowels stay: Maria / Marie and Peter / Pieter are two names.
 */
const spelling = memoised((name) =>
  name
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ch|ck|qu/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/y/g, 'i')
    .replace(/z/g, 's')
    .replace(/(.)\1+/g, '$1')
    .replace(/(.)[eh]$/, '$1'),
);
/** First names (the list the name split uses, and the nickname table's), asked once per word. */
const knownFirstName = memoised((word) => NICKNAME_GROUPS.has(word) || isKnownFirstName(word));

/**
 * Whether two words are two real first names that are not one name: both known, not one name by a short form
 * (nicknamePair), and one the other's feminine form or spelt to another sound. "Jnas" for "Jans" is no name, so a
 * typo; "Gert" / "Geert" sound alike, so one name.
 */
export function twoFirstNames(a: string, b: string): boolean {
  if (a === b || !knownFirstName(a) || !knownFirstName(b) || nicknamePair(a, b)) return false;
  return feminineForm(a, b) || spelling(a) !== spelling(b);
}

/** A person known only by surname on one side: the first name neither confirms nor contradicts. */
const UNKNOWN_FIRST_NAME_SCORE = 0.85;

export interface NameToken {
  text: string;
  code: string; // primary Double Metaphone code, '' for words under 3 letters
}

/** One reading of a person's name (normalise.ts `PersonReading`): first-name words, the surname without spaces. */
export interface NameReading {
  first: NameToken[];
  /** The first-name words written as one ("Anna Maria" / "Annamaria"), kept so no comparison builds it again. */
  firstJoined: NameToken;
  surname: NameToken;
  /** The surname's words ("de", "smet"): compared one by one as well when both have as many (surnameScore). */
  surnameWords: NameToken[];
  surnameFirst: boolean; // the surname leads ("Peeters Jan")
  /** Every word of the name, first names and surname: the same in each reading of one name. */
  words: NameToken[];
}

export type Scored = [score: number, method: string];

/** A word's primary Double Metaphone code, worked out once per word (memo.ts). */
const soundOf = memoised((word) => doubleMetaphone(word)[0] ?? '');

export const nameToken = (text: string): NameToken => ({ text, code: text.length >= 3 ? soundOf(text) : '' });

/** A person reading from folded first name(s) and surname; none when there is no surname. */
export function nameReading(first: string, surname: string, surnameFirst: boolean): NameReading[] {
  const compact = surname.replace(/ /g, '');
  if (!compact) return [];
  const words = tokens(first);
  const firstTokens = words.map(nameToken);
  const surnameWords = tokens(surname).map(nameToken);
  return [
    {
      first: firstTokens,
      firstJoined: nameToken(words.join('')),
      surname: nameToken(compact),
      surnameWords,
      surnameFirst,
      words: [...firstTokens, ...surnameWords],
    },
  ];
}

/**
 * Jaro-Winkler, lifted to PHONETIC_SCORE when the two words sound the same. Only primary codes of three
 * sounds or more count: alternates and short codes match too much ("Jef" and "Eva" share an alternate,
 * "Denis" and "Taon" are both TN).
 */
export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.text === b.text) return 1;
  const jw = jaroWinkler(a.text, b.text);
  return a.code.length >= 3 && a.code === b.code ? Math.max(jw, PHONETIC_SCORE) : jw;
}

const wordWeight = (t: NameToken) => (LINK_WORDS.has(t.text) ? 1 : t.text.length);

/** The same trade word in two languages ("Boucherie" / "Beenhouwerij"). */
const sameTrade = (a: NameToken, b: NameToken) =>
  a.text !== b.text && !!TRADE_TRANSLATIONS[a.text] && TRADE_TRANSLATIONS[a.text] === TRADE_TRANSLATIONS[b.text];

/** Company name words: as tokenSimilarity, and one trade in two languages is one word. */
const companyWordSimilarity = (a: NameToken, b: NameToken) => (sameTrade(a, b) ? 1 : tokenSimilarity(a, b));

/**
 * Geometric mean over a's words of their best match in b, longer words weighing more: one unmatched
 * word pulls it down hard ("Boulangerie Mercier" vs "Boulangerie Dumont").
 */
function geometricBest(a: NameToken[], b: NameToken[]): number {
  let logSum = 0;
  let weights = 0;
  for (const x of a) {
    let best = 1e-6;
    for (const y of b) best = Math.max(best, companyWordSimilarity(x, y));
    logSum += wordWeight(x) * Math.log(best);
    weights += wordWeight(x);
  }
  return Math.exp(logSum / weights);
}

/**
 * Whether a word is a group word, typos included. Asked of every word of both names on every company
 * comparison (ten Jaro-Winklers a word), so answered once per word (memo.ts).
 */
const isEntityText = memoised((text) => ENTITY_WORDS.some((e) => e === text || jaroWinkler(text, e) >= 0.9));
const isEntityWord = (t: NameToken) => t.text.length >= 6 && isEntityText(t.text);

/** Group words are recognised through typos ("Holdinv") and must find their match on the other side. */
function entityWordOnOneSide(a: NameToken[], b: NameToken[]): string | undefined {
  const unmatched = (x: NameToken[], y: NameToken[]) =>
    x.find((t) => isEntityWord(t) && !y.some((u) => tokenSimilarity(t, u) >= 0.85))?.text;
  return unmatched(a, b) ?? unmatched(b, a);
}

/**
 * Restricted Damerau-Levenshtein (optimal string alignment) distance, or `max + 1` once it is certainly above
 * `max`: how many typos (a letter wrong, dropped, added, or two swapped) turn one word into the other.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    [prev2, prev] = [prev, row];
  }
  return prev[b.length];
}

/**
 * One word written twice, typos apart: a word in both records can carry a slip or two (four letters and more: two
 * typos between them; eight and more: three), or they sound the same (Filips / Philips). Not "Bogaerts" / "Aerts"
 * or "Wouters" / "Wuyts": other families, however alike Jaro-Winkler finds them (0.88, 0.84).
 */
function typoApart(a: NameToken, b: NameToken): boolean {
  if (a.text === b.text || (a.code.length >= 3 && a.code === b.code)) return true;
  const shorter = Math.min(a.text.length, b.text.length);
  const max = shorter >= 8 ? 3 : shorter >= 4 ? 2 : 1;
  return typoDistance(a.text, b.text, max) <= max;
}

/**
 * A series marker of each name that the other lacks ("1" / "2", "Oost" / "West"; one name without a marker is no
 * difference: "Project Zuid" may be "Project Zuid 1" written short). Else a word of each name that the other lacks,
 * among the words that are neither a trade nor a link word ("van", "de") nor one or two letters: "bogaerts" and
 * "aerts" in "Schrijnwerkerij Bogaerts" / "Schrijnwerkerij Aerts", or undefined. A word
 * dropped on one side only ("Peeters & Janssens" / "Peeters") is no difference, nor one spelt apart or together
 * ("Van den Broeck" / "Vandenbroeck"). Failing that, a trade of each that the other lacks ("Bakkerij" / "Slagerij").
 */
function differingWords(a: NameToken[], b: NameToken[]): [string, string] | undefined {
  // Series markers first, compared as read ("2" / "II"), never as typos: "Oost" / "West" are two letters apart.
  const markers = (x: NameToken[]) => x.filter((t) => seriesMarker(t.text) !== undefined);
  const [ma, mb] = [markers(a), markers(b)];
  const unmarked = (x: NameToken[], y: NameToken[]) =>
    x.find((t) => !y.some((u) => seriesMarker(u.text) === seriesMarker(t.text)));
  const [ua, ub] = [unmarked(ma, mb), unmarked(mb, ma)];
  if (ua && ub) return [ua.text, ub.text];
  // One or two letters are an initial or a particle with a typo ("va dr Meer"), not a name.
  const distinct = (x: NameToken[]) =>
    x.filter((t) => t.text.length >= 3 && !LINK_WORDS.has(t.text) && !isGenericText(t.text) && !seriesMarker(t.text));
  const [da, db] = [distinct(a), distinct(b)];
  const words = wordOfEachLacking(da, db, (t, other) => other.some((u) => typoApart(t, u)));
  if (words) return words;
  // Two trades, each lacking on the other side: "Bakkerij Peeters" is no "Slagerij Peeters".
  const trades = (x: NameToken[]) => x.filter((t) => t.text.length >= 3 && isGenericText(t.text));
  const [ta, tb] = [trades(a), trades(b)];
  const otherTrade = (x: NameToken[], y: NameToken[]) =>
    x.find((t) => !y.some((u) => typoApart(t, u) || sameTrade(t, u)));
  const [xa, xb] = [otherTrade(ta, tb), otherTrade(tb, ta)];
  return xa && xb ? [xa.text, xb.text] : undefined;
}

/**
 * Company names (significant words, legal forms already removed): the words compared both ways, or the
 * whole name for a typo or other spacing, or one name's words all found in the other (a dropped word),
 * whichever is best. A group word on one side only ("Holding") caps the score.
 */
export function companyNameScore(a: NameToken[], b: NameToken[]): Scored {
  const wholeA = a.map((t) => t.text).join('');
  const wholeB = b.map((t) => t.text).join('');
  if (wholeA === wholeB) return [1, 'exact'];
  const candidates: Scored[] = [[(geometricBest(a, b) + geometricBest(b, a)) / 2, 'jaro-winkler+metaphone (words)']];
  const whole = jaroWinkler(wholeA, wholeB);
  if (whole >= WHOLE_NAME_TYPO) candidates.push([whole, 'jaro-winkler (whole name)']);
  if (a.length !== b.length) {
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    candidates.push([
      DROPPED_WORD_SCORE * geometricBest(short, long),
      'jaro-winkler+metaphone (one name inside the other)',
    ]);
  }
  const [score, method] = candidates.reduce((best, c) => (c[0] > best[0] ? c : best));
  const entity = entityWordOnOneSide(a, b);
  if (entity && score > ENTITY_WORD_CAP) return [ENTITY_WORD_CAP, `${method}; "${entity}" on one side only`];
  const differing = score > DIFFERENT_WORD_CAP ? differingWords(a, b) : undefined;
  return differing
    ? [DIFFERENT_WORD_CAP, `${method}; "${differing[0]}" and "${differing[1]}" differ`]
    : [score, method];
}

/** Similarity of two name words, capped when they are two first names (in whichever part a reading puts them). */
function nameWordScore(a: NameToken, b: NameToken): Scored {
  const score = tokenSimilarity(a, b);
  return score > TWO_FIRST_NAMES_CAP && twoFirstNames(a.text, b.text)
    ? [TWO_FIRST_NAMES_CAP, `two first names (${a.text} / ${b.text})`]
    : [score, ''];
}

/**
 * How alike the surnames of two readings are: written as one word ("Vandenbroeck" = "Van den Broeck"), and when
 * both have as many words, word by word too — Jaro-Winkler rewards a shared beginning, so a reading with the
 * surname "Pierre Lefèvre" met "Pierre Delvaux" at 0.86 (two persons called Jean-Pierre, each read surname first).
 */
function surnameScore(x: NameReading, y: NameReading): Scored {
  const scored = nameWordScore(x.surname, y.surname);
  // Particles ("van", "de", a typo "vn") are left to the whole-word comparison: "Van Dyck" = "Vn Dyck".
  const words = (r: NameReading) => r.surnameWords.filter((w) => w.text.length > 2 && !LINK_WORDS.has(w.text));
  const [a, b] = [words(x), words(y)];
  if (a.length < 2 || a.length !== b.length) return scored;
  const worst = Math.min(...a.map((w, i) => tokenSimilarity(w, b[i])));
  return worst < scored[0] ? [worst, scored[1]] : scored;
}

/** How alike the first names of two readings are, and a note for the method when a rule decided it. */
function firstNameScore(x: NameReading, y: NameReading): Scored {
  const [a, b] = [x.first, y.first];
  if (a.length === 0 || b.length === 0) return [UNKNOWN_FIRST_NAME_SCORE, ''];
  const initialsOnly = (t: NameToken[]) => t.every((w) => w.text.length === 1);
  if (initialsOnly(a) || initialsOnly(b)) {
    const [short, long] = initialsOnly(a) ? [a, b] : [b, a];
    return [short.every((w, i) => long[i] && long[i].text[0] === w.text) ? INITIAL_SCORE : 0, ''];
  }
  if (x.firstJoined.text === y.firstJoined.text) return [1, '']; // "Anna Maria" / "Annamaria"
  const [first, note] = nameWordScore(a[0], b[0]);
  if (note) return [first, note];
  const byName = Math.max(first, nicknamePair(a[0].text, b[0].text) ? NICKNAME_SCORE : 0);
  if (a.length < 2 || b.length < 2) return [Math.max(byName, tokenSimilarity(x.firstJoined, y.firstJoined)), ''];
  // Both with more than one first name: the later ones must agree too, and the words written as one do not stand
  // in for them. "Jean-Pierre" / "Jean-Paul" are two names, and a reading that takes a three-word name surname
  // first ("Jean" the surname, "Pierre Lefèvre" the first names) would otherwise find "Jean-Pierre Lefèvre" =
  // "Jean-Pierre Delvaux" on "Pierre" alone.
  const rest = (t: NameToken[]) =>
    nameToken(
      t
        .slice(1)
        .map((w) => w.text)
        .join(''),
    );
  return [Math.min(byName, tokenSimilarity(rest(a), rest(b))), ''];
}

/**
 * The first names one person's name has more than the other's ("Anne Remacle" / "Anne-Marie Remacle", a middle name):
 * every word of the shorter name found in the longer, typos apart, and the words left over all first names; or ''.
 * Asked of the whole name, not per reading: a reading of "Anne Marie Remacle" with surname "Marie Remacle" would
 * otherwise find "Anne" = "Anne".
 */
function firstNamesMore(a: readonly NameToken[], b: readonly NameToken[]): string {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === long.length) return '';
  const rest = [...long];
  for (const word of short) {
    const at = rest.findIndex((w) => typoApart(word, w));
    if (at < 0) return '';
    rest.splice(at, 1);
  }
  return rest.every((w) => knownFirstName(w.text)) ? rest.map((w) => w.text).join(' ') : '';
}

/**
 * A word of each person's name that the other name lacks (typos, short forms and initials apart; particles and
 * words under four letters left out), e.g. "paul" and "pierre" in "Jean-Paul Lefèvre" / "Jean-Pierre Lefèvre": asked of the whole name, as
 * readings that move a word between first name and surname would otherwise pair "Jean | Paul Lefèvre" with
 * "Jean Pierre | Lefèvre" on Jaro-Winkler's liking for the shared ending. '' when there is none; a name written
 * together on one side ("Vandenbroeck") is no difference.
 */
function personWordsDiffer(a: readonly NameToken[], b: readonly NameToken[]): string {
  // Words of four letters or more: shorter ones are particles with a typo ("dee"), initials or short first names,
  // which the first-name rules weigh.
  const distinct = (x: readonly NameToken[]) => x.filter((t) => t.text.length > 3 && !LINK_WORDS.has(t.text));
  const [da, db] = [distinct(a), distinct(b)];
  const initials = (x: readonly NameToken[]) => new Set(x.filter((t) => t.text.length === 1).map((t) => t.text));
  const [ia, ib] = [initials(a), initials(b)];
  // One word inside the other, typos apart, is a name written together on one side ("velde" / "vandevelide").
  const inside = (t: string, u: string) => t.length >= 4 && u.length > t.length && typoInside(t, u);
  const same = (t: NameToken, u: NameToken) =>
    typoApart(t, u) || nicknamePair(t.text, u.text) || inside(t.text, u.text) || inside(u.text, t.text);
  const words = wordOfEachLacking(
    da,
    db,
    (t, other) => (other === db ? ib : ia).has(t.text[0]) || other.some((u) => same(t, u)),
  );
  return words ? `"${words[0]}" and "${words[1]}"` : '';
}

/**
 * A word of `a` that `b` lacks and one of `b` that `a` lacks (`has(word, other)`: whether the other list has it),
 * unless the two lists are one name spaced another way ("Van den Broeck" / "Vandenbroeck"); or undefined.
 */
function wordOfEachLacking(
  a: NameToken[],
  b: NameToken[],
  has: (word: NameToken, other: NameToken[]) => boolean,
): [string, string] | undefined {
  const wa = a.find((t) => !has(t, b));
  const wb = b.find((t) => !has(t, a));
  if (!wa || !wb) return undefined;
  const joined = (x: NameToken[]) => nameToken(x.map((t) => t.text).join(''));
  return typoApart(joined(a), joined(b)) ? undefined : [wa.text, wb.text];
}

/** Whether `word` is written inside `longer`, one typo allowed ("velde" in "vandevelide"). */
function typoInside(word: string, longer: string): boolean {
  for (let i = 0; i + word.length - 1 <= longer.length; i += 1) {
    for (const n of [word.length - 1, word.length, word.length + 1]) {
      if (i + n <= longer.length && typoDistance(word, longer.slice(i, i + n), 1) <= 1) return true;
    }
  }
  return false;
}

/** How alike the two parts of the best reading are (persons), for the firing rule and the breakdown. */
export interface NameParts {
  surname: number;
  firstName: number;
}

/**
 * Person names: surname similarity × first-name similarity, so "Jan Peeters" and "Marc Peeters" stay
 * apart, taken over every reading of both names (normalise.ts `personName`): the best alignment of first
 * name and surname wins, so "De Smet Geert" = "Geert De Smet" and "Verhoeven Koen" = "Koen Verhoeven",
 * whichever way the parts were stored. Different generational suffixes on the two names cap it (GENERATIONS_DIFFER_CAP),
 * so do forms of address of a man and a woman (FORMS_OF_ADDRESS_DIFFER_CAP),
 * and so does a first name more on one side (SHORTENED_FIRST_NAME_SCORE); two first names cap the first name
 * (TWO_FIRST_NAMES_CAP).
 */
export function personNameScore(
  a: NameReading[],
  b: NameReading[],
  generations: [string, string] = ['', ''],
  addressedAs: [string, string] = ['', ''],
): [score: number, method: string, parts: NameParts] {
  let best: [number, string, NameParts] = [0, 'different', { surname: 0, firstName: 0 }];
  for (const x of a) {
    for (const y of b) {
      const [surname, surnameNote] = surnameScore(x, y);
      const [firstName, firstNote] = firstNameScore(x, y);
      const score = surname * firstName;
      if (score > best[0]) {
        const order = x.surnameFirst !== y.surnameFirst ? ' (one written surname first)' : '';
        const notes = [surnameNote, firstNote].filter(Boolean).map((n) => `; ${n}`);
        const method =
          score === 1 && !order ? 'exact' : `jaro-winkler+metaphone: surname × first name${order}${notes.join('')}`;
        best = [score, method, { surname, firstName }];
      }
    }
  }
  const differing =
    a.length && b.length && best[0] > DIFFERENT_WORD_CAP ? personWordsDiffer(a[0].words, b[0].words) : '';
  if (differing) best = [DIFFERENT_WORD_CAP, `${best[1]}; ${differing} differ`, best[2]];
  const more =
    a.length && b.length && best[0] > SHORTENED_FIRST_NAME_SCORE ? firstNamesMore(a[0].words, b[0].words) : '';
  if (more) {
    const parts = { ...best[2], firstName: Math.min(best[2].firstName, SHORTENED_FIRST_NAME_SCORE) };
    const method = best[1] === 'exact' ? 'same words' : best[1];
    best = [SHORTENED_FIRST_NAME_SCORE, `${method}; ${SHORTENED_FIRST_NAME} (${more})`, parts];
  }
  const [ga, gb] = generations;
  if (ga && gb && ga !== gb && best[0] > GENERATIONS_DIFFER_CAP)
    return [GENERATIONS_DIFFER_CAP, `${best[1]}; generations differ (${ga} / ${gb})`, best[2]];
  const [fa, fb] = addressedAs;
  if (fa && fb && fa !== fb && best[0] > FORMS_OF_ADDRESS_DIFFER_CAP)
    return [FORMS_OF_ADDRESS_DIFFER_CAP, `${best[1]}; forms of address differ (a man / a woman)`, best[2]];
  return best;
}
