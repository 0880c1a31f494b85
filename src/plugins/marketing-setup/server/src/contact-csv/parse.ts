/**
 * Reading an uploaded CSV file with csv-parse, as a stream of records (header → cell). The separator is
 * the one the header line uses most (comma, semicolon as Dutch Excel writes, or tab); a UTF-8 byte order
 * mark is dropped. A file that is not CSV (unbalanced quotes, a row with more cells than the header) is a
 * 400 with the line csv-parse names.
 */
import { Readable } from 'stream';
import { parse } from 'csv-parse';
import { validationError } from '../utils/errors';

export type CsvRecord = Record<string, string>;

/** The most frequent of , ; and tab in the first line (outside quotes). */
export function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

const parser = (text: string) =>
  Readable.from([text]).pipe(
    parse({
      bom: true,
      delimiter: detectDelimiter(text),
      columns: false,
      skip_empty_lines: true,
      relax_quotes: false,
      relax_column_count: true,
      trim: false,
    }),
  );

const badFile = (err: any) =>
  validationError(
    `The file is not readable as CSV: ${String(err?.message ?? err).replace(/^Invalid Record Length: /, '')}`,
    ['file'],
  );

/** The header line and each record, streamed; `onRecord` gets the 1-based data row number. */
export async function readCsv(
  text: string,
  onRecord: (record: CsvRecord, rowNo: number) => Promise<void> | void,
  opts: { limit?: number } = {},
) {
  const headers: string[] = [];
  let rowNo = 0;
  try {
    for await (const cells of parser(text) as AsyncIterable<string[]>) {
      if (!headers.length) {
        headers.push(...cells.map((c) => c.trim()));
        checkHeaders(headers);
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      if (cells.length > headers.length) {
        throw validationError(
          `Row ${rowNo + 1} has ${cells.length} cells but the header has ${headers.length} columns.`,
          ['file'],
        );
      }
      rowNo += 1;
      if (opts.limit !== undefined && rowNo > opts.limit) continue; // counted, not handed on
      const record: CsvRecord = {};
      headers.forEach((h, i) => {
        record[h] = cells[i] ?? '';
      });
      await onRecord(record, rowNo);
    }
  } catch (err: any) {
    if (err?.name === 'ValidationError') throw err;
    if (err?.code && String(err.code).startsWith('CSV_')) throw badFile(err);
    throw err;
  }
  if (!headers.length)
    throw validationError('The file is empty: it needs a header line and at least one row.', ['file']);
  if (!rowNo) throw validationError('The file has a header line but no rows to import.', ['file']);
  return { headers, rows: rowNo };
}

function checkHeaders(headers: string[]) {
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    if (!h) throw validationError(`Column ${i + 1} of the header line has no name; name every column.`, ['file']);
    if (seen.has(h))
      throw validationError(`The header line names "${h}" twice; column names must be unique.`, ['file']);
    seen.add(h);
  });
}
