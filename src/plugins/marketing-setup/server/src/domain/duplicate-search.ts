/**
 * The duplicate search's decisions around the verdict (domain/duplicates): which contact fields it
 * reads, whether a write changed one of them, which of two contacts settles their pair in a batch, and
 * how the stored pairs of a contact change to match what was found. Pure: no Strapi, no I/O.
 */
import type { DuplicateRule, DuplicateVerdict } from './duplicates/verdict';
import type { FieldScore } from './duplicates/fuzzy';

/** Contact fields the fuzzy rule reads (the setup lines may name more). */
export const FUZZY_FIELDS = [
  'type',
  'name',
  'firstName',
  'middleName',
  'surname',
  'address',
  'city',
  'postCode',
  'phoneNo',
  'mobilePhoneNo',
  'vatRegistrationNo',
  'email',
  'email2',
];

/** Identification fields read with a contact, not compared. */
const IDENTITY = ['id', 'documentId', 'no'];

/** What the search reads of a contact under the setup lines `lines`. */
export const searchFieldsOf = (lines: readonly { field: string }[]): string[] => [
  ...new Set([...IDENTITY, 'companyName', 'inheritanceOverrides', ...FUZZY_FIELDS, ...lines.map((l) => l.field)]),
];

/** The contact fields whose change can change what the search finds. */
export const searchInputFieldsOf = (lines: readonly { field: string }[]): Set<string> =>
  new Set([...FUZZY_FIELDS, ...lines.map((l) => l.field)]);

/** Did a write change anything the search reads? (The reference re-indexes on a field change only.) */
export const searchInputChanged = (
  lines: readonly { field: string }[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): boolean =>
  searchFieldsOf(lines).some(
    (f) => !IDENTITY.includes(f) && JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null),
  );

/**
 * A person's company is not read from the join table (one statement less per write): a person's
 * `companyName` always follows its company and is blank without one.
 */
export const hasCompany = (c: Record<string, unknown>): boolean => c.type === 'person' && !!c.companyName;

/**
 * In a batch re-index each pair is settled by one side only:
 * - 'regeneration' (all contacts in id order): the larger id settles it — the smaller one is re-indexed already;
 * - 'queue' (some contacts): a contact settles its pairs with every contact outside the batch, and within
 *   the batch the larger id settles it.
 */
export const settlesPair = (
  mode: 'regeneration' | 'queue',
  inBatch: ReadonlySet<number>,
  self: number,
  other: number,
) => (mode === 'regeneration' || inBatch.has(other) ? other < self : true);

/**
 * A re-index batch scored from one read of its contacts and their candidates, written later: the batch's
 * contacts whose result still holds — neither they nor a candidate they were scored against changed what the
 * search reads (`now`: the same contacts read again; one missing from it was deleted). The others are
 * redone by a later batch.
 */
export function stillValid<C extends Record<string, unknown> & { id: number }>(
  lines: readonly { field: string }[],
  read: {
    contacts: ReadonlyMap<number, C>;
    candidates: ReadonlyMap<number, readonly number[]>;
    others: ReadonlyMap<number, C>;
  },
  now: ReadonlyMap<number, C>,
): Set<number> {
  const unchanged = (before: C) => {
    const current = now.get(before.id);
    return !!current && !searchInputChanged(lines, before, current);
  };
  const out = new Set<number>();
  for (const [id, contact] of read.contacts) {
    if (!unchanged(contact)) continue;
    const scoredAgainst = (read.candidates.get(id) ?? []).map((o) => read.others.get(o)).filter((o): o is C => !!o);
    if (scoredAgainst.every(unchanged)) out.add(id);
  }
  return out;
}

/** What a stored pair carries besides its two contacts. */
export interface PairFigures {
  matchingStrings: number;
  hitPercent: number;
  fuzzyScore: number;
  rules: DuplicateRule[];
  breakdown: FieldScore[];
}

