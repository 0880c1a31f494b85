'use strict';
/**
 * Bench part "auto-recording" (issue 7 item 4), registered in bench/run.js: document creates/s of a host
 * content type (POST /api/sales-quotes, customer set) with its auto-record rule enabled (each create also
 * records an interaction entry, in the same transaction) vs the same rule disabled (each create still
 * looks its rules up: one indexed query), at the concurrencies of the bench, in alternating chunks.
 * Then the SQL statements per create of both sides (the rule lookup and the recording), and a check that
 * every quote answered 201 exists and that exactly the creates with the rule enabled got an entry.
 *
 * Knobs (env): BENCH_AUTORECORD_REQUESTS (300 per side per round), BENCH_AUTORECORD_PROFILE_REQUESTS (50).
 */
const http = require('http');

const REQUESTS = Number(process.env.BENCH_AUTORECORD_REQUESTS ?? 300);
const PROFILE_REQUESTS = Number(process.env.BENCH_AUTORECORD_PROFILE_REQUESTS ?? 50);
const QUOTE_UID = 'api::sales-quote.sales-quote';
const QUOTES = '/api/sales-quotes';
const MS = '/api/marketing-setup';
const SIDES = { rule: 'with rule', none: 'without rule' };
const TARGET = 0.9;

/**
 * ctx (from bench/run.js): { server, request, batch, median, fmt, log, analyze, ROUNDS, CONCURRENCY, CHUNKS }.
 * Runs after the other parts and their checks: its fixtures (a customer and its contact) touch no figure of theirs.
 */
