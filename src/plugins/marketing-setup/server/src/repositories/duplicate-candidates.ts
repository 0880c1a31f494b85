/**
 * Candidates for the duplicate verdict, through indexes only (never a scan of all contacts), in one
 * statement, for a contact whose own index rows are already stored:
 *
 * - search strings, rarest first: a contact that shares at least `required` of the contact's k strings
 *   must share one of its k − required + 1 rarest (otherwise it shares at most required − 1), and at least
 *   required − k + f of its f rarest. Each string is counted up to FANOUT_CAP on the (value, field, part,
 *   type) index; the k − required + 1 + EXTRA_RARE rarest are followed to the contacts holding them, those
 *   holding enough of them are kept when they share `required` strings in all. A string held by FANOUT_CAP
 *   contacts or more (a town, a common street) is not followed: it cannot tell a duplicate apart, and
 *   following it would cost a row per holder.
 * - fuzzy blocking keys (name sound × place, phone, VAT, e-mail), on the key index, each followed only
 *   when fewer than FANOUT_CAP contacts hold it (same reason);
 * - PostgreSQL with pg_trgm: the names nearest to the contact's in the same town with the same initial
 *   (trigram distance).
 *
 * `belowId` (bulk regeneration) keeps only contacts with a smaller id: those are already re-indexed,
 * the others will look back at this one when their turn comes.
 */
import type { Write } from './unit-of-work';
import type { SearchName } from '../domain/duplicates/search-name';
import { BLOCKING_KEYS, NAMES, SEARCH_STRINGS, hasTrigrams } from './duplicate-index';
import { isPostgres, rowsOf, type RawResult } from './tables';
import { withPlainIndexScans } from './planner';
import { pgArray } from './bulk-insert';

/** Upper bound on candidates scored per write; a key shared by thousands of contacts must not stall a save. */
export const MAX_CANDIDATES = 200;
/** A search string or blocking key held by this many contacts or more is not followed to find candidates. */
export const FANOUT_CAP = 50;
/**
 * Search strings followed beyond the k − required + 1 the rule needs. A contact sharing `required` of k strings
 * shares at least required − k + f of any f followed ones: with two more, a lead must share that many of them
 * before its strings are counted in full (without, every contact sharing one uncommon string was: about 20 a
 * contact on a register-like import, nearly all sharing one or two).
 */
export const EXTRA_RARE = 2;
/** Trigram-similar names taken per write, most similar first, and how similar they must be (0..1). */
export const TRIGRAM_CANDIDATES = 20;
export const TRIGRAM_SIMILARITY = 0.5;

export interface CandidateInput {
  contactId: number;
  type: string;
  /** Number of search strings the contact has (stored rows) and the number a pair needs. */
  stringCount: number;
  required: number;
  keys: string[];
  name: SearchName;
  belowId?: number | null;
  /**
   * Contacts that do not exist yet for this search (created after the contact in one import batch): left out
   * everywhere, also where strings and keys are counted, so the batch finds what one search per contact did.
   */
  hidden?: HiddenIds;
}

/** Ids left out of a lookup: a list, or the range lo..hi (an import batch's later contacts, usually consecutive). */
export type HiddenIds = readonly number[] | { lo: number; hi: number };

/** A piece of SQL with its bindings in text order. */
type Sql = [text: string, bindings: unknown[]];

/** The lowest and highest of `ids` when they are consecutive (an import batch's ids usually are), else null. */
function rangeOf(ids: HiddenIds): [lo: number, hi: number] | null {
  if (isRange(ids)) return [ids.lo, ids.hi];
  const sorted = [...ids].sort((a, b) => a - b);
  const [lo, hi] = [sorted[0], sorted[sorted.length - 1]];
  return hi - lo + 1 === sorted.length ? [lo, hi] : null;
}

