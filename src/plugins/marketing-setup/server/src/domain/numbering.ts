/**
 * Number series (Business Central "No. Series", reference §3): choosing a line, drawing numbers,
 * range/warning checks and the format rules applied when a line is edited. Pure: no Strapi, no I/O.
 * Numbers are Code values such as "CT000123"; only their LAST digit group is ever counted.
 */
import { RuleViolation } from './errors';

export interface NoSeries {
  code: string;
  defaultNos: boolean;
  manualNos: boolean;
  dateOrder: boolean;
}
export interface NoSeriesLine {
  lineNo: number; // order among lines of a series
  startingDate: string | null; // 'YYYY-MM-DD' or null (= always valid)
  startingNo: string | null;
  endingNo: string | null;
  warningNo: string | null;
  incrementBy: number; // >= 1
  lastNoUsed: string | null;
  lastDateUsed: string | null; // 'YYYY-MM-DD'
  open: boolean;
  allowGaps: boolean;
}
type NoField = 'startingNo' | 'endingNo' | 'warningNo' | 'lastNoUsed';
const NO_FIELDS: NoField[] = ['startingNo', 'endingNo', 'warningNo', 'lastNoUsed'];
const LABELS: Record<NoField, string> = {
  startingNo: 'starting number',
  endingNo: 'ending number',
  warningNo: 'warning number',
  lastNoUsed: 'last number used',
};

interface Parts {
  prefix: string;
  digits: string;
  suffix: string;
}

/** Split around the last digit group; null when the value holds no digit. */
function split(no: string): Parts | null {
  const m = /(\d+)(\D*)$/.exec(no);
  return m ? { prefix: no.slice(0, m.index), digits: m[1], suffix: m[2] } : null;
}

function mustSplit(no: string, seriesCode?: string): Parts {
  const p = split(no);
  if (!p) {
    const where = seriesCode ? ` in the number series ${seriesCode}` : '';
    throw new RuleViolation(`The number ${no}${where} must contain a number so that it can be counted up.`);
  }
  return p;
}

/** Pad a digit string with zeros to `width`; longer values simply grow (CT999 → CT1000). */
const pad = (digits: string, width: number) => digits.padStart(width, '0');

export function incrementNo(no: string, by = 1): string {
  const p = mustSplit(no);
  const next = (BigInt(p.digits) + BigInt(by)).toString();
  return p.prefix + pad(next, p.digits.length) + p.suffix;
}

/**
 * Order two numbers. Same prefix/suffix → compare the digit groups as numbers, so that pure-digit
 * series (1..10) and grown groups (CT999 < CT1000) order naturally; otherwise plain string order.
 */