export const pairFigures = (v: DuplicateVerdict): PairFigures => ({
  matchingStrings: v.matchingStrings,
  hitPercent: v.hitPercent,
  fuzzyScore: v.fuzzy.total,
  rules: v.rules,
  breakdown: v.fuzzy.breakdown,
});

/**
 * The side-specific notes of a fuzzy method, written "(this / that)" or '"this" and "that" differ' (boxes,
 * two first names, generations, differing words). "(a man / a woman)" names no side: it is left as it is.
 */
const SIDED_NOTE = /\(([^()/]+?) \/ ([^()/]+?)\)|"([^"]*)" and "([^"]*)" differ/g;
const flipMethod = (method: string) =>
  method.replace(SIDED_NOTE, (note, a, b, c, d) =>
    note === '(a man / a woman)' ? note : a !== undefined ? `(${b} / ${a})` : `"${d}" and "${c}" differ`,
  );

/** A field score seen from the other contact: the two values (and legal forms, and method notes) change places. */
export const reversedFieldScore = (f: FieldScore): FieldScore => ({
  ...f,
  method: flipMethod(f.method),
  values: [f.values[1], f.values[0]],
  ...(f.legalForms ? { legalForms: [f.legalForms[1], f.legalForms[0]] as [string, string] } : {}),
});

/**
 * The figures of a verdict scored from the other side of the pair, in the pair's stored orientation: each
 * breakdown line's first value is the stored `contact`'s, the second its `duplicateContact`'s. The counts and
 * scores are the same from either side; only what belongs to one contact changes places.
 */
export const reversedFigures = (f: PairFigures): PairFigures => ({
  ...f,
  breakdown: f.breakdown.map(reversedFieldScore),
});

/**
 * A stored pair as seen from one of its contacts. `reversed`: that contact is the pair's `duplicateContact`
 * (the pair was stored by the other contact's write), so a verdict it scores is the other way round.
 */
export interface StoredPair {
  id: number;
  documentId: string;
  otherId: number;
  separate: boolean;
  reversed?: boolean;
}

/** How the stored pairs change: new pairs (the settling contact is `contact`), pairs still holding, pairs gone. */
export interface PairChanges {
  insert: { contactId: number; otherId: number; figures: PairFigures }[];
  update: { id: number; documentId: string; otherId: number; figures: PairFigures }[];
  remove: number[];
}

/**
 * Brings the stored pairs of `contactId` in line with `found` (other contact id → verdict, scored from
 * `contactId`'s side): a pair that still holds gets the new figures — in the pair's stored orientation, so a
 * value stays under the contact it belongs to when the pair's `duplicateContact` is the one re-scored — one
 * that no longer holds goes, a new one is added (`contactId` is its `contact`). A pair marked separate is
 * never touched (so it is never reported again), whatever was found.
 */
export function pairChanges(
  contactId: number,
  found: ReadonlyMap<number, DuplicateVerdict>,
  existing: readonly StoredPair[],
): PairChanges {
  const out: PairChanges = { insert: [], update: [], remove: [] };
  const stored = new Set<number>();
  for (const pair of existing) {
    stored.add(pair.otherId);
    if (pair.separate) continue;
    const verdict = found.get(pair.otherId);
    if (verdict)
      out.update.push({
        id: pair.id,
        documentId: pair.documentId,
        otherId: pair.otherId,
        figures: pair.reversed ? reversedFigures(pairFigures(verdict)) : pairFigures(verdict),
      });
    else out.remove.push(pair.id);
  }
  for (const [otherId, verdict] of found)
    if (!stored.has(otherId)) out.insert.push({ contactId, otherId, figures: pairFigures(verdict) });
  return out;
}

/** The changes of a batch's contacts as one set (each pair is settled by one contact only: no overlap). */
export const mergePairChanges = (all: readonly PairChanges[]): PairChanges => ({
  insert: all.flatMap((c) => c.insert),
  update: all.flatMap((c) => c.update),
  remove: all.flatMap((c) => c.remove),
});
