'use strict';
/**
 * Bench module (registered in bench/run.js): document creates/s of a host content type
 * (POST /api/sales-quotes, customer set) with its auto-record rule enabled — each create also records an
 * interaction entry for the customer's contact, in the same transaction — vs the same rule disabled (each
 * create still reads its type's enabled rules: one indexed statement, no cache). Concurrency 1 and 16,
 * BENCH_AUTORECORD_ROUNDS rounds, the two sides alternating in chunks within each round; medians.
 * Then the SQL statements per create of each side at concurrency 1 (what the lookup and the recording
 * cost), and checks: every 201 is a quote, exactly the creates with the rule enabled have an entry.
 *
 * Fixture (server side, outside the timing): business relation BENCHCUST as the setup's customer code, a
 * customer created directly (it gets a company contact of its own, linked), template B_QUOTE (group
 * BENCHAR) set up for sales quotes; the default rule of sales quotes (src/demo/default-rules.ts) is used.
 * Knobs: BENCH_AUTORECORD_ROUNDS (5), BENCH_AUTORECORD_REQUESTS (300 per side per round),
 * BENCH_AUTORECORD_CHUNKS (3), BENCH_AUTORECORD_CONCURRENCY ("1,16"), BENCH_AUTORECORD_PROFILE_REQUESTS (50),
 * BENCH_AUTORECORD_DUMP (a file to write the full SQL profile of both sides to, as JSON).
 */
const os = require('os');
const { median, batch } = require('./lib/load');

const env = process.env;
const ROUNDS = Number(env.BENCH_AUTORECORD_ROUNDS ?? 5);
const REQUESTS = Number(env.BENCH_AUTORECORD_REQUESTS ?? 300);
const CHUNKS = Math.max(1, Number(env.BENCH_AUTORECORD_CHUNKS ?? 3));
const CONCURRENCY = (env.BENCH_AUTORECORD_CONCURRENCY ?? '1,16').split(',').map(Number);
const PROFILE_REQUESTS = Number(env.BENCH_AUTORECORD_PROFILE_REQUESTS ?? 50);
const TARGET = 0.9;
const QUOTE = 'api::sales-quote.sales-quote';
const QUOTES = '/api/sales-quotes';
const P = 'plugin::marketing-setup';
const SIDES = { rule: 'with rule', none: 'without rule' };

// ------------------------------------------------------------------------------------------------
// Server side (inside the bench server process, through the `module` command)
// ------------------------------------------------------------------------------------------------
let tracing = null; // { statements: Map<shape, { n, ms }> } while on
const pending = new Map();
const shape = (sql) => sql.replace(/\$\d+/g, '?').replace(/'[^']*'/g, "'…'").replace(/\b\d+\b/g, 'N').replace(/\s+/g, ' ').trim();

const server = {
  async fixture(strapi) {
    const docs = (name) => strapi.documents(`${P}.${name}`);
    const relation = await docs('business-relation').create({ data: { code: 'BENCHCUST', description: 'Bench customers' } });
    const setup = await docs('setup').findFirst({});
    await docs('setup').update({ documentId: setup.documentId, data: { busRelCodeForCustomers: relation.documentId } });
    const customer = await docs('customer').create({ data: { no: 'BC00001', name: 'Auto-record Bench NV' } });
    const group = await docs('interaction-group').create({ data: { code: 'BENCHAR', description: 'Auto-record bench' } });
    const template = await docs('interaction-template').create({
      data: { code: 'B_QUOTE', description: 'Sales quote', interactionGroup: group.documentId, unitCost: 2.5, unitDurationMin: 5, informationFlow: 'outbound', initiatedBy: 'us' },
    });
    const templateSetup = await docs('interaction-template-setup').findFirst({});
    await docs('interaction-template-setup').update({ documentId: templateSetup.documentId, data: { salesQuotes: template.documentId } });
    const rule = await docs('interaction-rule').findFirst({ filters: { contentType: QUOTE } });
    if (!rule) throw new Error('the default rule of sales quotes is missing (src/demo/default-rules.ts)');
    return { customer: customer.documentId, rule: rule.documentId };
  },
  /** The rule is switched through the document service, like an admin would (its checks run). */
  async useRule(strapi, { rule, enabled }) {
    await strapi.documents(`${P}.interaction-rule`).update({ documentId: rule, data: { enabled } });
    return { enabled };
  },
  /** Every statement knex sends while on (the client sends one request at a time then), by shape. */
  async trace(strapi, { on }) {
    const knex = strapi.db.connection;
    if (!server.listening) {
      server.listening = true;
      knex.on('query', (q) => {
        if (tracing) pending.set(q.__knexQueryUid, { sql: shape(q.sql), start: process.hrtime.bigint() });
      });
      knex.on('query-response', (_r, q) => {
        const rec = pending.get(q.__knexQueryUid);
        if (!rec || !tracing) return;
        pending.delete(q.__knexQueryUid);
        const s = tracing.statements.get(rec.sql) ?? { n: 0, ms: 0 };
        s.n += 1;
        s.ms += Number(process.hrtime.bigint() - rec.start) / 1e6;
        tracing.statements.set(rec.sql, s);
      });
    }
    if (on) {
      tracing = { statements: new Map() };
      pending.clear();
      return {};
    }
    await new Promise((r) => setTimeout(r, 300)); // the after-commit event queries of the last request
    const out = Object.fromEntries(tracing.statements);
    tracing = null;
    return out;
  },
  /** CPU so far of the Strapi process and of its PostgreSQL backends (the timeline module's /proc reading). */
  cpu: (strapi) => require('./interactions-timeline').server.cpu(strapi),
  async counts(strapi) {
    return {
      quotes: await strapi.db.query(QUOTE).count({}),
      entries: await strapi.db.query(`${P}.interaction-log-entry`).count({ where: { sourceUid: QUOTE } }),
    };
  },
};