/** `col` is none of `ids`: a range when they are consecutive, else a list. */
function notAmong(col: string, ids: HiddenIds): Sql {
  if (isNone(ids)) return ['1 = 1', []];
  const range = rangeOf(ids);
  if (range) return [`NOT (${col} >= ? AND ${col} <= ?)`, range];
  const list = ids as readonly number[]; // rangeOf answers every { lo, hi }
  return [`${col} NOT IN (${list.map(() => '?').join(', ')})`, [...list].sort((a, b) => a - b)];
}

const isRange = (ids: HiddenIds): ids is { lo: number; hi: number } => !Array.isArray(ids);
const isNone = (ids: HiddenIds | undefined) => !ids || (!isRange(ids) && !ids.length);

export async function candidateIds(write: Write, input: CandidateInput): Promise<number[]> {
  const { contactId, type, stringCount, required, keys, name } = input;
  const below = input.belowId ?? null;
  const hidden = input.hidden ?? [];
  const visible = (col: string) => notAmong(col, hidden);
  const others = (col: string): Sql => {
    const [h, hb] = visible(col);
    return below === null
      ? [`${col} <> ? AND ${h}`, [contactId, ...hb]]
      : [`${col} <> ? AND ${col} < ? AND ${h}`, [contactId, below, ...hb]];
  };
  const parts: Sql[] = [];
  let cte: Sql = ['', []];

  if (required > 0 && stringCount >= required) {
    const [countVisible, countBindings] = visible('o.contact_id');
    cte = [
      `WITH mine AS (SELECT field, part, value, contact_type FROM ${SEARCH_STRINGS} WHERE contact_id = ?),
      freq AS (SELECT m.field, m.part, m.value, m.contact_type, (SELECT count(*) FROM (SELECT 1 FROM ${SEARCH_STRINGS} o
        WHERE o.value = m.value AND o.field = m.field AND o.part = m.part AND o.contact_type = m.contact_type
        AND ${countVisible} LIMIT ?) x) AS n FROM mine m),
      rare AS (SELECT * FROM freq WHERE n < ? ORDER BY n LIMIT ?) `,
      [contactId, ...countBindings, FANOUT_CAP, FANOUT_CAP, stringCount - required + 1 + EXTRA_RARE],
    ];
    const [where, whereBindings] = others('s.contact_id');
    const [leadWhere, leadBindings] = others('o.contact_id');
    const greatest = isPostgres(write.strapi) ? 'greatest' : 'max';
    parts.push([
      `SELECT contact_id FROM (SELECT s.contact_id FROM ${SEARCH_STRINGS} s
      JOIN mine m ON s.field = m.field AND s.part = m.part AND s.value = m.value AND s.contact_type = m.contact_type
      WHERE s.contact_id IN (SELECT o.contact_id FROM rare r JOIN ${SEARCH_STRINGS} o
        ON o.value = r.value AND o.field = r.field AND o.part = r.part AND o.contact_type = r.contact_type
        WHERE ${leadWhere} GROUP BY o.contact_id HAVING count(*) >= (SELECT ${greatest}(1, ? + count(*)) FROM rare))
      AND ${where} GROUP BY s.contact_id HAVING count(*) >= ? LIMIT ?) bs`,
      [...leadBindings, required - stringCount, ...whereBindings, required, MAX_CANDIDATES],
    ]);
  }
  if (keys.length) {
    // Only keys held by fewer than FANOUT_CAP contacts (a common surname in a big town is no lead).
    const [where, whereBindings] = others('k.contact_id');
    const [countVisible, countBindings] = visible('c.contact_id');
    parts.push([
      `SELECT contact_id FROM (SELECT k.contact_id FROM ${BLOCKING_KEYS} k WHERE k.key IN (
        SELECT v.key FROM (${keys.map(() => 'SELECT ? AS key').join(' UNION ALL ')}) v
        WHERE (SELECT count(*) FROM (SELECT 1 FROM ${BLOCKING_KEYS} c WHERE c.key = v.key AND ${countVisible} LIMIT ?) x) < ?)
      AND ${where} LIMIT ?) bk`,
      [...keys, ...countBindings, FANOUT_CAP, FANOUT_CAP, ...whereBindings, MAX_CANDIDATES],
    ]);
  }
  if (name.name && name.city && hasTrigrams(write.strapi)) {
    const [where, whereBindings] = others('contact_id');
    // The nearest names in the town first (`<->` = 1 − similarity; a GiST index walks them in that order and
    // stops after TRIGRAM_CANDIDATES), then only those similar enough.
    parts.push([
      `SELECT contact_id FROM (SELECT contact_id, name <-> ? AS distance FROM ${NAMES}
      WHERE city = ? AND contact_type = ? AND initial = ? AND name % ? AND ${where} ORDER BY name <-> ? LIMIT ?) tg WHERE distance <= ?`,
      [
        name.name,
        name.city,
        type,
        name.initial,
        name.name,
        ...whereBindings,
        name.name,
        TRIGRAM_CANDIDATES,
        1 - TRIGRAM_SIMILARITY,
      ],
    ]);
  }
  if (!parts.length) return [];
  const sql = `${cte[0]}SELECT contact_id FROM (${parts.map((p) => p[0]).join(' UNION ')}) u LIMIT ?`;
  const result: RawResult<{ contact_id: number | string }> = await write.trx.raw(sql, [
    ...cte[1],
    ...parts.flatMap((p) => p[1]),
    MAX_CANDIDATES,
  ]);
  return rowsOf(result).map((r) => Number(r.contact_id));
}

