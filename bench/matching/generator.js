'use strict';
/**
 * Seeded generator of labelled Belgian / Dutch contact records for the duplicate-matching benchmark.
 *
 * A population of real-world parties (companies and persons) is drawn first; each party is written down
 * once, and some of them again one or two times with the corruptions people and imports make (typos,
 * swapped letters, dropped words, legal-form variants, lost accents, abbreviations, other phone / VAT /
 * post code formats, bilingual place names, moved addresses, missing fields). Every record carries the
 * id of its party, so two records are a true duplicate pair exactly when they share that id.
 *
 * The population also holds the look-alikes that make matching hard, each a separate party:
 *  - business centres: several companies at one address, some behind one switchboard number;
 *  - same family name, other business ("Garage Peeters" / "Bakkerij Peeters"), often on the same street;
 *  - namesake companies in other towns, and sister companies ("Verlonex Gent NV" / "Verlonex Antwerpen NV")
 *    with one e-mail domain and their own VAT numbers;
 *  - a holding next to its operating company: same address, switchboard and domain, own VAT number;
 *  - brands one letter apart in the same town;
 *  - households: same surname, address and often landline, sometimes one shared mailbox, and now and
 *    then father and son with the same first name;
 *  - namesake persons ("Jan Peeters") elsewhere.
 *
 * Usage: generate({ seed, companies, persons }) → { records, stats }.
 */

// ---------------------------------------------------------------- random
const { mulberry32 } = require('../lib/random');
class Rng {
  constructor(seed) { this.r = mulberry32(seed); }
  next() { return this.r(); }
  int(n) { return Math.floor(this.r() * n); }
  range(lo, hi) { return lo + this.int(hi - lo + 1); }
  pick(arr) { return arr[this.int(arr.length)]; }
  chance(p) { return this.r() < p; }
  digits(n) { let s = ''; for (let i = 0; i < n; i++) s += String(this.int(10)); return s; }
}

// ---------------------------------------------------------------- vocabulary
const FIRST_NL = ['Jan', 'Pieter', 'Marc', 'Luc', 'Koen', 'Tom', 'Bart', 'Wim', 'Geert', 'Dirk', 'Peter', 'Kris', 'Jef', 'Stijn',
  'Wouter', 'Joris', 'Sander', 'Thijs', 'Daan', 'Bram', 'Lotte', 'An', 'Els', 'Sofie', 'Katrien', 'Griet', 'Inge', 'Veerle',
  'Leen', 'Lies', 'Eva', 'Emma', 'Lisa', 'Sanne', 'Femke', 'Marieke', 'Jasper', 'Ruben', 'Sven', 'Maarten', 'Hendrik', 'Johan',
  'Hans', 'Frank', 'Filip', 'Patrick', 'Kim', 'Hilde', 'Gert', 'Jeroen', 'Niels', 'Lieve', 'Ilse', 'Nele', 'Karel', 'Jozef',
  'Elisabeth', 'Willem', 'Gustaaf', 'Margriet', 'Johannes'];
// Short forms people go by (the 'nickname' style); a household may hold a Johannes and a Jan, who are two men.
const SHORT_FORMS = { Jozef: ['Jef', 'Jos'], Hendrik: ['Rik', 'Henk'], Pieter: ['Piet'], Elisabeth: ['Lies', 'Els', 'Liesbeth'],
  Willem: ['Wim'], Gustaaf: ['Staf'], Margriet: ['Griet'], Johannes: ['Jan', 'Hans'] };
// Generational suffixes a father and son of one name may carry: [father's, son's].
const GENERATIONS = [['sr.', 'jr.'], ['Sr', 'Jr'], ['senior', 'junior'], ['I', 'II']];
const FIRST_FR = ['Jean', 'Pierre', 'Philippe', 'Michel', 'François', 'Olivier', 'Nicolas', 'Sébastien', 'Jérôme', 'Frédéric',
  'Stéphane', 'Benoît', 'Hélène', 'Céline', 'Valérie', 'Isabelle', 'Nathalie', 'Émilie', 'Aurélie', 'Chloé', 'Amélie',
  'Geneviève', 'Noémie', 'Thérèse', 'André', 'René', 'Gaëtan', 'Raphaël', 'Loïc', 'Joël', 'Jean-Pierre', 'Marie-Claire'];
const SUR_BE_NL = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
  'Vermeulen', 'Van den Broeck', 'Van Damme', 'De Clercq', 'Hermans', 'Michiels', 'Aerts', 'Pauwels', 'Verstraete', 'De Backer',
  'Desmet', 'Van Dyck', 'Cools', 'Verhoeven', 'Smets', 'Segers', 'Hendrickx', 'Stevens', 'Lemmens', 'De Cock', 'Martens',
  'Van de Velde', 'Dierckx', "D'Hondt", 'Vandenberghe', 'Verbeke', 'Declercq', 'Coppens', 'Bogaert', 'Vercammen', 'Van Hoof',
  'Geerts', 'Thys', 'Timmermans', 'Verschueren', 'Baert', 'Bosmans', 'Van Acker', 'Wuyts', 'Claeys', 'Lauwers', 'Sels'];
const SUR_FR = ['Dubois', 'Lambert', 'Dupont', 'Martin', 'Simon', 'Laurent', 'Leroy', 'Lejeune', 'Renard', 'Denis', 'Lefèvre',
  'François', 'Gérard', 'Mathieu', 'Collignon', 'Lemaire', 'Fontaine', 'Delvaux', 'Hubert', 'Masson', 'Noël', 'Poncelet',
  'Piette', 'Deprez', 'Dumont', 'Thiry', 'Gillet', 'Mercier', 'Jacquet', 'Bodart', 'Léonard', 'Wéry'];
const SUR_NL = ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer',
  'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits',
  'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'de Haan', 'van den Heuvel', 'Schouten', 'Huisman'];