// ------------------------------------------------------------------------------------------------
// Client side
// ------------------------------------------------------------------------------------------------
const fmt = (x, d = 1) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));



async function run({ server: srv, benchDb, log, fail }) {
  const loadStart = os.loadavg()[0];
  const fx = await srv.call('fixture');
  let seq = 0;
  const quoteBody = () => {
    seq += 1;
    return { data: { number: `BQ${String(seq).padStart(6, '0')}`, customer: fx.customer, description: `Bench quote ${seq}`, amount: 100 + (seq % 900) } };
  };
  const created = { rule: 0, none: 0 };
  let failures = 0;
  // CPU per create of each side and concurrency, over the timed chunks: Strapi process and PostgreSQL backends.
  const cpu = {};
  let measureCpu = false;
  const side = async (name, c, n) => {
    await srv.call('useRule', { rule: fx.rule, enabled: name === 'rule' });
    const before = measureCpu ? await srv.call('cpu') : null;
    const b = await batch(srv, QUOTES, c, n, quoteBody);
    if (before) {
      const after = await srv.call('cpu');
      const acc = ((cpu[c] ??= {})[name] ??= { strapiMs: 0, pgMs: 0, creates: 0 });
      acc.strapiMs += after.strapiMs - before.strapiEndMs;
      for (const [pid, ms] of Object.entries(after.pg)) acc.pgMs += ms - (before.pg[pid] ?? 0);
      acc.creates += b.ok;
    }
    created[name] += b.ok;
    if (b.failures.length) {
      failures += b.failures.length;
      log(`auto-recording: ${b.failures.length} failed creates (${SIDES[name]}, c=${c}); first: ${b.failures[0]}`);
    }
    return b;
  };

  for (const c of CONCURRENCY) for (const name of Object.keys(SIDES)) await side(name, c, Math.min(100, REQUESTS)); // warm-up
  const raw = {};
  measureCpu = true;
  for (let round = 1; round <= ROUNDS; round += 1) {
    await benchDb.query('ANALYZE');
    for (const c of CONCURRENCY) {
      const order = round % 2 ? ['rule', 'none'] : ['none', 'rule'];
      const chunks = { rule: [], none: [] };
      for (let k = 0; k < CHUNKS; k += 1) for (const name of order) chunks[name].push(await side(name, c, Math.ceil(REQUESTS / CHUNKS)));
      for (const name of order) {
        const ok = chunks[name].reduce((a, b) => a + b.ok, 0);
        const seconds = chunks[name].reduce((a, b) => a + b.seconds, 0);
        ((raw[c] ??= { rule: [], none: [] })[name]).push({ rate: ok / seconds, p50: median(chunks[name].flatMap((b) => b.latencies)) });
      }
      const [w, wo] = [raw[c].rule.at(-1), raw[c].none.at(-1)];
      log(`round ${round} auto-recording c=${c}: with rule ${fmt(w.rate)}/s, without ${fmt(wo.rate)}/s, ratio ${fmt(w.rate / wo.rate, 2)}`);
    }
  }
  const result = { loadavg: [loadStart, null], cores: os.cpus().length, rounds: ROUNDS, requests: CHUNKS * Math.ceil(REQUESTS / CHUNKS), chunks: CHUNKS, profileRequests: PROFILE_REQUESTS, concurrency: {}, profile: {} };
  for (const c of CONCURRENCY) {
    const sum = (name) => ({ rounds: raw[c][name].map((x) => x.rate), median: median(raw[c][name].map((x) => x.rate)), p50: median(raw[c][name].map((x) => x.p50)) });
    const [withRule, without] = [sum('rule'), sum('none')];
    const perCreate = (x) => ({ strapiMs: x.strapiMs / x.creates, pgMs: x.pgMs / x.creates });
    result.concurrency[c] = {
      rule: withRule, none: without, ratio: withRule.median / without.median, roundRatios: withRule.rounds.map((x, i) => x / without.rounds[i]),
      cpu: { rule: perCreate(cpu[c].rule), none: perCreate(cpu[c].none) },
    };
  }
  measureCpu = false;

  // SQL statements per create, each side alone at concurrency 1.
  await benchDb.query('ANALYZE');
  for (const name of Object.keys(SIDES)) {
    await srv.call('useRule', { rule: fx.rule, enabled: name === 'rule' });
    await srv.call('trace', { on: true });
    const b = await side(name, 1, PROFILE_REQUESTS);
    const statements = await srv.call('trace', { on: false });
    result.profile[name] = { creates: b.ok, statements };
  }
  await srv.call('useRule', { rule: fx.rule, enabled: true });

  result.loadavg[1] = os.loadavg()[0];
  const counts = await srv.call('counts');
  if (env.BENCH_AUTORECORD_DUMP) require('fs').writeFileSync(env.BENCH_AUTORECORD_DUMP, JSON.stringify(result.profile, null, 1));
  result.checks = { quotes: counts.quotes, quotes201: created.rule + created.none, entries: counts.entries, creates201WithRule: created.rule, failures };
  result.checks.ok = !failures && counts.quotes === result.checks.quotes201 && counts.entries === created.rule;
  if (!result.checks.ok) fail(`auto-recording: failed requests or row counts that do not match the 201 answers ${JSON.stringify(result.checks)}`);
  return result;
}