function compareNo(a: string, b: string): number {
  const pa = split(a);
  const pb = split(b);
  if (pa && pb && pa.prefix === pb.prefix && pa.suffix === pb.suffix) {
    const d = BigInt(pa.digits) - BigInt(pb.digits);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Past the ending number: greater than it, or longer than it. */
const beyondEnd = (no: string, endingNo: string) => compareNo(no, endingNo) > 0 || no.length > endingNo.length;

/** Whether, once `no` is issued, the line has nothing left to hand out. */
function closesAfter(line: NoSeriesLine, no: string): boolean {
  if (!line.endingNo) return false;
  if (compareNo(no, line.endingNo) >= 0 || no.length > line.endingNo.length) return true;
  return beyondEnd(incrementNo(no, line.incrementBy), line.endingNo);
}

export function chooseLine(seriesCode: string, lines: NoSeriesLine[], usageDate: string): NoSeriesLine {
  const dateOf = (l: NoSeriesLine) => l.startingDate ?? ''; // blank date = valid from the beginning
  const candidates = lines.filter((l) => dateOf(l) <= usageDate).sort((a, b) => a.lineNo - b.lineNo);
  if (candidates.length > 0) {
    const latest = candidates.reduce((max, l) => (dateOf(l) > max ? dateOf(l) : max), '');
    // Only the latest starting date counts (BC does not fall back to older periods).
    const found = candidates.find((l) => dateOf(l) === latest && l.open);
    if (found) return found;
  }
  if (lines.some((l) => l.open)) {
    throw new RuleViolation(`You cannot assign new numbers from the number series ${seriesCode} on ${usageDate}.`);
  }
  throw new RuleViolation(`You cannot assign new numbers from the number series ${seriesCode}.`);
}

export function checkRange(
  seriesCode: string,
  line: NoSeriesLine,
  no: string,
): { warning: string | null; closes: boolean } {
  const { startingNo, endingNo, warningNo } = line;
  if (endingNo && beyondEnd(no, endingNo)) {
    throw new RuleViolation(`You cannot assign numbers greater than ${endingNo} from the number series ${seriesCode}.`);
  }
  if (startingNo) {
    const samePattern = no.replace(/\d/g, '') === startingNo.replace(/\d/g, '');
    if (!samePattern || no.length < startingNo.length || compareNo(no, startingNo) < 0) {
      throw new RuleViolation(
        `The number ${no} does not fit the number series ${seriesCode}, which starts at ${startingNo}.`,
      );
    }
  }
  const warning =
    warningNo && compareNo(no, warningNo) >= 0
      ? `The number series ${seriesCode} will soon run out: ${no} was assigned and the warning number is ${warningNo}.`
      : null;
  return { warning, closes: closesAfter(line, no) };
}

export function drawNext(
  series: NoSeries,
  line: NoSeriesLine,
  usageDate: string,
): { no: string; warning: string | null; line: NoSeriesLine } {
  const code = series.code;
  if (!line.open) throw new RuleViolation(`You cannot assign new numbers from the number series ${code}.`);
  const tooEarly = (date: string) =>
    new RuleViolation(`You cannot assign new numbers from the number series ${code} on a date before ${date}.`);
  if (series.dateOrder && line.lastDateUsed && usageDate < line.lastDateUsed) throw tooEarly(line.lastDateUsed);
  if (line.startingDate && usageDate < line.startingDate) throw tooEarly(line.startingDate);

  const no = nthNextNo(line, 1);
  if (!no)
    throw new RuleViolation(`The number series ${code} has no starting number, so no number can be assigned.`, [
      'startingNo',
    ]);

  const { warning, closes } = checkRange(code, line, no);
  return { no, warning, line: { ...line, lastNoUsed: no, lastDateUsed: usageDate, open: !closes } };
}

/**
 * The `k`-th number (k ≥ 1) the line hands out from now, ending number aside: counted on from the Last No. Used,
 * or from the Starting No. for a line that has handed out nothing yet; null when it has neither.
 */
export function nthNextNo(line: NoSeriesLine, k: number): string | null {
  if (line.lastNoUsed) return incrementNo(line.lastNoUsed, k * line.incrementBy);
  if (line.startingNo) return incrementNo(line.startingNo, (k - 1) * line.incrementBy);
  return null;
}

/**
 * The line's Last No. Used after `count` more draws (null: the line hands out nothing yet). A dry run that rolls
 * back every row stands the line here so that row k previews the k-th next number and, past the ending number,
 * meets the refusal the run would meet.
 */
export const lastNoAfterDraws = (line: NoSeriesLine, count: number): string | null =>
  count <= 0 ? line.lastNoUsed : nthNextNo(line, count);

/**
 * The numbers a line hands out next, at most `n` of them (fewer when its ending number comes first): the
 * numbers a chunk of creates may be given, so that which of them are taken can be asked in one statement.
 */
export function upcomingNos(line: NoSeriesLine, n: number): string[] {
  const out: string[] = [];
  for (let k = 1; k <= n; k += 1) {
    const no = nthNextNo(line, k);
    if (!no || (line.endingNo && beyondEnd(no, line.endingNo))) break;
    out.push(no);
  }
  return out;
}

export function sequenceStart(line: NoSeriesLine): number {
  const source = line.lastNoUsed ?? line.startingNo;
  if (!source) throw new RuleViolation('A number series line needs a starting number.', ['startingNo']);
  const value = Number(mustSplit(source).digits) + (line.lastNoUsed ? line.incrementBy : 0);
  // A JS number is exact only up to 2^53; longer digit groups would silently lose digits.
  if (!Number.isSafeInteger(value))
    throw new RuleViolation(`The number ${source} is too large to count with.`, ['startingNo']);
  return value;
}

export function formatInPattern(pattern: string, value: number): string {
  const p = mustSplit(pattern);
  return p.prefix + pad(String(value), p.digits.length) + p.suffix;
}

/** The captions of the line's numbers, as the Number Series Lines page names them. */
const CAPTIONS: Record<NoField, string> = {
  startingNo: 'Starting No.',
  endingNo: 'Ending No.',
  warningNo: 'Warning No.',
  lastNoUsed: 'Last No. Used',
};
const sameForm = (a: string, b: string) => {
  const [x, y] = [split(a)!, split(b)!];
  return x.prefix === y.prefix && x.suffix === y.suffix;
};

/**
 * Padding is harmonised, the text around the number is not: a number the user gives with another text than the
 * number that sets the form (two of them given together, or an Ending / Warning No. whose text is not the Starting
 * No.'s) is refused instead of being rewritten (INV-2024-0001 … XYZ-9999 would have become INV-2024-9999).
 */
function refuseOtherForm(
  out: NoSeriesLine,
  source: NoField,
  sent: readonly NoField[],
  hasText: (f: NoField) => boolean,
): void {
  const refuse = (f: NoField, by: NoField) =>
    new RuleViolation(
      `${CAPTIONS[f]} "${out[f]}" must have the form of ${CAPTIONS[by]} "${out[by]}" (same text, another number).`,
      [f],
    );
  for (const f of NO_FIELDS)
    if (f !== source && sent.includes(f) && hasText(f) && !sameForm(out[f]!, out[source]!)) {
      // The earlier field in the line's order sets the form; the later one is the one that does not fit.
      throw NO_FIELDS.indexOf(f) < NO_FIELDS.indexOf(source) ? refuse(source, f) : refuse(f, source);
    }
  if (
    (source === 'endingNo' || source === 'warningNo') &&
    hasText('startingNo') &&
    !sameForm(out[source]!, out.startingNo!)
  )
    throw refuse(source, 'startingNo');
}

/**
 * §3.2. `changed` (optional) names the field the user just set; it decides whose prefix/suffix wins,
 * and lets "ending number cleared" clear the warning number instead of refusing. Without it the first
 * number (in field order) that has a non-numeric part sets the format. `sent`: the numbers the user gave in this
 * write (default: `changed`, or all); one of them with another text than the format's is refused.
 */
export function normaliseLine(
  seriesCode: string,
  line: NoSeriesLine,
  changed?: NoField,
  sent: readonly NoField[] = changed ? [changed] : NO_FIELDS,
): NoSeriesLine {
  const out: NoSeriesLine = { ...line };
  for (const f of NO_FIELDS) {
    const v = out[f]?.trim();
    out[f] = v ? v : null; // blank means "not set"
    if (out[f] && !split(out[f]!)) {
      const label = LABELS[f];
      throw new RuleViolation(`The ${label} must contain a number.`, [f]);
    }
  }
  if (!Number.isInteger(out.incrementBy) || out.incrementBy < 1) {
    throw new RuleViolation(`The increment for the number series ${seriesCode} must be a whole number of at least 1.`, [
      'incrementBy',
    ]);
  }

  // Harmonise formats: only a number with a non-numeric part imposes its pattern (pure digits 1..10 stay as they are).
  const hasText = (f: NoField) => !!out[f] && out[f] !== split(out[f]!)!.digits;
  const source = changed && out[changed] ? (hasText(changed) ? changed : null) : (NO_FIELDS.find(hasText) ?? null);
  if (source) {
    const pattern = split(out[source]!)!;
    refuseOtherForm(out, source, sent, hasText);
    const significant = (no: string) => split(no)!.digits.replace(/^0+/, '').length;
    // Width: the source's own group, widened so no other number loses a significant digit.
    const width = NO_FIELDS.reduce(
      (w, f) => (out[f] && f !== source ? Math.max(w, significant(out[f]!)) : w),
      pattern.digits.length,
    );
    const before = out.lastNoUsed;
    for (const f of NO_FIELDS) {
      if (out[f]) out[f] = pattern.prefix + pad(split(out[f]!)!.digits.replace(/^0+/, ''), width) + pattern.suffix;
    }
    if (before !== out.lastNoUsed && source !== 'lastNoUsed') {
      throw new RuleViolation(
        `The number format of the ${LABELS[source]} (${line[source]}) must be the same as the number format of the last number used (${before}) in the number series ${seriesCode}.`,
        [source],
      );
    }
  }

  if (out.warningNo && !out.endingNo) {
    if (changed === 'endingNo')
      out.warningNo = null; // clearing the ending number clears the warning
    else
      throw new RuleViolation(
        `The number series ${seriesCode} needs an ending number before a warning number can be set.`,
        ['warningNo'],
      );
  }
  if (out.startingNo && out.endingNo && compareNo(out.startingNo, out.endingNo) > 0) {
    throw new RuleViolation(
      `The starting number ${out.startingNo} must not be greater than the ending number ${out.endingNo} in the number series ${seriesCode}.`,
      [changed === 'endingNo' ? 'endingNo' : 'startingNo'],
    );
  }
  out.open = !(out.lastNoUsed && closesAfter(out, out.lastNoUsed));
  return out;
}

export function normaliseSeriesFlags(
  s: { defaultNos: boolean; manualNos: boolean },
  changed: 'defaultNos' | 'manualNos' | null,
): { defaultNos: boolean; manualNos: boolean } {
  if (s.defaultNos || s.manualNos) return { defaultNos: s.defaultNos, manualNos: s.manualNos };
  // Both off would make the series useless. One switched off (Business Central's toggle): the *other* comes back on.
  if (changed === 'defaultNos') return { defaultNos: false, manualNos: true };
  if (changed === 'manualNos') return { defaultNos: true, manualNos: false };
  // Both given off together: say so rather than turn one back on unasked.
  throw new RuleViolation(
    'A number series needs Default Nos. (numbers given automatically) or Manual Nos. (numbers typed by hand), or both; turn at least one of them on.',
    ['defaultNos'],
  );
}

export function assertManualAllowed(series: NoSeries | null): void {
  if (series && !series.manualNos) {
    throw new RuleViolation(
      `You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series ${series.code}.`,
      ['no'],
    );
  }
}

export function assertAutomaticAllowed(series: NoSeries): void {
  if (!series.defaultNos) {
    throw new RuleViolation(
      `It is not possible to assign numbers automatically from the number series ${series.code}. Turn on Default Nos. for the series, or enter a number by hand.`,
    );
  }
}

/** A number entered by hand on create, trimmed; null when the request leaves numbering to the series. */
export function enteredNumber(no: unknown): string | null {
  if (no === undefined || no === null || String(no).trim() === '') return null;
  return String(no).trim();
}

/**
 * A change of a stored record's number: the new number, trimmed, or null when the request keeps it.
 * Blanking a number is refused.
 */
export function renumbering(before: unknown, requested: unknown): string | null {
  if (requested === undefined || requested === before) return null;
  if (requested === null || String(requested).trim() === '') throw new RuleViolation('No. must not be blank.', ['no']);
  return String(requested).trim();
}

/** Automatic numbering needs the setup's series for the record (`label`: "Contact", "Opportunity", …). */
export function missingSeriesViolation(label: string): RuleViolation {
  return new RuleViolation(
    `${label} Nos. must have a value in the Marketing Setup before a ${label.toLowerCase()} can be numbered automatically. Choose a number series there, or enter a number.`,
    ['no'],
  );
}

/** A hand-entered number that another record of the type already has. */
export function numberTakenViolation(no: string, label: string): RuleViolation {
  return new RuleViolation(`No. ${no} is already used by another ${label.toLowerCase()}.`, ['no']);
}

/**
 * The code of the series a line belongs to after a write. `cleared`: the request removes the series;
 * `named`: the series the request names (null when it does not exist, undefined when the request names none);
 * `stored`: the line's series before (null for a new line). A line always belongs to an existing series.
 */
export function seriesOfLine(
  cleared: boolean,
  named: { code: string } | null | undefined,
  stored: { code: string } | null,
): string {
  const noSeries = () => new RuleViolation('A number series line must belong to a number series.', ['series']);
  if (cleared) throw noSeries();
  if (named === null) throw new RuleViolation('The number series given for this line does not exist.', ['series']);
  if (named) return named.code;
  if (stored) return stored.code;
  throw noSeries();
}

/** Line numbers leave room between lines (BC style): a new line goes this far after the last one. */
export const LINE_NO_STEP = 10000;

/**
 * A series code as stored, whichever API writes it: trimmed and upper case (a BC Code field, so "cont"
 * and "CONT" are one series); blank is refused. A non-string is left to the request validation.
 */
export function normaliseSeriesCode(code: unknown): unknown {
  if (typeof code !== 'string') return code;
  const out = code.trim().toUpperCase();
  if (out === '') throw new RuleViolation('Enter a code.', ['code']);
  return out;
}

/** The line number of a new line that names none: LINE_NO_STEP after the series' highest line. */
export function nextLineNo(existing: readonly unknown[]): number {
  return Math.max(0, ...existing.map((n) => Number(n) || 0)) + LINE_NO_STEP;
}