// [country, lang, postCode, city, bilingual / other spellings, phone area code (national, with 0)]
const PLACES = [
  ['BE', 'nl', '2000', 'Antwerpen', ['Anvers', 'Antwerp'], '03'], ['BE', 'nl', '2018', 'Antwerpen', ['Anvers'], '03'],
  ['BE', 'nl', '2100', 'Deurne', [], '03'], ['BE', 'nl', '2800', 'Mechelen', ['Malines'], '015'],
  ['BE', 'nl', '3000', 'Leuven', ['Louvain'], '016'], ['BE', 'nl', '3500', 'Hasselt', [], '011'],
  ['BE', 'nl', '3600', 'Genk', [], '089'], ['BE', 'nl', '8000', 'Brugge', ['Bruges'], '050'],
  ['BE', 'nl', '8400', 'Oostende', ['Ostende'], '059'], ['BE', 'nl', '8500', 'Kortrijk', ['Courtrai'], '056'],
  ['BE', 'nl', '9000', 'Gent', ['Gand', 'Ghent'], '09'], ['BE', 'nl', '9050', 'Gentbrugge', [], '09'],
  ['BE', 'nl', '9100', 'Sint-Niklaas', ['St.-Niklaas', 'Saint-Nicolas'], '03'], ['BE', 'nl', '9300', 'Aalst', ['Alost'], '053'],
  ['BE', 'nl', '2300', 'Turnhout', [], '014'], ['BE', 'nl', '2500', 'Lier', ['Lierre'], '03'],
  ['BE', 'nl', '8900', 'Ieper', ['Ypres'], '057'], ['BE', 'nl', '3800', 'Sint-Truiden', ['St.-Truiden', 'Saint-Trond'], '011'],
  ['BE', 'nl', '9200', 'Dendermonde', ['Termonde'], '052'], ['BE', 'nl', '3300', 'Tienen', ['Tirlemont'], '016'],
  ['BE', 'nl', '1000', 'Brussel', ['Bruxelles', 'Brussels'], '02'], ['BE', 'fr', '1050', 'Ixelles', ['Elsene'], '02'],
  ['BE', 'nl', '1030', 'Schaarbeek', ['Schaerbeek'], '02'], ['BE', 'fr', '1060', 'Saint-Gilles', ['Sint-Gillis', 'St.-Gillis'], '02'],
  ['BE', 'fr', '4000', 'Liège', ['Luik', 'Liege'], '04'], ['BE', 'fr', '5000', 'Namur', ['Namen'], '081'],
  ['BE', 'fr', '6000', 'Charleroi', [], '071'], ['BE', 'fr', '7000', 'Mons', ['Bergen'], '065'],
  ['BE', 'fr', '1300', 'Wavre', ['Waver'], '010'], ['BE', 'fr', '1400', 'Nivelles', ['Nijvel'], '067'],
  ['BE', 'fr', '7500', 'Tournai', ['Doornik'], '069'], ['BE', 'fr', '6700', 'Arlon', ['Aarlen'], '063'],
  ['NL', 'nl', '1012', 'Amsterdam', [], '020'], ['NL', 'nl', '3011', 'Rotterdam', [], '010'],
  ['NL', 'nl', '2511', 'Den Haag', ["'s-Gravenhage"], '070'], ['NL', 'nl', '3511', 'Utrecht', [], '030'],
  ['NL', 'nl', '5611', 'Eindhoven', [], '040'], ['NL', 'nl', '4811', 'Breda', [], '076'],
  ['NL', 'nl', '6511', 'Nijmegen', [], '024'], ['NL', 'nl', '9711', 'Groningen', [], '050'],
  ['NL', 'nl', '5211', "'s-Hertogenbosch", ['Den Bosch'], '073'], ['NL', 'nl', '2011', 'Haarlem', [], '023'],
  ['NL', 'nl', '6211', 'Maastricht', [], '043'], ['NL', 'nl', '8011', 'Zwolle', [], '038'],
];
// Each street: [name, abbreviated forms people write]
const STREETS = {
  nl: [['Kerkstraat', ['Kerkstr.']], ['Stationsstraat', ['Stationsstr.', 'Statiestraat']], ['Dorpsstraat', ['Dorpsstr.']],
    ['Nieuwstraat', ['Nieuwstr.']], ['Molenstraat', ['Molenstr.']], ['Schoolstraat', ['Schoolstr.']], ['Kapelstraat', ['Kapelstr.']],
    ['Grote Markt', ['Gr. Markt']], ['Koningin Astridlaan', ['Kon. Astridlaan']], ['Leopoldlaan', ['Leopoldln.']],
    ['Stationsplein', ['Stationspl.']], ['Industrieweg', ['Industriewg.']], ['Hoogstraat', ['Hoogstr.']], ['Veldstraat', ['Veldstr.']],
    ['Brugsesteenweg', ['Brugse Stwg.', 'Brugse Steenweg', 'Brugsestwg']], ['Gentsesteenweg', ['Gentse Stwg.', 'Gentse Steenweg']],
    ['Antwerpsesteenweg', ['Antwerpse Stwg.', 'Antw. Steenweg']], ['Mechelsesteenweg', ['Mechelse Stwg.']],
    ['Koning Albertlaan', ['Kon. Albertlaan', 'Koning Albert laan']], ['Burgemeester Vandenbogaerdelaan', ['Burg. Vandenbogaerdelaan']],
    ['Sint-Pietersnieuwstraat', ['St.-Pietersnieuwstr.', 'Sint Pietersnieuwstraat']], ['Sint-Jansstraat', ['St.-Jansstraat', 'St-Jansstr']],
    ['Bredabaan', []], ['Turnhoutsebaan', ['Turnhoutse Baan']], ['Frankrijklei', []], ['Lange Nieuwstraat', ['Lange Nieuwstr.']],
    ['Ambachtenlaan', ['Ambachtenln.']], ['Noorderlaan', []], ['Kleine Kerkstraat', ['Kl. Kerkstraat']], ['Zandstraat', ['Zandstr.']],
    ['Hoofdstraat', ['Hoofdstr.']], ['Keizersgracht', []], ['Oudegracht', []], ['Stationsweg', ['Stationswg.']], ['Marktplein', ['Marktpl.']]],
  fr: [['Grand-Place', ["Grand'Place", 'Grand Place']], ['Rue de la Loi', ['R. de la Loi']], ['Avenue Louise', ['Av. Louise', 'Ave Louise']], ['Chaussée de Waterloo', ['Chée de Waterloo', 'Chaussee de Waterloo']],
    ["Boulevard d'Avroy", ["Bd d'Avroy", 'Bld Avroy']], ['Rue Neuve', []], ['Rue du Marché', ['Rue du Marche']], ['Place Saint-Lambert', ['Pl. St-Lambert', 'Place St.-Lambert']],
    ['Avenue des Arts', ['Av. des Arts']], ["Rue de l'Église", ["Rue de l'Eglise"]], ['Chaussée de Bruxelles', ['Chée de Bruxelles', 'Chaussée de Bxl']],
    ['Rue Saint-Gilles', ['Rue St-Gilles']], ['Boulevard Tirou', ['Bd Tirou']], ['Rue de Fer', []], ['Avenue de la Gare', ['Av. de la Gare']],
    ['Rue des Carmes', []], ['Rue Haute', []], ['Chaussée de Charleroi', ['Chée de Charleroi']]],
};
const ACTIVITY_NL = ['Bouw', 'Transport', 'Bakkerij', 'Garage', 'Schrijnwerkerij', 'Elektro', 'Dakwerken', 'Tuinaanleg', 'Drukkerij',
  'Installatie', 'Logistiek', 'Vastgoed', 'Advocaten', 'Accountancy', 'Consultancy', 'Immo', 'Verzekeringen', 'Apotheek', 'Slagerij',
  'Brouwerij', 'Renovatie', 'Metaalbouw', 'Schilderwerken', 'Sanitair', 'Verhuur', 'Kapsalon', 'Optiek'];