// ------------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------------
const perCreate = (p) => {
  const rows = Object.entries(p.statements).map(([sql, s]) => ({ sql, n: s.n / p.creates, ms: s.ms / p.creates }));
  return { rows, n: rows.reduce((a, r) => a + r.n, 0), ms: rows.reduce((a, r) => a + r.ms, 0) };
};
const code = (sql) => `\`${(sql.length > 150 ? `${sql.slice(0, 147)}…` : sql).replace(/\|/g, '\\|').replace(/`/g, "'")}\``;

function markdown(r) {
  if (!r) return '';
  const lines = [
    '### Auto-recording: sales-quote creates/s with vs without an auto-record rule',
    '',
    `Module bench/interactions-autorecord.js (\`npm run bench\`; alone: \`BENCH_ONLY_MODULES=interactions-autorecord npm run bench\`).`,
    `\`POST /api/sales-quotes\` (a host-app content type, customer set) with the default rule of sales quotes enabled — each create also`,
    'records an interaction entry (template B_QUOTE) for the customer\'s contact in the same transaction — vs the same rule disabled',
    `(each create still reads the type's enabled rules). ${r.rounds} rounds × ${r.requests} requests per side in ${r.chunks} alternating chunks; medians.`,
    ...(r.loadavg ? [`Machine load during this part: 1-minute load average ${fmt(r.loadavg[0])} at its start, ${fmt(r.loadavg[1])} at its end, on ${r.cores} cores.`] : []),
    '',
    `| concurrency | with rule (creates/s) | without rule (creates/s) | ratio (target ≥ ${TARGET}) | per-round ratios | p50 latency with / without (ms) |`,
    '|---:|---:|---:|---:|---|---:|',
  ];
  for (const [c, x] of Object.entries(r.concurrency)) {
    lines.push(`| ${c} | ${fmt(x.rule.median)} | ${fmt(x.none.median)} | **${fmt(x.ratio, 2)}** | ${x.roundRatios.map((v) => fmt(v, 2)).join(', ')} | ${fmt(x.rule.p50)} / ${fmt(x.none.p50)} |`);
  }
  if (Object.values(r.concurrency).every((x) => x.cpu)) {
    lines.push(
      '',
      'CPU per create over the timed chunks (from /proc: the Strapi process, and the PostgreSQL backends of its database in 10 ms ticks):',
      '',
      '| concurrency | Strapi CPU ms with / without rule | PostgreSQL CPU ms with / without rule | CPU ratio (without / with, Strapi + PostgreSQL) |',
      '|---:|---:|---:|---:|',
      ...Object.entries(r.concurrency).map(([c, x]) => {
        const [w, wo] = [x.cpu.rule, x.cpu.none];
        return `| ${c} | ${fmt(w.strapiMs, 2)} / ${fmt(wo.strapiMs, 2)} | ${fmt(w.pgMs, 2)} / ${fmt(wo.pgMs, 2)} | ${fmt((wo.strapiMs + wo.pgMs) / (w.strapiMs + w.pgMs), 2)} |`;
      }),
    );
  }
  const [w, wo] = [perCreate(r.profile.rule), perCreate(r.profile.none)];
  const lookup = wo.rows.find((x) => x.sql.includes('"ms_interaction_rules" as "r"'));
  const woBy = new Map(wo.rows.map((x) => [x.sql, x.n]));
  const extra = w.rows.map((x) => ({ ...x, n: x.n - (woBy.get(x.sql) ?? 0) })).filter((x) => x.n > 0.01).sort((a, b) => b.ms - a.ms);
  // What each added statement is for (first match): the rule's read (auto-record.ts: the document's fields, its contact with
  // company and salesperson, the template with group), a separate lookup of the entry's contact / template
  // (interactions/entry-row.ts, when a caller does not hand them over), the entry write.
  const KINDS = [
    ['the rule\'s read (the document\'s fields, its contact with company and salesperson, the template with group)', /as "d"/],
    ['a separate lookup of the entry\'s contact / template', /"c_id"|"t_id"/],
    ['the entry write (entry number, entry row, link rows)', /^WITH n AS|ms_interaction_log_entries|"ms_int_tpl_setup" set/i],
  ];
  const kindOf = (x) => KINDS.findIndex(([, re]) => re.test(x.sql));
  const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
  const kinds = KINDS.map(([label], i) => ({ label, xs: extra.filter((x) => kindOf(x) === i) }));
  const other = extra.filter((x) => kindOf(x) < 0);
  lines.push(
    '',
    `SQL per create at concurrency 1 (${r.profileRequests} creates per side, every statement of the server process incl. the API-token check and the after-commit event queries):`,
    `with rule ${fmt(w.n)} statements, ${fmt(w.ms, 2)} ms; without rule ${fmt(wo.n)} statements, ${fmt(wo.ms, 2)} ms.`,
    `The rule lookup that every create / update / publish of a host type pays: ${lookup ? `${fmt(lookup.n, 2)} statement, ${fmt(lookup.ms, 3)} ms per create` : 'not seen'}.`,
    '',
    'What the rule adds per create (statements sent with the rule enabled and not without):',
    '',
    '| per create | ms | statement |',
    '|---:|---:|---|',
    ...extra.map((x) => `| ${fmt(x.n, 2)} | ${fmt(x.ms, 2)} | ${code(x.sql)} |`),
    '',
    ...kinds.map((k) => `- ${k.label}: ${fmt(sum(k.xs, 'n'), 2)} statements, ${fmt(sum(k.xs, 'ms'), 2)} ms`),
    `- other (background jobs of the server that happened to run during the profile): ${fmt(sum(other, 'n'), 2)} statements, ${fmt(sum(other, 'ms'), 2)} ms`,
    '',
    'The entry is written directly in the document\'s transaction (interactions/entry-row.ts: on PostgreSQL one statement with',
    'data-modifying CTEs for the entry number, the entry and its link rows), not through the document service, which would add',
    'relation checks, a reload and the populate of its after-commit event. The entry-number row lock (UPDATE … RETURNING) is held',
    'from that statement to the commit, so concurrent writes that record wait for each other over that stretch.',
    '',
    `Checks: ${r.checks.quotes} quotes for ${r.checks.quotes201} answers 201; ${r.checks.entries} entries for ${r.checks.creates201WithRule} creates with the rule enabled (${r.checks.ok ? 'ok' : 'MISMATCH'}).`,
  );
  return lines.join('\n');
}

module.exports = { name: 'interactions-autorecord', run, markdown, server };
