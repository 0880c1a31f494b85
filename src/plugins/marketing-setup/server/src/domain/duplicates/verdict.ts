/**
 * One verdict from the two duplicate rules (design §1): the Business Central search-string rule and the
 * fuzzy rule. A pair is a duplicate when either fires; the verdict says which, with the BC figures
 * (matching strings, required strings, hit %) and the fuzzy breakdown, so a person can see why.
 * Persons are compared with persons and companies with companies only. Pure: no Strapi, no I/O.
 */
import { FUZZY_THRESHOLD, FuzzyOptions, FuzzyResult, PreparedContact, contactKind, fuzzyScore } from './fuzzy';
import {
  SearchLine,
  SearchString,
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
    };
  }

  const matching = matchingStrings(
    ia.searchStrings ?? buildSearchStrings(ia.contact, settings.lines),
    ib.searchStrings ?? buildSearchStrings(ib.contact, settings.lines),
  );
  const fuzzy = fuzzyScore(ia.prepared ?? ia.contact, ib.prepared ?? ib.contact, settings.fuzzy);
  const rules: DuplicateRule[] = [];
  if (bcRuleFires(matching, lineCount, settings.hitPercent)) rules.push('searchStrings');
  if (fuzzy.fires) rules.push('fuzzy');
  return {
    isDuplicate: rules.length > 0,
    comparable: true,
    rules,
    matchingStrings: matching,
    requiredStrings,
    hitPercent: reportedHitPercent(matching, lineCount),
    fuzzy,
  };
}
