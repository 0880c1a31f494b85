/**
 * How long reading a large CSV upload holds the event loop (every other request waits meanwhile): the import's
 * `readCsv` (contact-csv/parse.ts: the text in 64 KB slices, a turn for other requests every 8 ms) against the same
 * csv-parse options fed the whole text as one chunk (what it did before). A 5 ms interval timer stands for the other
 * requests; the longest gap between its ticks, counted from the start to the end of the read, is the longest wait.
 *
 *   node bench/csv-read.js                 # 600,000 rows (about 42 MB), 5 runs each, alternating
 *   BENCH_CSV_ROWS=100000 BENCH_CSV_RUNS=3 node bench/csv-read.js
 *
 * Prints a table; nothing is written to docs/ (the figures are copied into docs/benchmarks.md by hand).
 */
'use strict';

const path = require('path');
const { Readable } = require('stream');
const { performance } = require('perf_hooks');
const { parse } = require('csv-parse');
const { compileApp } = require('./lib/compile');

const appDir = path.resolve(__dirname, '..');
const DIST = path.resolve(appDir, process.env.BENCH_DIST ?? '.tmp/csv-read-dist');
const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 600000);
const RUNS = Number(process.env.BENCH_CSV_RUNS ?? 5);

const csvText = () => {
  const lines = ['Name;Type;City;E-Mail;Phone No.'];
  for (let i = 0; i < ROWS; i += 1)
    lines.push(`Bedrijf ${i} BV;Company;Gent;info${i}@bedrijf${i}.be;09 ${String(i).padStart(7, '0')}`);
  return lines.join('\n');
};

/** Runs `read` while a 5 ms timer ticks; the read's time and the longest time the timer could not run. */
async function measure(read) {
  const start = performance.now();
  let last = start;
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const rows = await read();
  const end = performance.now();
  clearInterval(timer);
  return { rows, ms: end - start, longestPause: Math.max(longest, end - last) };
}

const oneChunk = async (text) => {
  let n = 0;
  const parser = Readable.from([text]).pipe(parse({ bom: true, delimiter: ';', skip_empty_lines: true, relax_column_count: true }));
  for await (const _cells of parser) n += 1;
  return n - 1;
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  compileApp(DIST);
  const { readCsv } = require(path.join(DIST, 'src/plugins/marketing-setup/server/src/contact-csv/parse'));
  const text = csvText();
  console.log(`${ROWS} rows, ${(text.length / 1e6).toFixed(1)} MB, ${RUNS} runs each (alternating)`);
  const results = { sliced: [], oneChunk: [] };
  for (let r = 0; r < RUNS; r += 1) {
    results.oneChunk.push(await measure(() => oneChunk(text)));
    results.sliced.push(await measure(async () => (await readCsv(text, () => undefined)).rows));
  }
  console.log('| read | rows | median ms | median longest pause ms | longest pause per run (ms) |');
  console.log('|---|---:|---:|---:|---|');
  for (const [name, runs] of Object.entries(results))
    console.log(
      `| ${name === 'sliced' ? 'readCsv (64 KB slices, turns)' : 'csv-parse, one chunk (before)'} | ${runs[0].rows} | ${median(
        runs.map((x) => x.ms),
      ).toFixed(0)} | ${median(runs.map((x) => x.longestPause)).toFixed(0)} | ${runs.map((x) => x.longestPause.toFixed(0)).join(', ')} |`,
    );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