/** Contacts per statement of `candidateIdsOfMany`. */
const MANY_CHUNK = 100;
/** A PostgreSQL int[] literal (ids only; null for "none"). */
const intArray = (xs: (number | null)[]) => pgArray(xs, 'int');

/**
 * The candidates of many contacts whose own index rows are stored (a re-index batch, an import chunk's new
 * contacts), by contact id: what `candidateIds` returns for each. On PostgreSQL one statement per MANY_CHUNK
 * contacts: each contact's lookup is a LATERAL subquery with the same three sources, caps and limits as
 * `candidateIds`, reading the contact's strings, keys and search name from its stored rows rather than from
 * bindings, and its `hidden` contacts as an id range (left out as candidates and where strings and keys are
 * counted). On SQLite, and for a contact whose hidden ids are no range, `candidateIds` per contact. Every input
 * must carry the same `required`.
 */
export async function candidateIdsOfMany(write: Write, inputs: CandidateInput[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(inputs.map((i) => [i.contactId, []]));
  // Each input's hidden range once (rangeOf sorts): [null, null] for none, null for ids that are no range.
  const ranges = new Map(
    inputs.map((i) => [i, isNone(i.hidden) ? ([null, null] as const) : rangeOf(i.hidden!)] as const),
  );
  const hiddenRange = (i: CandidateInput) => ranges.get(i)!;
  const batched = isPostgres(write.strapi) ? inputs.filter((i) => hiddenRange(i)) : [];
  const inOne = new Set(batched);
  for (const input of inputs) {
    if (!inOne.has(input)) out.set(input.contactId, await candidateIds(write, input));
  }
  for (let i = 0; i < batched.length; i += MANY_CHUNK) {
    const chunk = batched.slice(i, i + MANY_CHUNK);
    const required = chunk[0].required;
    const visible = (col: string) => `(b.hlo IS NULL OR ${col} < b.hlo OR ${col} > b.hhi)`;
    const below = (col: string) => `${col} <> b.id AND (b.below IS NULL OR ${col} < b.below) AND ${visible(col)}`;
    const parts: Sql[] = [];
    if (required > 0) {
      // The contacts the rare strings lead to first, then each one's shared strings counted through its own rows
      // (primary key). Written as `candidateIds` is, the planner joined the contact's strings to everyone holding
      // them — the town too — and kept the rare ones' contacts last: 780 ms per 100 contacts at 30,000 (→ 90 ms).
      parts.push([
        `SELECT bs.contact_id FROM (SELECT cand.contact_id FROM (SELECT o.contact_id FROM (
            SELECT f.*, row_number() OVER (ORDER BY f.n) AS rn, count(*) OVER () AS usable FROM (
              SELECT r.field, r.part, r.value, r.contact_type, (SELECT count(*) FROM (SELECT 1 FROM ${SEARCH_STRINGS} o2
                WHERE o2.value = r.value AND o2.field = r.field AND o2.part = r.part AND o2.contact_type = r.contact_type
                AND ${visible('o2.contact_id')} LIMIT ?) x) AS n
              FROM ${SEARCH_STRINGS} r WHERE r.contact_id = b.id) f WHERE f.n < ?) rare
          JOIN ${SEARCH_STRINGS} o ON o.value = rare.value AND o.field = rare.field AND o.part = rare.part
            AND o.contact_type = rare.contact_type
          WHERE b.string_count >= ? AND rare.rn <= b.string_count - ? + 1 + ? AND ${below('o.contact_id')}
          GROUP BY o.contact_id
          HAVING count(*) >= greatest(1, ? - b.string_count + least(max(rare.usable), b.string_count - ? + 1 + ?))) cand
        WHERE (SELECT count(*) FROM ${SEARCH_STRINGS} s JOIN ${SEARCH_STRINGS} m ON m.contact_id = b.id
          AND s.field = m.field AND s.part = m.part AND s.value = m.value AND s.contact_type = m.contact_type
          WHERE s.contact_id = cand.contact_id) >= ? LIMIT ?) bs`,
        [
          FANOUT_CAP,
          FANOUT_CAP,
          required,
          required,
          EXTRA_RARE,
          required,
          required,
          EXTRA_RARE,
          required,
          MAX_CANDIDATES,
        ],
      ]);
    }
    parts.push([
      `SELECT bk.contact_id FROM (SELECT k.contact_id FROM ${BLOCKING_KEYS} k WHERE k.key IN (
        SELECT v.key FROM ${BLOCKING_KEYS} v WHERE v.contact_id = b.id
        AND (SELECT count(*) FROM (SELECT 1 FROM ${BLOCKING_KEYS} c WHERE c.key = v.key AND ${visible('c.contact_id')} LIMIT ?) x) < ?)
      AND ${below('k.contact_id')} LIMIT ?) bk`,
      [FANOUT_CAP, FANOUT_CAP, MAX_CANDIDATES],
    ]);
    if (hasTrigrams(write.strapi)) {
      parts.push([
        `SELECT tg.contact_id FROM ${NAMES} me CROSS JOIN LATERAL (SELECT t.contact_id, t.name <-> me.name AS distance
          FROM ${NAMES} t WHERE t.city = me.city AND t.contact_type = me.contact_type AND t.initial = me.initial
          AND t.name % me.name AND ${below('t.contact_id')} ORDER BY t.name <-> me.name LIMIT ?) tg
        WHERE me.contact_id = b.id AND me.city <> '' AND tg.distance <= ?`,
        [TRIGRAM_CANDIDATES, 1 - TRIGRAM_SIMILARITY],
      ]);
    }
    const sql = `SELECT b.id AS self, c.contact_id
      FROM unnest(?::int[], ?::int[], ?::int[], ?::int[], ?::int[]) AS b(id, string_count, below, hlo, hhi)
      CROSS JOIN LATERAL (SELECT u.contact_id FROM (${parts.map((p) => p[0]).join(' UNION ')}) u LIMIT ?) c`;
    const result: RawResult<{ self: number | string; contact_id: number | string }> = await withPlainIndexScans(
      write.trx,
      () =>
        write.trx.raw(sql, [
          intArray(chunk.map((c) => c.contactId)),
          intArray(chunk.map((c) => c.stringCount)),
          intArray(chunk.map((c) => c.belowId ?? null)),
          intArray(chunk.map((c) => hiddenRange(c)![0])),
          intArray(chunk.map((c) => hiddenRange(c)![1])),
          ...parts.flatMap((p) => p[1]),
          MAX_CANDIDATES,
        ]),
    );
    for (const r of rowsOf(result)) out.get(Number(r.self))?.push(Number(r.contact_id));
  }
  return out;
}
