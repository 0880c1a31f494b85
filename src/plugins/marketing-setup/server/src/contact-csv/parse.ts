/**
 * Reading an uploaded CSV file with csv-parse, as a stream of records (header → cell). The separator is the one
 * an Excel "sep=;" first line names, else the one the header line uses most (comma, semicolon as Dutch Excel
 * writes, or tab); a UTF-8 byte order mark, the "sep=" line and blank lines before the header are dropped. A file
 * that is not CSV (unbalanced quotes, a value in a column the header does not name) is a 400 with the line.
 */
import { Readable } from 'stream';
import { CsvError, parse } from 'csv-parse';
import {
  checkRowCells,
  csvStart,
  type CsvDelimiter,
  detectDelimiter,
  readHeaders,
  unclosedQuoteLine,
} from '../domain/contact-csv';
import { RuleViolation } from '../domain/errors';
import { validationError } from '../utils/errors';
import { pacer } from '../utils/pacing';

export type CsvRecord = Record<string, string>;

/** The text in slices: csv-parse works through one chunk without stopping, and a 45 MB file is one long pause. */
const SLICE = 64 * 1024;
function* slices(text: string) {
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}

const parser = (text: string, delimiter: string) =>
  Readable.from(slices(text)).pipe(
    parse({
      bom: true,
      delimiter,
      columns: false,
      skip_empty_lines: true,
      relax_quotes: false,
      relax_column_count: true,
      trim: false,
    }),
  );

/**
 * csv-parse's own errors (its CsvError; their codes mostly CSV_…, but not all: INVALID_OPENING_QUOTE, a quote inside
 * an unquoted cell); anything else is not about the file.
 */
const isCsvError = (err: unknown): err is Error =>
  err instanceof CsvError ||
  (err instanceof Error && String((err as { code?: unknown }).code ?? '').startsWith('CSV_'));

/** `text`: the file from its header line on; `skipped`: the lines before it, so a line number is the file's own. */
const badFile = (err: Error, text: string, skipped: number) => {
  const { code, lines: at } = err as Error & { code?: string; lines?: number };
  const lines = (at ?? 0) + skipped;
  const opens = code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(text) : null;
  // What Excel and most tools write for a quote inside a cell, said in the user's terms.
  const reason =
    opens !== null
      ? `a quote (") opens a cell on line ${opens + skipped} and is never closed. Close it, or double a quote meant inside a cell ("").`
      : code === 'INVALID_OPENING_QUOTE'
        ? `line ${lines} has a quote (") inside a cell that does not start with one. Put such a cell in quotes and double the quotes inside it, e.g. "Bar ""Het Anker""".`
        : err.message.replace(/^Invalid Record Length: /, '').replace(/\bline \d+/, `line ${lines}`);
  return validationError(`The file is not readable as CSV: ${reason}`, ['file']);
};

/** The header line and each record, streamed; `onRecord` gets the 1-based data row number. Returns the separator read. */
export async function readCsv(
  text: string,
  onRecord: (record: CsvRecord, rowNo: number) => Promise<void> | void,
  opts: { limit?: number } = {},
) {
  const headers: string[] = [];
  let rowNo = 0;
  let body = text;
  let skipped = 0;
  let delimiter: CsvDelimiter = ',';
  try {
    const start = csvStart(text);
    body = text.slice(start.start);
    skipped = start.lines;
    delimiter = start.delimiter ?? detectDelimiter(body);
    let header = true;
    // Other requests get their turns while a large file is read (on SQLite as well: nothing here waits for I/O).
    const pace = pacer();
    for await (const cells of parser(body, delimiter) as AsyncIterable<string[]>) {
      await pace();
      if (header) {
        headers.push(...readHeaders(cells));
        header = false;
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      checkRowCells(rowNo + 1, cells, headers.length);
      rowNo += 1;
      if (opts.limit !== undefined && rowNo > opts.limit) continue; // counted, not handed on
      const record: CsvRecord = {};
      headers.forEach((h, i) => {
        record[h] = cells[i] ?? '';
      });
      await onRecord(record, rowNo);
    }
  } catch (err) {
    if (err instanceof RuleViolation) throw validationError(err.message, err.path);
    if (isCsvError(err)) throw badFile(err, body, skipped);
    throw err;
  }
  if (!headers.length)
    throw validationError('The file is empty: it needs a header line and at least one row.', ['file']);
  if (!rowNo) throw validationError('The file has a header line but no rows to import.', ['file']);
  return { headers, rows: rowNo, delimiter };
}