const ACTIVITY_FR = ['Construction', 'Transports', 'Boulangerie', 'Garage', 'Menuiserie', 'Électricité', 'Toitures', 'Imprimerie',
  'Immobilière', 'Assurances', 'Pharmacie', 'Boucherie', 'Brasserie', 'Rénovation', 'Peinture', 'Chauffage', 'Optique'];
const SYLLABLES = ['ver', 'tri', 'lo', 'max', 'ex', 'on', 'ar', 'bel', 'gi', 'ca', 'nex', 'vo', 'ra', 'tec', 'sol', 'pro', 'dyn', 'am',
  'is', 'co', 'flu', 'or', 'ix', 'ten', 'qua', 'zen', 'mo', 'vi', 'ta', 'ko', 'lu', 'del', 'sa', 'tro', 'mi', 'fa', 'bri', 'kam'];
const SECTORS = ['Solutions', 'Systems', 'Logistics', 'Consulting', 'Group', 'International', 'Benelux', 'Belgium', 'Services', 'Partners',
  'Industries', 'Technics', 'Engineering', 'Trading', 'Invest', 'Medical', 'Foods', 'Energy'];
// Legal forms: [canonical, other ways of writing the same form]
const FORMS = {
  'BE-nl': [['NV', ['N.V.', 'nv', 'N.V', 'Naamloze Vennootschap']], ['BV', ['B.V.', 'bv', 'BVBA', 'B.V.B.A.']],
    ['BVBA', ['B.V.B.A.', 'bvba', 'BV BA', 'BV']], ['CV', ['C.V.', 'CVBA', 'cv']], ['CVBA', ['C.V.B.A.', 'CV']], ['VOF', ['V.O.F.', 'vof']],
    ['Comm.V', ['CommV', 'Comm. V.', 'GCV']], ['VZW', ['V.Z.W.', 'vzw', 'v.z.w.']]],
  'BE-fr': [['SA', ['S.A.', 'sa', 'S.A', 'Société Anonyme']], ['SRL', ['S.R.L.', 'SPRL', 'srl']], ['SPRL', ['S.P.R.L.', 'SRL', 'sprl']],
    ['SC', ['S.C.', 'SCRL']], ['SCRL', ['S.C.R.L.', 'SC', 'scrl']], ['ASBL', ['A.S.B.L.', 'asbl', 'a.s.b.l.']], ['SNC', ['S.N.C.']]],
  'NL-nl': [['B.V.', ['BV', 'bv', 'B.V']], ['N.V.', ['NV', 'nv']], ['V.O.F.', ['VOF', 'vof']], ['C.V.', ['CV']]],
};
const FREE_MAIL = { BE: ['gmail.com', 'telenet.be', 'skynet.be', 'hotmail.com', 'outlook.com', 'proximus.be'], NL: ['gmail.com', 'ziggo.nl', 'kpnmail.nl', 'hotmail.com', 'outlook.com', 'xs4all.nl'] };
const KEYBOARD = { a: 'qszw', b: 'vghn', c: 'xdfv', d: 'serfcx', e: 'wsdr', f: 'drtgvc', g: 'ftyhbv', h: 'gyujnb', i: 'ujko', j: 'huikmn',
  k: 'jiolm', l: 'kop', m: 'njk', n: 'bhjm', o: 'iklp', p: 'ol', r: 'edft', s: 'awedxz', t: 'rfgy', u: 'yhji', v: 'cfgb', w: 'qase', x: 'zsdc', y: 'tghu', z: 'asx' };

const DESCRIPTIVE = new Set([...ACTIVITY_NL, ...ACTIVITY_FR, ...SECTORS, 'Zonen']);

