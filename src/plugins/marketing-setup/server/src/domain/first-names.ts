/**
 * Common first names in Belgium and the Netherlands (Dutch, French and a few international ones), folded
 * (lower case, no accents). Used to tell which end of a name typed in one field is the first name:
 * "Verhoeven Koen" is written surname first because "Koen" is a first name and "Verhoeven" is not.
 * Not a census: a name missing here is simply not recognised, and the order falls back to first name
 * first (the reference's rule). Written for this project. Pure: no Strapi, no I/O.
 */
const NAMES = `
aaron abdel adam adriaan adrien agnes ahmed aisha alain alban albert alex alexander alexandra alexandre alexis
alfons alfred ali alice alicia alina alison amber ambroos amelie amina amy an ana anais andre andrea andreas andy
angela angelique anita anja ann anna anne anneleen annelies annemie annick anouk anthony antoine anton antoon arend
arjen arne arnaud arno arnold arthur astrid audrey august augustin aurelie axel ayoub bart bas bastien beatrice
ben benjamin benoit bernard bert bertrand bettina bieke bjorn bob boris bram brecht brent bruno carine carl carla
carlos carmen caroline casper catherine cathy cecile celine charles charlotte chantal chloe chris christa christian
christiane christine christophe claire clara claude claudia colette constant coralie corinne cornelis cynthia
daan damien daniel daniela danielle danny dave david davy debora delphine denis denise didier dieter dirk dominique
dorien dries dylan eddy edith edouard eline elisa elise elke ella ellen els elise emiel emile emilie emma eric erik
ernest esther etienne eva evelien evelyne fabian fabienne fabrice fanny fatima femke ferdinand fien filip flor
florence floris france francine francis franciscus francois frank frans frederic frederik freek frieda gaetan gaston
geert gerard gerda gerrit gert ghislain gilbert gilles gina glenn greet gregory griet guido guillaume guy gwen
hanne hannes hans harry hélène helene hendrik henk henri herman hilde hubert hugo ilse inge ingrid ines iris isabel
isabelle ivan jacob jacqueline jacques jan jana jannes jasmine jasper jean jeanine jeanne jef jelle jens jeroen
jerome jesse jessica jo joachim joan joeri johan johanna john jolien jonas joost joris jos jose josef joseph josephine
joyce jozef judith julia julie julien juliette justine jurgen kaat karel karen karin karolien kasper katrien kathleen
katja kevin kim kirsten klaas koen koenraad kris kristof kurt lara lars laura laurens laurent lea leen lena leo leon
leonie leopold liam lien lies liesbeth lieve lieven lina linda lisa lise lode lore lotte louis louise luc luca lucas
lucie ludo ludovic luk lut lutgarde maarten madeleine manon marc marcel marcella margot maria mariana marie marieke
mariette marijke marina mario marion mark marleen martha marthe martin martine mathias mathieu mathilde matthias
maurice max maxime melissa michael michaël michel michele michiel mieke mohamed monique myriam nadia nadine nancy
nathalie nele nicolas niels nick nico nicole nina noah noemie noor olivia olivier oscar pascal pascale patricia
patrick paul paula pauline pedro peter philip philippe pierre piet pieter quentin rachel rafael raf raphael raymond
rebecca remi renaat rene renee rik rita robbe robert robin roel roger roland romain ronald ronny rosa rudi rudy
ruben rudolf ruth sam samuel sandra sander sandrine sanne sara sarah sebastien senne serge siebe simon simone sofie
sophie stan stefaan stefan stephane stephanie steven stijn sven sylvie tanja thibault thierry thijs thomas tim tina
tine tom tuur valerie vanessa veerle vera veronique victor vincent virginie walter ward wendy werner wesley willem
william wim wout wouter xavier yannick yasmine yves yvette yvonne zoe genevieve therese gaetane noel amelie benedicte
`;

const KNOWN = new Set(
  NAMES.split(/\s+/)
    .filter(Boolean)
    .map((n) => n.normalize('NFD').replace(/\p{M}+/gu, '')),
);

/** Whether a folded word (or hyphenated name: "marie-claire", folded "marie claire" per part) is a known first name. */
export function isKnownFirstName(word: string): boolean {
  const folded = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z\s-]/g, '');
  const parts = folded.split(/[-\s]+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => KNOWN.has(p));
}

/**
 * How many trailing words are the first name(s) of a name written surname first; 0 when it is not (or
 * cannot be told): the first word is a known first name or an initial, or the last is neither
 * ("De Groot L." is surname first).
 */
export function surnameFirstSplit(words: readonly string[]): number {
  const firstNameLike = (w: string) => isKnownFirstName(w) || isInitial(w);
  if (words.length < 2 || firstNameLike(words[0])) return 0;
  let k = 0;
  while (k < words.length - 1 && firstNameLike(words[words.length - 1 - k])) k++;
  return k;
}

/** "G.", "J.P.", "g": initials stand for first names. */
export const isInitial = (word: string) =>
  /^(\p{L}\.?)+$/u.test(word) && word.replace(/\./g, '').length <= 2 && (word.includes('.') || word.length === 1);
