'use strict';
/**
 * Bench module (registered in bench/run.js): read latency of a contact's interaction timeline
 * (GET /api/marketing-setup/contacts/:documentId/interactions) for a company with 100,000 log entries.
 *
 * Fixture (server side, outside the timing): a company "Timeline NV" with two persons and a second company
 * "Other Timeline BV"; the company's 100,000 entries (a third on the company itself, two thirds on its
 * persons) and 50,000 entries of the other company are bulk-loaded with set-based SQL (INSERT … SELECT
 * FROM generate_series, plus the link rows) over 5 years of dates with three templates, then the entry
 * counter is moved past them and the tables are VACUUM (ANALYZE)d (autovacuum is off on this server).
 * Timed (client side, concurrency 1, alternating): the first page, page 2, a deep page (offset 2,000), a
 * one-month date range, a template filter, a direction filter, and a person's timeline; BENCH_TIMELINE_RUNS
 * (default 50) runs each after 5 warm-ups. Every answer is checked (status 200, page size, total, newest
 * first); the plan of the page query (EXPLAIN ANALYZE) is recorded to show which indexes it uses.
 * Knobs: BENCH_TIMELINE_ENTRIES (100000), BENCH_TIMELINE_RUNS (50).
 */
const http = require('http');
const os = require('os');
const fs = require('fs');
const { execFileSync } = require('child_process');

const ENTRIES = Number(process.env.BENCH_TIMELINE_ENTRIES ?? 100000);
const OTHER_ENTRIES = Math.round(ENTRIES / 2);
const RUNS = Number(process.env.BENCH_TIMELINE_RUNS ?? 50);
const WARMUP = 5;
const TARGET_P95_MS = 50;
const FIRST_DATE = '2020-01-01';
const DAYS = 5 * 365;

const ENTRY = 'plugin::marketing-setup.interaction-log-entry';
let CLK_TCK = 100;
try {
  CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  /* keep 100 */
}
const UIDS = {
  contact: 'plugin::marketing-setup.contact',
  group: 'plugin::marketing-setup.interaction-group',
  template: 'plugin::marketing-setup.interaction-template',
  setup: 'plugin::marketing-setup.interaction-template-setup',
};