// ---------------------------------------------------------------- helpers
const stripAccents = (s) => s.normalize('NFD').replace(/\p{M}+/gu, '');
const slug = (s) => stripAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, '');
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** Belgian enterprise number, 10 digits: 0 + 7 digits + 2 check digits (97 − first eight mod 97). */
function belgianVat(rng) {
  const base = `0${rng.range(2, 9)}${rng.digits(6)}`;
  const check = 97 - (Number(base) % 97);
  return `${base}${String(check).padStart(2, '0')}`;
}

/** One typo: keyboard neighbour, deletion, insertion, doubled or swapped letters. */
function typo(rng, s) {
  const letters = [...s].map((ch, i) => (/\p{L}/u.test(ch) ? i : -1)).filter((i) => i > 0);
  if (letters.length < 3) return s;
  const i = rng.pick(letters);
  const chars = [...s];
  const ch = chars[i];
  switch (rng.int(5)) {
    case 0: { const n = KEYBOARD[ch.toLowerCase()]; if (n) chars[i] = rng.pick([...n]); break; }
    case 1: chars.splice(i, 1); break;
    case 2: chars.splice(i, 0, rng.pick([...'aeiounrst'])); break;
    case 3: chars.splice(i, 0, ch); break;
    default: if (i + 1 < chars.length && /\p{L}/u.test(chars[i + 1])) [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
  }
  return chars.join('');
}

// ---------------------------------------------------------------- parties
function place(rng, country) {
  const list = country ? PLACES.filter((p) => p[0] === country) : PLACES;
  // Big towns are more common: the first entries of each country count double.
  return rng.chance(0.3) ? list[rng.int(Math.min(6, list.length))] : rng.pick(list);
}
function street(rng, pl) {
  const lang = pl[0] === 'BE' && pl[1] === 'fr' ? 'fr' : 'nl';
  const [name, abbr] = rng.pick(STREETS[lang]);
  return {
    name, abbr, no: String(rng.range(1, 250)), suffix: rng.chance(0.08) ? rng.pick(['A', 'B']) : '',
    box: rng.chance(0.15) ? String(rng.range(1, 12)) : '',
    pcLetters: String.fromCharCode(65 + rng.int(26), 65 + rng.int(26)), // Dutch post codes: 1012 AB
  };
}
function landline(rng, pl) {
  const area = pl[5];
  // Belgian landlines have 9 digits with the trunk 0, Dutch ones 10.
  return { area, rest: rng.digits((pl[0] === 'BE' ? 9 : 10) - area.length), country: pl[0] };
}
function mobile(rng, country) {
  return country === 'BE' ? { area: `04${rng.pick(['70', '75', '76', '77', '78', '79', '80', '84', '85', '86', '94', '95', '96', '97', '98', '99'])}`, rest: rng.digits(6), country }
    : { area: '06', rest: rng.digits(8), country };
}
function surname(rng, pl) {
  return pl[0] === 'NL' ? rng.pick(SUR_NL) : pl[1] === 'fr' ? rng.pick(SUR_FR) : rng.pick(SUR_BE_NL);
}
function firstName(rng, pl) {
  return pl[1] === 'fr' && pl[0] === 'BE' ? rng.pick(FIRST_FR) : rng.pick(FIRST_NL);
}
function brand(rng) {
  let s = '';
  for (let n = rng.range(2, 3); n > 0; n--) s += rng.pick(SYLLABLES);
  return cap(s);
}

/** A company: name made of words (so words can be dropped), legal form, address, contact data. */
function makeCompany(rng, id, over = {}) {
  const pl = over.place ?? place(rng);
  const lang = pl[0] === 'NL' ? 'NL-nl' : pl[1] === 'fr' ? 'BE-fr' : 'BE-nl';
  const fam = over.surname ?? surname(rng, pl);
  const act = lang === 'BE-fr' ? rng.pick(ACTIVITY_FR) : rng.pick(ACTIVITY_NL);
  let words;
  switch (over.pattern ?? rng.int(6)) {
    case 0: words = [fam, act]; break;
    case 1: words = [act, fam]; break;
    case 2: words = [over.brand ?? brand(rng)]; break;
    case 3: words = [over.brand ?? brand(rng), rng.pick(SECTORS)]; break;
    case 4: words = [fam, '&', surname(rng, pl)]; break;
    default: words = lang === 'BE-fr' ? [rng.pick(['Établissements', 'Ets.']), fam] : [fam, '&', 'Zonen'];
  }
  if (over.words) words = over.words;
  const form = rng.chance(0.85) ? rng.pick(FORMS[lang]) : null;
  const domain = over.domain ?? `${slug(words.filter((w) => w !== '&').join(''))}.${pl[0] === 'NL' ? 'nl' : rng.chance(0.8) ? 'be' : 'com'}`;
  return {
    id, type: 'company', country: pl[0], lang, words, form, place: pl,
    street: over.street ?? street(rng, pl),
    phone: over.phone ?? (rng.chance(0.9) ? landline(rng, pl) : null),
    mobile: rng.chance(0.15) ? mobile(rng, pl[0]) : null,
    vat: over.vat !== undefined ? over.vat : rng.chance(pl[0] === 'BE' ? 0.8 : 0.6) ? (pl[0] === 'BE' ? { c: 'BE', n: belgianVat(rng) } : { c: 'NL', n: `${rng.digits(9)}B0${rng.range(1, 3)}` }) : null,
    email: rng.chance(0.8) ? `${rng.pick(['info', 'info', 'contact', 'office', 'admin', slug(fam)])}@${domain}` : null,
    domain,
  };
}

/** A person: first name(s), surname, home address, phones, e-mail. */
function makePerson(rng, id, over = {}) {
  const pl = over.place ?? place(rng);
  const first = over.first ?? firstName(rng, pl);
  const sur = over.surname ?? surname(rng, pl);
  const provider = over.provider ?? rng.pick(FREE_MAIL[pl[0]]);
  const local = rng.pick([`${slug(first)}.${slug(sur)}`, `${slug(first)}${slug(sur)}`, `${slug(first)[0]}${slug(sur)}`, `${slug(first)}.${slug(sur)}${rng.range(1, 99)}`]);
  return {
    id, type: 'person', country: pl[0], lang: pl[1], first, surname: sur, place: pl,
    street: over.street ?? street(rng, pl),
    phone: over.phone !== undefined ? over.phone : rng.chance(0.35) ? landline(rng, pl) : null,
    mobile: rng.chance(0.8) ? mobile(rng, pl[0]) : null,
    vat: pl[0] === 'BE' && rng.chance(0.05) ? { c: 'BE', n: belgianVat(rng) } : null, // self-employed
    email: over.email !== undefined ? over.email : rng.chance(0.75) ? `${local}@${provider}` : null,
  };
}

// ---------------------------------------------------------------- writing a party down
const PHONE_FORMATS = [
  (p) => `${p.area} ${p.rest.replace(/(\d{2,3})(\d{2})(\d{2})$/, '$1 $2 $3')}`,
  (p) => `${p.area}/${p.rest.replace(/(\d{2,3})(\d{2})(\d{2})$/, '$1.$2.$3')}`,
  (p) => `+${p.country === 'BE' ? 32 : 31} ${p.area.slice(1)} ${p.rest.replace(/(\d{2,3})(\d{2})(\d{2})$/, '$1 $2 $3')}`,
  (p) => `00${p.country === 'BE' ? 32 : 31} ${p.area.slice(1)} ${p.rest}`,
  (p) => `+${p.country === 'BE' ? 32 : 31} (0)${p.area.slice(1)} ${p.rest}`,
  (p) => `${p.area}${p.rest}`,
  (p) => `${p.area}-${p.rest}`,
];
const VAT_FORMATS = [
  (v) => (v.c === 'BE' ? `BE ${v.n.slice(0, 4)}.${v.n.slice(4, 7)}.${v.n.slice(7)}` : `NL${v.n}`),
  (v) => `${v.c}${v.n}`,
  (v) => (v.c === 'BE' ? `${v.n.slice(0, 4)}.${v.n.slice(4, 7)}.${v.n.slice(7)}` : `NL ${v.n}`),
  (v) => (v.c === 'BE' ? `BE ${v.n.slice(1, 4)}.${v.n.slice(4, 7)}.${v.n.slice(7)}` : `nl${v.n.toLowerCase()}`), // old 9-digit form
  (v) => `${v.c.toLowerCase()} ${v.n}`,
];

/**
 * One record of a party. `dirty` = 0 for the first record (only its own formatting), 1 for a duplicate
 * (a handful of corruptions, each with its own probability). Returns the record and the corruptions made.
 */
function render(rng, party, dirty) {
  const made = [];
  const p = (prob) => dirty && rng.chance(prob);
  const rec = { party: party.id, type: party.type };

  // Name
  if (party.type === 'company') {
    let words = party.words.slice();
    if (p(0.1) && words.length >= 2) {
      // People drop the trade, the sector, "Zonen" or a partner's name — not the name that identifies.
      const droppable = words.map((w, i) => i).filter((i) => DESCRIPTIVE.has(words[i]) || (i > 1 && words[i - 1] === '&'));
      if (droppable.length) {
        words.splice(rng.pick(droppable), 1);
        words = words.filter((w, i, a) => !(w === '&' && (i === 0 || i === a.length - 1)));
        made.push('dropped word');
      }
    }
    let name = words.join(' ');
    if (p(0.35)) { name = typo(rng, name); made.push('typo in name'); }
    if (p(0.1)) { name = typo(rng, name); made.push('second typo in name'); }
    if (p(0.15)) { name = name.replace(/ & /, rng.pick([' en ', ' and ', ' et ', ' & '])); }
    if (p(0.1) && /Zonen$/.test(name)) { name = name.replace(/Zonen$/, 'Zn.'); made.push('abbreviation in name'); }
    if (p(0.25) && /\p{M}/u.test(party.words.join(' ').normalize('NFD'))) { name = stripAccents(name); made.push('accents lost'); }
    let form = party.form ? party.form[0] : null;
    if (party.form && p(0.45)) {
      form = rng.chance(0.2) ? null : rng.pick(party.form[1]);
      made.push(form ? 'legal form variant' : 'legal form dropped');
    } else if (!party.form && p(0.05)) {
      form = rng.pick(FORMS[party.lang])[0];
      made.push('legal form added');
    }
    if (form) name = p(0.15) ? `${form} ${name}` : `${name} ${form}`;
    if (p(0.08)) { name = name.toUpperCase(); made.push('upper case'); }
    rec.name = name;
  } else {
    let first = party.first;
    let sur = party.surname;
    if (p(0.2)) { if (rng.chance(0.5)) sur = typo(rng, sur); else first = typo(rng, first); made.push('typo in name'); }
    if (p(0.25) && /\p{M}/u.test((first + sur).normalize('NFD'))) { first = stripAccents(first); sur = stripAccents(sur); made.push('accents lost'); }
    if (p(0.08)) { first = `${stripAccents(first)[0]}.`; made.push('initial for first name'); }
    if (p(0.1)) { sur = rng.chance(0.5) ? sur.replace(/ /g, '') : sur.toUpperCase(); made.push('surname spacing/case'); }
    if (p(0.1)) {
      rec.name = `${sur} ${first}`; // surname first, typed in one field, no parts
      made.push('name order swapped');
    } else if (!dirty || rng.chance(0.7)) {
      rec.firstName = first; rec.surname = sur; rec.name = `${first} ${sur}`;
    } else {
      rec.name = `${first} ${sur}`; // imported: full name only
    }
    // "Daan Verstraete sr.": a father or son of one name, most of the time written with the suffix.
    if (party.suffix && (!dirty || rng.chance(0.7))) {
      rec.name = `${rec.name} ${party.suffix}`;
      if (rec.surname) rec.surname = `${rec.surname} ${party.suffix}`;
    }
  }

  // Address (the party may have moved: the duplicate carries the old or the new address)
  let st = party.street;
  let pl = party.place;
  if (p(0.12)) {
    made.push('moved address');
    if (rng.chance(0.5)) pl = place(rng, pl[0]);
    st = street(rng, pl);
  }
  if (!p(0.08)) {
    let streetName = st.name;
    if (dirty && st.abbr.length && rng.chance(0.35)) { streetName = rng.pick(st.abbr); made.push('street abbreviation'); }
    if (p(0.08)) { streetName = typo(rng, streetName); made.push('typo in street'); }
    let no = st.no + st.suffix;
    if (st.box && (!dirty || rng.chance(0.6))) no += rng.pick([` bus ${st.box}`, `/${st.box}`, ` b${st.box}`, ` bte ${st.box}`, ` box ${st.box}`]);
    rec.address = party.lang === 'fr' && rng.chance(0.2) ? `${no.split(/[ /]/)[0]}, ${streetName}` : `${streetName} ${no}`;
  } else made.push('address missing');
  if (!p(0.04)) {
    rec.postCode = pl[0] === 'NL' ? `${pl[2]} ${st.pcLetters}` : pl[2];
    if (p(0.1)) { rec.postCode = pl[0] === 'NL' ? rec.postCode.replace(' ', '') : `${rng.pick(['B-', 'BE-', 'B '])}${rec.postCode}`; made.push('post code format'); }
  }
  if (!p(0.04)) {
    rec.city = pl[3];
    if (p(0.3) && pl[4].length) { rec.city = rng.pick(pl[4]); made.push('other place name'); }
    else if (p(0.05)) { rec.city = rec.city.toUpperCase(); made.push('upper case'); }
  }

  // Phones: formats always vary; a duplicate may miss one or, having moved, have a new landline
  const phone = made.includes('moved address') && party.phone && rng.chance(0.5) ? landline(rng, pl) : party.phone;
  if (phone && !p(0.2)) {
    rec.phoneNo = rng.pick(PHONE_FORMATS)(phone);
    if (p(0.03)) { rec.phoneNo = typo(rng, rec.phoneNo.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10))); made.push('typo in phone'); }
  } else if (phone) made.push('phone missing');
  if (party.mobile && !p(0.3)) rec.mobilePhoneNo = rng.pick(PHONE_FORMATS)(party.mobile);
  if (party.vat && !p(0.35)) rec.vatRegistrationNo = rng.pick(VAT_FORMATS)(party.vat);
  else if (party.vat) made.push('VAT missing');
  if (party.email && !p(0.3)) {
    rec.email = party.email;
    if (p(0.1)) {
      rec.email = party.type === 'company' ? party.email.replace(/^[^@]+/, rng.pick(['sales', 'boekhouding', 'facturen', 'accounting'])) : party.email.replace(/@.*/, `@${rng.pick(FREE_MAIL[party.country])}`);
      made.push('other e-mail');
    }
    if (p(0.2)) rec.email = rng.chance(0.5) ? rec.email.toUpperCase() : cap(rec.email);
  } else if (party.email) made.push('e-mail missing');
  applyStyle(rng, party, rec, made, pickStyle(rng, party, dirty));
  if (party.sparse) for (const k of ['address', 'phoneNo', 'mobilePhoneNo', 'vatRegistrationNo', 'email']) delete rec[k];
  return { rec, made };
}

