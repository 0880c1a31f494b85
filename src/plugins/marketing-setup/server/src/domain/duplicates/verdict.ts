/**
 * One verdict from the two duplicate rules (design §1): the Business Central search-string rule and the
 * fuzzy rule. A pair is a duplicate when either fires; the verdict says which, with the BC figures
 * (matching strings, required strings, hit %) and the fuzzy breakdown, so a person can see why.
 * One exception, measured (docs/matching.md): when only the search strings fire and the breakdown shows
 * two parties (different VAT numbers, clearly different names, or two persons' different mobile numbers), the pair is not a duplicate and
 * `overruled` says why — a holding and its operating company, or a household, share address and phone
 * prefixes and would otherwise be reported, which cost the combined verdict 0.01 of F1.
 * Persons are compared with persons and companies with companies only. Pure: no Strapi, no I/O.
 */
import {
  FUZZY_THRESHOLD,
  type FuzzyOptions,
  type FuzzyResult,
  type PreparedContact,
  contactKind,
  contradiction,
  fuzzyScore,
} from './fuzzy';
import {
  type SearchLine,
  type SearchString,
  bcRuleFires,
  buildSearchStrings,
  matchingStrings,
  reportedHitPercent,
  requiredMatches,
} from './search-strings';

export type DuplicateRule = 'searchStrings' | 'fuzzy';

export interface VerdictSettings {
  lines: readonly SearchLine[];
  hitPercent: number;
  fuzzy?: FuzzyOptions;
}

export interface DuplicateVerdict {
  isDuplicate: boolean;
  /** false when the two contacts are of different types: they are never compared. */
  comparable: boolean;
  rules: DuplicateRule[];
  matchingStrings: number;
  requiredStrings: number;
  /** matching / lines × 100, rounded — what the reference shows. */
  hitPercent: number;
  fuzzy: FuzzyResult;
  /** Set when the search strings fired alone and the fuzzy breakdown shows two parties: the field that did. */
  overruled: 'vatRegistrationNo' | 'name' | 'mobilePhoneNo' | null;
}

/** A contact as the verdict reads it; the adapter may pass strings it already stored. */
export interface VerdictContact extends Record<string, unknown> {
  type?: unknown;
}

export interface VerdictInput {
  contact: VerdictContact;
  searchStrings?: readonly SearchString[];
  prepared?: PreparedContact;
}

const asInput = (x: VerdictContact | VerdictInput): VerdictInput =>
  x && typeof (x as VerdictInput).contact === 'object' && (x as VerdictInput).contact !== null
    ? (x as VerdictInput)
    : { contact: x as VerdictContact };

export function duplicateVerdict(
  a: VerdictContact | VerdictInput,
  b: VerdictContact | VerdictInput,
  settings: VerdictSettings,
): DuplicateVerdict {
  const ia = asInput(a);
  const ib = asInput(b);
  const lineCount = settings.lines.length;
  const requiredStrings = requiredMatches(lineCount, settings.hitPercent);

  // A person is never a duplicate of a company, whatever the data (design §1).
  if (contactKind(ia.contact) !== contactKind(ib.contact)) {
    return {
      isDuplicate: false,
      comparable: false,
      rules: [],
      matchingStrings: 0,
      requiredStrings,
      hitPercent: 0,
      fuzzy: { total: 0, breakdown: [], fires: false, threshold: settings.fuzzy?.threshold ?? FUZZY_THRESHOLD },
      overruled: null,
    };
  }

  const matching = matchingStrings(
    ia.searchStrings ?? buildSearchStrings(ia.contact, settings.lines),
    ib.searchStrings ?? buildSearchStrings(ib.contact, settings.lines),
  );
  const fuzzy = fuzzyScore(ia.prepared ?? ia.contact, ib.prepared ?? ib.contact, settings.fuzzy);
  const rules: DuplicateRule[] = [];
  let overruled: DuplicateVerdict['overruled'] = null;
  if (bcRuleFires(matching, lineCount, settings.hitPercent)) {
    overruled = fuzzy.fires ? null : contradiction(fuzzy.breakdown, settings.fuzzy);
    if (!overruled) rules.push('searchStrings');
  }
  if (fuzzy.fires) rules.push('fuzzy');
  return {
    isDuplicate: rules.length > 0,
    comparable: true,
    rules,
    matchingStrings: matching,
    requiredStrings,
    hitPercent: reportedHitPercent(matching, lineCount),
    fuzzy,
    overruled,
  };
}