async function run(ctx) {
  const { server, request, batch, median, log, analyze, ROUNDS, CONCURRENCY, CHUNKS } = ctx;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = async (method, path, body) => {
    const res = await request(method, agent, server.port, server.token, path, body ?? {});
    if (res.status >= 300) throw new Error(`auto-recording fixture ${method} ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body || '{}');
  };
  const create = async (path, data) => (await call('POST', path, { data })).data;

  // Fixtures: a customer (created directly: it gets a company contact of its own, linked through the
  // business relation), a template set up for sales quotes.
  const relation = await create(`${MS}/business-relations`, { code: 'BENCHCUST', description: 'Bench customers' });
  await call('PUT', `${MS}/setup`, { data: { busRelCodeForCustomers: relation.documentId } });
  const customer = await create(`${MS}/customers`, { no: 'BC00001', name: 'Auto-record Bench NV' });
  const group = await create(`${MS}/interaction-groups`, { code: 'BENCH', description: 'Bench' });
  const template = await create(`${MS}/interaction-templates`, {
    code: 'B_QUOTE', description: 'Sales quote', interactionGroup: group.documentId, unitCost: 2.5, unitDurationMin: 5, informationFlow: 'outbound', initiatedBy: 'us',
  });
  await call('PUT', `${MS}/interaction-template-setup`, { data: { salesQuotes: template.documentId } });
  const [rule] = (await call('GET', `${MS}/interaction-rules?filters[contentType][$eq]=${encodeURIComponent(QUOTE_UID)}`)).data;
  if (!rule) throw new Error('auto-recording: the default rule of sales quotes is missing (src/demo/default-rules.ts)');
  const useRule = (enabled) => call('PUT', `${MS}/interaction-rules/${rule.documentId}`, { data: { enabled } });

  let seq = 0;
  const quoteBody = () => {
    seq += 1;
    return { data: { number: `BQ${String(seq).padStart(6, '0')}`, customer: customer.documentId, description: `Bench quote ${seq}`, amount: 100 + (seq % 900) } };
  };
  const created = { rule: 0, none: 0 };
  const side = async (name, c, n) => {
    await useRule(name === 'rule');
    const b = await batch(server, QUOTES, c, n, quoteBody);
    created[name] += b.ok;
    if (b.failures.length) throw new Error(`auto-recording: ${b.failures.length} failed creates (${SIDES[name]}, c=${c}); first: ${b.failures[0]}`);
    return b;
  };

  for (const c of CONCURRENCY) for (const name of Object.keys(SIDES)) await side(name, c, Math.min(100, REQUESTS)); // warm-up
  const raw = {};
  for (let round = 1; round <= ROUNDS; round += 1) {
    await analyze();
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
      log(`round ${round} auto-recording c=${c}: with rule ${ctx.fmt(w.rate)}/s, without ${ctx.fmt(wo.rate)}/s, ratio ${ctx.fmt(w.rate / wo.rate, 2)}`);
    }
  }
  const result = { requests: REQUESTS, profileRequests: PROFILE_REQUESTS, concurrency: {}, profile: {} };
  for (const c of CONCURRENCY) {
    const sum = (name) => ({ rounds: raw[c][name].map((x) => x.rate), median: median(raw[c][name].map((x) => x.rate)), p50: median(raw[c][name].map((x) => x.p50)) });
    const [withRule, without] = [sum('rule'), sum('none')];
    result.concurrency[c] = { rule: withRule, none: without, ratio: withRule.median / without.median, roundRatios: withRule.rounds.map((x, i) => x / without.rounds[i]) };
  }

  // SQL statements per create, each side alone at concurrency 1.
  await analyze();
  for (const name of Object.keys(SIDES)) {
    await useRule(name === 'rule');
    await server.call('profile', { on: true });
    const b = await batch(server, QUOTES, 1, PROFILE_REQUESTS, quoteBody);
    created[name] += b.ok;
    const p = await server.call('profile', { on: false });
    result.profile[name] = p[QUOTES] ?? null;
  }
  await useRule(true);

  // Checks: every 201 is a quote; exactly the creates with the rule enabled have an entry (one each).
  const total = async (path) => (await call('GET', `${path}${path.includes('?') ? '&' : '?'}pagination[pageSize]=1`)).meta.pagination.total;
  result.checks = {
    quotes: await total(QUOTES),
    quotes201: created.rule + created.none,
    entries: await total(`${MS}/interaction-log-entries?filters[sourceUid][$eq]=${encodeURIComponent(QUOTE_UID)}`),
    creates201WithRule: created.rule,
  };
  result.checks.ok = result.checks.quotes === result.checks.quotes201 && result.checks.entries === result.checks.creates201WithRule;
  agent.destroy();
  if (!result.checks.ok) log('auto-recording: row counts do not match the 201 answers', JSON.stringify(result.checks));
  return result;
}

/** The statements one side sends that the other does not (by statement shape), per create. */
function extraStatements(a, b) {
  if (!a || !b) return [];
  return Object.entries(a.statements)
    .map(([sql, s]) => ({ sql, n: s.n / a.requests - (b.statements[sql]?.n ?? 0) / b.requests, ms: s.ms / a.requests }))
    .filter((x) => x.n > 0.01)
    .sort((x, y) => y.ms - x.ms);
}

function table(r, fmt) {
  const lines = [
    `| concurrency | with rule (creates/s) | without rule (creates/s) | ratio (target ≥ ${TARGET}) | per-round ratios | p50 latency with / without (ms) |`,
    '|---:|---:|---:|---:|---|---:|',
  ];
  for (const [c, x] of Object.entries(r.concurrency)) {
    lines.push(`| ${c} | ${fmt(x.rule.median)} | ${fmt(x.none.median)} | **${fmt(x.ratio, 2)}** | ${x.roundRatios.map((v) => fmt(v, 2)).join(', ')} | ${fmt(x.rule.p50, 1)} / ${fmt(x.none.p50, 1)} |`);
  }
  lines.push('');
  lines.push(`| SQL profile (concurrency 1, ${r.profileRequests} creates) | statements / create, in the request | … after the response | SQL wall time / create (ms) | server time / create (ms) |`);
  lines.push('|---|---:|---:|---:|---:|');
  for (const [name, p] of Object.entries(r.profile)) {
    if (!p) continue;
    const per = (x, d = 1) => fmt(x / p.requests, d);
    lines.push(`| ${SIDES[name]} | ${per(p.queries)} | ${per(p.queriesAfter)} | ${per(p.sqlBusyMs, 2)} | ${per(p.serverMs, 2)} |`);
  }
  return lines.join('\n');
}

function markdown(r, fmt) {
  if (!r) return '';
  const extra = extraStatements(r.profile.rule, r.profile.none);
  const list = extra.map((x) => `| ${fmt(x.n, 2)} | ${fmt(x.ms, 2)} | \`${(x.sql.length > 150 ? `${x.sql.slice(0, 147)}…` : x.sql).replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
  const lookup = r.profile.none && Object.entries(r.profile.none.statements).find(([sql]) => sql.includes('ms_interaction_rules'));
  return `### Auto-recording: sales-quote creates/s with vs without an auto-record rule

Command: \`npm run bench\` (this part: bench/interactions-autorecord.js; \`BENCH_AUTORECORD_REQUESTS\`, default 300 per side per round).
\`POST /api/sales-quotes\` (a host-app content type, customer set) with the default rule of sales quotes enabled (each
create also records an interaction entry for the customer's contact, template B_QUOTE, in the same transaction) vs the same
rule disabled (each create still reads the type's enabled rules: one indexed query, no cache). Both sides alternate in
chunks within each round; medians of the rounds.

${table(r, fmt)}

Rule lookup on every create of a host type (also without any rule): ${lookup ? `${fmt(lookup[1].n / r.profile.none.requests, 2)} statement, ${fmt(lookup[1].ms / r.profile.none.requests, 3)} ms per create` : 'not seen'}.
What the rule adds per create (statements sent with the rule enabled and not without; per create, ms):

| per create | ms | statement |
|---:|---:|---|
${list.join('\n')}

Checks: ${r.checks.quotes} quotes for ${r.checks.quotes201} answers 201, ${r.checks.entries} entries for ${r.checks.creates201WithRule} creates with the rule enabled (${r.checks.ok ? 'ok' : 'MISMATCH'}).
`;
}

module.exports = { name: 'autoRecord', run, table, markdown };