// ---------------------------------------------------------------- styles: what real data has
/**
 * Each record is written in one style (its category in the per-category report). 'plain' is only the
 * random corruptions above; the others force one thing real data has and the first generator never did.
 * A first record (dirty = 0) can be written surname first or come from a web form too: lists and eID
 * exports write the surname first, and a web form is often the first a CRM hears of someone.
 */
const PERSON_STYLES = [['surname first', 0.14], ['surname first + typo', 0.08], ['initials', 0.08], ['prefix', 0.2], ['phone format', 0.06], ['e-mail case', 0.06], ['web form', 0.08]];
const COMPANY_STYLES = [['bilingual address', 0.12], ['phone format', 0.1], ['e-mail case', 0.08], ['web form', 0.08]];
const FIRST_RECORD_STYLES = { person: [['surname first', 0.12], ['web form', 0.04]], company: [['web form', 0.03]] };
function pickStyle(rng, party, dirty) {
  // A person who goes by a short form ("Jef" for Jozef) is written so in a third of the duplicates.
  if (dirty && party.type === 'person' && SHORT_FORMS[party.first] && rng.chance(0.3)) return 'nickname';
  const styles = dirty ? (party.type === 'person' ? PERSON_STYLES : COMPANY_STYLES) : FIRST_RECORD_STYLES[party.type];
  let roll = rng.next();
  for (const [style, share] of styles) { if (roll < share) return style; roll -= share; }
  return 'plain';
}
/** Brussels streets have a Dutch and a French name; Walloon and Flemish ones are written in the other language by some. */
const STREET_TRANSLATIONS = {
  'Rue de la Loi': 'Wetstraat', 'Avenue Louise': 'Louizalaan', 'Chaussée de Waterloo': 'Waterloosesteenweg', 'Rue Neuve': 'Nieuwstraat',
  'Rue du Marché': 'Marktstraat', 'Avenue des Arts': 'Kunstlaan', "Rue de l'Église": 'Kerkstraat', 'Chaussée de Bruxelles': 'Brusselsesteenweg',
  'Rue Saint-Gilles': 'Sint-Gillisstraat', 'Avenue de la Gare': 'Stationslaan', 'Rue Haute': 'Hoogstraat', 'Chaussée de Charleroi': 'Charleroisesteenweg',
  Kerkstraat: "Rue de l'Église", Stationsstraat: 'Rue de la Station', Nieuwstraat: 'Rue Neuve', 'Grote Markt': 'Grand-Place', Hoogstraat: 'Rue Haute',
  Molenstraat: 'Rue du Moulin', Stationsplein: 'Place de la Gare', Marktplein: 'Place du Marché', Gentsesteenweg: 'Chaussée de Gand',
  Brugsesteenweg: 'Chaussée de Bruges', Mechelsesteenweg: 'Chaussée de Malines', 'Koning Albertlaan': 'Avenue Roi Albert',
  'Grand-Place': 'Grote Markt',
};
const MOBILE_FORMATS = [
  (p) => `+${p.country === 'BE' ? 32 : 31}${p.area.slice(1)}${p.rest}`,
  (p) => `00${p.country === 'BE' ? 32 : 31} ${p.area.slice(1)} ${p.rest.replace(/(\d{2})(?=\d)/g, '$1 ')}`,
  (p) => `${p.area}/${p.rest.replace(/(\d{2})(?=\d)/g, '$1.')}`,
  (p) => `(${p.area}) ${p.rest}`,
  (p) => `+${p.country === 'BE' ? 32 : 31} ${p.area.slice(1)}.${p.rest.replace(/(\d{2})(?=\d)/g, '$1.')}`,
];
const personParts = (rec) => {
  if (rec.surname) return [rec.firstName ?? '', rec.surname];
  // Only a name: the party's parts as rendered (surname first or not) are recovered from the record's name.
  return null;
};
function applyStyle(rng, party, rec, made, style) {
  const tag = (t) => { rec.style = t; made.push(`style: ${t}`); };
  const sur = () => rec.surname ?? party.surname;
  const first = () => rec.firstName ?? party.first;
  switch (style) {
    case 'surname first':
    case 'surname first + typo': {
      if (party.type !== 'person') return;
      let [f, s] = personParts(rec) ?? [party.first, party.surname];
      if (style === 'surname first + typo') { if (rng.chance(0.5)) s = typo(rng, s); else f = typo(rng, f); }
      if (rng.chance(0.3)) s = s.toUpperCase(); // eID style: "DE SMET Geert"
      delete rec.firstName; delete rec.surname;
      rec.name = `${s} ${f}`;
      return tag(style);
    }
    case 'initials': {
      const f = `${stripAccents(first())[0]}.`;
      const s = sur();
      rec.name = rng.chance(0.3) ? `${s} ${f}` : `${f} ${s}`;
      if (rng.chance(0.5) && !rec.name.startsWith(s)) { rec.firstName = f; rec.surname = s; } else { delete rec.firstName; delete rec.surname; }
      return tag(style);
    }
    case 'prefix': {
      const s = sur();
      if (!/ /.test(s)) return;
      const variant = rng.pick([s.replace(/ /g, ''), s.toLowerCase().replace(/\S+$/, (w) => cap(w)), s.toUpperCase(), cap(s.replace(/ /g, '').toLowerCase())]);
      if (rec.surname) { rec.surname = variant; rec.name = `${rec.firstName} ${variant}`; } else { rec.name = `${first()} ${variant}`; }
      return tag(style);
    }
    case 'bilingual address': {
      const alias = party.place[4];
      const translated = STREET_TRANSLATIONS[party.street.name];
      if (!alias.length && !translated) return;
      if (alias.length) rec.city = rng.pick(alias);
      if (translated && rec.address) rec.address = `${translated} ${party.street.no}${party.street.suffix}`;
      return tag(style);
    }
    case 'nickname': {
      const short = SHORT_FORMS[party.first];
      if (!short) return;
      const nick = rng.pick(short);
      const named = rec.name.replace(party.first, nick);
      if (named === rec.name) return; // the first name was written with a typo or as an initial
      rec.name = named;
      if (rec.firstName) rec.firstName = nick;
      return tag(style);
    }
    case 'phone format': {
      const number = party.mobile ?? party.phone;
      if (!number) return;
      rec[party.mobile ? 'mobilePhoneNo' : 'phoneNo'] = rng.pick(MOBILE_FORMATS)(number);
      return tag(style);
    }
    case 'e-mail case': {
      if (!party.email) return;
      rec.email = rng.pick([party.email.toUpperCase(), party.email.replace(/(^|[.@])([a-z])/g, (m, a, b) => a + b.toUpperCase())]);
      return tag(style);
    }
    case 'web form': {
      if (!party.email) return;
      // A web form: the name, an e-mail address and sometimes a phone; nothing else.
      for (const k of ['address', 'postCode', 'city', 'vatRegistrationNo', 'phoneNo']) delete rec[k];
      rec.email = party.email;
      if (!(party.mobile && rng.chance(0.5))) delete rec.mobilePhoneNo;
      if (party.type === 'person' && rng.chance(0.7)) { rec.firstName = party.first; rec.surname = party.surname; rec.name = `${party.first} ${party.surname}`; }
      return tag(style);
    }
    default:
  }
}