// ------------------------------------------------------------------------------------------------
// Server side (runs inside the bench server process, called over IPC through the `module` command)
// ------------------------------------------------------------------------------------------------
const server = {
  /** The fixture: contacts and templates through the document service, the entries with SQL. */
  async fixture(strapi) {
    const docs = (uid) => strapi.documents(uid);
    const group = await docs(UIDS.group).create({ data: { code: 'BENCH', description: 'Benchmark' } });
    const templates = [];
    for (const [code, flow, by] of [['TL-CALL', 'outbound', 'us'], ['TL-MEET', 'outbound', 'us'], ['TL-IN', 'inbound', 'them']]) {
      templates.push(await docs(UIDS.template).create({ data: { code, description: code, interactionGroup: group.documentId, unitCost: 2.5, unitDurationMin: 5, informationFlow: flow, initiatedBy: by } }));
    }
    const company = await docs(UIDS.contact).create({ data: { type: 'company', name: 'Timeline NV', city: 'Timelinestad' } });
    const persons = [];
    for (const name of ['Tessa Lijn', 'Tom Lijnen']) {
      persons.push(await docs(UIDS.contact).create({ data: { type: 'person', name, company: company.documentId } }));
    }
    const other = await docs(UIDS.contact).create({ data: { type: 'company', name: 'Other Timeline BV', city: 'Elders' } });

    const knex = strapi.db.connection;
    const meta = strapi.db.metadata.get(ENTRY);
    const col = (a) => meta.attributes[a].columnName ?? a;
    const jt = (a) => {
      const j = meta.attributes[a].joinTable;
      return { name: j.name, from: j.joinColumn.name, to: j.inverseJoinColumn.name };
    };
    const table = meta.tableName;
    const t0 = Date.now();
    await knex.transaction(async (trx) => {
      const [{ max }] = await trx(table).max({ max: col('entryNo') });
      const base = Number(max ?? 0);
      /** n entries numbered after `offset`; `who(g)` = SQL giving the contact id of entry g. */
      const load = async (n, offset, who, companyId) => {
        const first = base + offset;
        await trx.raw(
          `INSERT INTO ?? (??, ??, ??, ??, ??, ??, ??, ??, ??, ??, ??, ??, ??, ??, ??)
           SELECT 'tl' || (? + g), ? + g, DATE '${FIRST_DATE}' + (g % ${DAYS}), make_time((g % 10) + 8, (g * 7) % 60, 0),
                  'Bench interaction ' || g, CASE WHEN g % 3 = 2 THEN 'inbound' ELSE 'outbound' END,
                  CASE WHEN g % 3 = 2 THEN 'them' ELSE 'us' END, 2.5, 5, g % 10 = 0, false, false, now(), now(), now()
           FROM generate_series(1, ?) AS g`,
          [table, 'document_id', col('entryNo'), col('date'), col('time'), col('description'), col('informationFlow'),
            col('initiatedBy'), col('cost'), col('durationMin'), col('attemptFailed'), col('canceled'), col('emailLogged'),
            'created_at', 'updated_at', 'published_at', first, first, n],
        );
        const range = [first + 1, first + n];
        const link = async (attr, targetSql) => {
          const j = jt(attr);
          await trx.raw(
            `INSERT INTO ?? (??, ??) SELECT e.id, ${targetSql} FROM ?? e WHERE e.?? BETWEEN ? AND ?`,
            [j.name, j.from, j.to, table, col('entryNo'), ...range],
          );
        };
        await link('contact', who);
        await link('contactCompany', String(companyId));
        await link('interactionTemplate', `CASE (e.${col('entryNo')} % 3) WHEN 0 THEN ${templates[0].id} WHEN 1 THEN ${templates[1].id} ELSE ${templates[2].id} END`);
        await link('interactionGroup', String(group.id));
      };
      const no = `e.${col('entryNo')}`;
      await load(ENTRIES, 0, `CASE (${no} % 3) WHEN 0 THEN ${company.id} WHEN 1 THEN ${persons[0].id} ELSE ${persons[1].id} END`, company.id);
      await load(OTHER_ENTRIES, ENTRIES, String(other.id), other.id);
      // The entry counter continues after the loaded entries.
      const setupMeta = strapi.db.metadata.get(UIDS.setup);
      await trx(setupMeta.tableName).update({ [setupMeta.attributes.lastEntryNo.columnName ?? 'last_entry_no']: base + ENTRIES + OTHER_ENTRIES });
    });
    const loadMs = Date.now() - t0;
    const tables = [table, ...['contact', 'contactCompany', 'interactionTemplate', 'interactionGroup'].map((a) => jt(a).name)];
    const v0 = Date.now();
    await knex.raw(`VACUUM (ANALYZE) ${tables.map((t) => `"${t}"`).join(', ')}`);
    return {
      company: { documentId: company.documentId, no: company.no },
      person: { documentId: persons[0].documentId },
      templates: templates.map((t) => t.code),
      loadMs,
      vacuumMs: Date.now() - v0,
      // expected totals, for the checks
      totals: { company: ENTRIES, person: Math.floor(ENTRIES / 3) + (ENTRIES % 3 >= 1 ? 1 : 0) },
    };
  },

  /**
   * CPU time so far (ms) of this Strapi process and of the PostgreSQL backends serving its database (found
   * by their command line, from /proc: no SQL, so measuring adds no PostgreSQL work), per backend pid (the
   * pool may close and open connections: the client sums the per-pid differences). `strapiMs` is read
   * before the /proc scan and `strapiEndMs` after it, so the client can leave the scan out.
   */
  async cpu(strapi) {
    const u0 = process.cpuUsage();
    const db = strapi.db.connection.client.config.connection.database;
    const pg = {};
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(db)) continue;
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        pg[pid] = ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
      } catch {
        /* a process that ended meanwhile */
      }
    }
    const u1 = process.cpuUsage();
    return { strapiMs: (u0.user + u0.system) / 1000, strapiEndMs: (u1.user + u1.system) / 1000, pg };
  },

  /** EXPLAIN (ANALYZE) of the statements the timeline service sends for `query` (captured from knex). */
  async explain(strapi, { documentId, query }) {
    const knex = strapi.db.connection;
    const seen = [];
    const listener = (q) => seen.push({ sql: q.sql, bindings: q.bindings });
    knex.on('query', listener);
    try {
      await strapi.plugin('marketing-setup').service('interactions').timeline(documentId, query);
    } finally {
      knex.removeListener('query', listener);
    }
    const out = [];
    for (const s of seen.filter((x) => /count\(|order by/i.test(x.sql) && x.sql.includes('interaction_log_entries'))) {
      // knex reports the native SQL ($1, $2 …); knex.raw wants ? placeholders.
      const { rows } = await knex.raw(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${s.sql.replace(/\$\d+/g, '?')}`, s.bindings);
      out.push({ sql: s.sql, plan: rows.map((r) => r['QUERY PLAN']) });
    }
    return out;
  },
};

// ------------------------------------------------------------------------------------------------
// Client side (bench/run.js)
// ------------------------------------------------------------------------------------------------
function get(agent, port, token, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: '127.0.0.1', port, path: urlPath, method: 'GET', headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function run({ server: srv, log, fail }) {
  const t0 = Date.now();
  const loadStart = os.loadavg()[0];
  const fx = await srv.call('fixture');
  log(`timeline: ${ENTRIES.toLocaleString('en')} + ${OTHER_ENTRIES.toLocaleString('en')} entries loaded in ${fx.loadMs} ms, VACUUM (ANALYZE) ${fx.vacuumMs} ms`);
  const company = `/api/marketing-setup/contacts/${fx.company.documentId}/interactions`;
  const CASES = [
    { key: 'page1', label: 'company, page 1 (25, newest first)', path: company, total: fx.totals.company },
    { key: 'page2', label: 'company, page 2', path: `${company}?page=2`, total: fx.totals.company },
    { key: 'deep', label: 'company, page 81 (offset 2,000)', path: `${company}?page=81`, total: fx.totals.company },
    { key: 'month', label: 'company, one month (from/to)', path: `${company}?from=2023-03-01&to=2023-03-31`, total: null },
    { key: 'template', label: 'company, template TL-MEET', path: `${company}?template=TL-MEET`, total: null },
    { key: 'direction', label: 'company, inbound only', path: `${company}?direction=inbound`, total: null },
    { key: 'person', label: 'person of the company, page 1', path: `/api/marketing-setup/contacts/${fx.person.documentId}/interactions`, total: fx.totals.person },
  ];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = Object.fromEntries(CASES.map((c) => [c.key, []]));
  const cpu = Object.fromEntries(CASES.map((c) => [c.key, { strapiMs: 0, pgMs: 0 }]));
  const checks = Object.fromEntries(CASES.map((c) => [c.key, { ok: true, total: null, message: null }]));
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    for (const c of i % 2 ? CASES : [...CASES].reverse()) {
      const before = i >= WARMUP ? await srv.call('cpu') : null;
      const t = process.hrtime.bigint();
      const res = await get(agent, srv.port, srv.token, c.path);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i >= WARMUP) {
        times[c.key].push(ms);
        const after = await srv.call('cpu');
        cpu[c.key].strapiMs += after.strapiMs - before.strapiEndMs;
        for (const [pid, ms] of Object.entries(after.pg)) cpu[c.key].pgMs += ms - (before.pg[pid] ?? 0);
      }
      if (i !== WARMUP) continue; // check one answer per case
      const ck = checks[c.key];
      let body = null;
      try {
        body = JSON.parse(res.body);
      } catch { /* checked below */ }
      const data = body?.data ?? [];
      const keys = data.map((e) => `${e.date} ${e.time} ${String(e.entryNo).padStart(12, '0')}`);
      const sorted = [...keys].sort().reverse();
      ck.total = body?.meta?.pagination?.total ?? null;
      const problems = [
        res.status !== 200 && `status ${res.status}: ${res.body.slice(0, 200)}`,
        data.length !== Math.min(25, ck.total ?? 0) && `${data.length} entries on the page`,
        c.total !== null && ck.total !== c.total && `total ${ck.total}, expected ${c.total}`,
        keys.join() !== sorted.join() && 'not newest first',
        c.key === 'direction' && data.some((e) => e.informationFlow !== 'inbound') && 'an outbound entry',
        c.key === 'template' && data.some((e) => e.interactionTemplate?.code !== 'TL-MEET') && 'another template',
        c.key === 'month' && data.some((e) => e.date < '2023-03-01' || e.date > '2023-03-31') && 'a date outside the range',
      ].filter(Boolean);
      if (problems.length) {
        ck.ok = false;
        ck.message = problems.join('; ');
        fail(`timeline check ${c.key}: ${ck.message}`);
      }
    }
  }
  agent.destroy();
  const cases = CASES.map((c) => ({
    key: c.key, label: c.label, path: c.path.replace(/contacts\/[^/]+/, 'contacts/:documentId'),
    p50: pct(times[c.key], 50), p95: pct(times[c.key], 95), max: Math.max(...times[c.key]), total: checks[c.key].total, ok: checks[c.key].ok,
    strapiCpuMs: cpu[c.key].strapiMs / RUNS, pgCpuMs: cpu[c.key].pgMs / RUNS,
  }));
  const all = Object.values(times).flat();
  const plans = await srv.call('explain', { documentId: fx.company.documentId, query: {} });
  const result = {
    entries: ENTRIES, otherEntries: OTHER_ENTRIES, runs: RUNS, warmup: WARMUP, loadMs: fx.loadMs, vacuumMs: fx.vacuumMs,
    cases, p95: pct(all, 95), p50: pct(all, 50), target: TARGET_P95_MS, plans, seconds: (Date.now() - t0) / 1000,
    loadavg: [loadStart, os.loadavg()[0]], cores: os.cpus().length,
  };
  log(`timeline read p95 ${result.p95.toFixed(1)} ms (p50 ${result.p50.toFixed(1)} ms) over ${all.length} reads; target ≤ ${TARGET_P95_MS} ms`);
  return result;
}

const f1 = (x) => (x == null ? '–' : x.toFixed(1));

function markdown(r) {
  if (!r) return '';
  const lines = [];
  lines.push(`### Interactions: timeline read for a company with ${r.entries.toLocaleString('en')} entries`);
  lines.push('');
  lines.push('Module bench/interactions-timeline.js (part of `npm run bench`; alone: `BENCH_ONLY_MODULES=interactions-timeline npm run bench`).');
  lines.push(`A company with ${r.entries.toLocaleString('en')} interaction log entries (a third its own, two thirds of its two persons) and`);
  lines.push(`another company with ${r.otherEntries.toLocaleString('en')}, bulk-loaded with set-based SQL (${r.loadMs} ms), then \`VACUUM (ANALYZE)\` (${r.vacuumMs} ms;`);
  lines.push(`autovacuum is off on this server). ${r.runs} timed runs of each read (+${r.warmup} warm-up), concurrency 1, the cases alternating;`);
  lines.push('"ms" is the client\'s wall time of the GET (request sent to response read). Every answer was checked (status, page size, total, order, filter).');
  lines.push(`Machine load during this part: 1-minute load average ${f1(r.loadavg?.[0])} at its start, ${f1(r.loadavg?.[1])} at its end, on ${r.cores} cores.`);
  lines.push('');
  lines.push(`**Timeline read p95: ${f1(r.p95)} ms** over all cases (p50 ${f1(r.p50)} ms); target ≤ ${r.target} ms.`);
  lines.push('');
  lines.push('| read | p50 ms | p95 ms | max ms | Strapi CPU ms/read | PostgreSQL CPU ms/read | total entries | check |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const c of r.cases) lines.push(`| ${c.label} — \`GET ${c.path}\` | ${f1(c.p50)} | ${f1(c.p95)} | ${f1(c.max)} | ${f1(c.strapiCpuMs)} | ${f1(c.pgCpuMs)} | ${c.total?.toLocaleString('en') ?? '–'} | ${c.ok ? 'ok' : '**FAILED**'} |`);
  lines.push('');
  lines.push('CPU per read: the Strapi process and the PostgreSQL backends of its database (from /proc, 10 ms ticks for PostgreSQL,');
  lines.push(`averaged over the ${r.runs} runs). Unlike the wall times it hardly depends on what else runs on the machine: it is what a read costs.`);
  lines.push('');
  lines.push('Plans of the first page\'s two statements (EXPLAIN ANALYZE, after the timed runs):');
  lines.push('');
  lines.push('```');
  for (const p of r.plans ?? []) lines.push(...p.plan, '');
  lines.push('```');
  return lines.join('\n');
}

module.exports = { name: 'interactions-timeline', run, markdown, server };