// ---------------------------------------------------------------- population
/**
 * @param {{seed:number, companies?:number, persons?:number, duplicateShare?:number}} opts
 */
function generate({ seed, companies = 2500, persons = 2500, duplicateShare = 0.3 }) {
  const rng = new Rng(seed);
  const parties = [];
  const kinds = new Map(); // party id → look-alike kind, for the error report
  let next = 1;
  const names = new Set(); // company name + town: chance collisions would be unlabelled duplicates
  const nameKey = (party) => `${party.words.filter((w) => w !== '&').map((w) => w.toLowerCase()).sort().join(' ')}|${party.place[3]}`;
  const domains = new Set(); // one domain is one company, except where a look-alike shares it on purpose
  const mailboxes = new Set();
  const add = (party, kind = 'plain', sharesDomain = false) => {
    if (party.type === 'person' && party.email && !sharesDomain) {
      // A mailbox belongs to one person (a family mailbox is shared on purpose, see households).
      while (mailboxes.has(party.email)) party.email = party.email.replace('@', `${rng.int(10)}@`);
      mailboxes.add(party.email);
    }
    if (party.type === 'company') {
      names.add(nameKey(party));
      if (!sharesDomain && domains.has(party.domain)) {
        const unique = party.domain.replace(/\./, `${party.id}.`);
        if (party.email) party.email = party.email.replace(party.domain, unique);
        party.domain = unique;
      }
      domains.add(party.domain);
    }
    parties.push(party);
    kinds.set(party.id, kind);
    return party;
  };

  // Companies, with look-alikes
  while (parties.filter((x) => x.type === 'company').length < companies) {
    const drawn = makeCompany(rng, next++);
    if (names.has(nameKey(drawn))) continue;
    const base = add(drawn);
    const roll = rng.next();
    if (roll < 0.08) { // business centre: other companies at the same address, some on one switchboard
      for (let n = rng.range(1, 3); n > 0; n--) add(makeCompany(rng, next++, { place: base.place, street: base.street, phone: rng.chance(0.3) ? base.phone : undefined }), 'same address');
    } else if (roll < 0.14) { // same family name, other trade, same town, often same street
      const fam = base.words.find((w) => SUR_BE_NL.includes(w) || SUR_FR.includes(w) || SUR_NL.includes(w));
      if (fam) add(makeCompany(rng, next++, { place: base.place, surname: fam, pattern: rng.pick([0, 1]), street: rng.chance(0.5) ? { ...base.street, no: String(rng.range(1, 250)) } : undefined }), 'same family name');
    } else if (roll < 0.18) { // namesake company in another town
      const namesake = makeCompany(rng, next++, { words: base.words.slice() });
      if (!names.has(nameKey(namesake))) add(namesake, 'namesake');
    } else if (roll < 0.21) { // sister company: brand + town, one e-mail domain, own VAT
      const b = brand(rng);
      let other = place(rng, base.place[0]);
      while (other[3] === base.place[3]) other = place(rng, base.place[0]);
      parties.pop(); kinds.delete(base.id);
      add(makeCompany(rng, base.id, { words: [b, base.place[3]], place: base.place, domain: `${slug(b)}.be` }));
      add(makeCompany(rng, next++, { words: [b, other[3]], place: other, domain: `${slug(b)}.be` }), 'sister company', true);
    } else if (roll < 0.25 && base.words.length === 1) { // brand one letter apart, same town
      add(makeCompany(rng, next++, { words: [typo(rng, base.words[0])], place: base.place }), 'similar brand');
    } else if (roll < 0.27) { // holding: same address, switchboard and domain, its own VAT number
      add(makeCompany(rng, next++, { words: [...base.words, 'Holding'], place: base.place, street: base.street, phone: base.phone, domain: base.domain }), 'holding', true);
    } else if (roll < 0.31) { // same trade, another family, same town: "Schrijnwerkerij Aerts" / "Schrijnwerkerij Bogaerts"
      const fam = base.words.find((w) => SUR_BE_NL.includes(w) || SUR_FR.includes(w) || SUR_NL.includes(w));
      const trade = base.words.some((w) => ACTIVITY_NL.includes(w) || ACTIVITY_FR.includes(w));
      const other = surname(rng, base.place);
      if (fam && trade && other !== fam) {
        const lookalike = makeCompany(rng, next++, { place: base.place, words: base.words.map((w) => (w === fam ? other : w)) });
        lookalike.sparse = rng.chance(0.4); // known by name and town only (a list, a directory)
        if (!names.has(nameKey(lookalike))) add(lookalike, 'same trade');
      }
    }
  }
  // A household member has a first name of their own.
  const otherFirstName = (base) => {
    let first = firstName(rng, base.place);
    while (first === base.first) first = firstName(rng, base.place);
    return first;
  };
  // Persons, with households and namesakes
  const personStart = parties.length;
  while (parties.length - personStart < persons) {
    const base = add(makePerson(rng, next++));
    const roll = rng.next();
    if (roll < 0.18) { // household
      let sharedMail = rng.chance(0.1) ? `${slug(base.surname)}.familie@${rng.pick(FREE_MAIL[base.country])}` : undefined;
      if (sharedMail) {
        while (mailboxes.has(sharedMail)) sharedMail = sharedMail.replace('@', `${rng.int(10)}@`);
        mailboxes.add(sharedMail);
        base.email = sharedMail;
      }
      for (let n = rng.range(1, 2); n > 0; n--) {
        const junior = rng.chance(0.01);
        const member = add(makePerson(rng, next++, {
          place: base.place, street: base.street, surname: base.surname, first: junior ? base.first : otherFirstName(base),
          phone: rng.chance(0.6) ? base.phone : undefined, email: sharedMail,
        }), junior ? 'father and son' : 'household', !!sharedMail);
        if (junior && !base.suffix && rng.chance(0.5)) [base.suffix, member.suffix] = rng.pick(GENERATIONS);
      }
    } else if (roll < 0.24) { // namesake elsewhere
      add(makePerson(rng, next++, { first: base.first, surname: base.surname }), 'namesake');
    }
  }

  // Write every party down once, and some again with corruptions
  const records = [];
  const corruptions = [];
  for (const party of parties) {
    records.push(render(rng, party, 0).rec);
    corruptions.push([]);
    if (rng.chance(duplicateShare)) {
      for (let n = rng.chance(0.2) ? 2 : 1; n > 0; n--) {
        const { rec, made } = render(rng, party, 1);
        records.push(rec);
        corruptions.push(made);
      }
    }
  }
  records.forEach((r, i) => { r.index = i; });
  return { records, corruptions, kinds };
}

module.exports = { generate, Rng };
