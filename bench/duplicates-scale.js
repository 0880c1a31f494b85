'use strict';
/**
 * Duplicate search at scale (PostgreSQL): `npm run bench:scale`.
 *
 * 1. Compiles the app into .tmp/scale-dist and boots Strapi in this process on a throwaway PostgreSQL
 *    database (ms_bench_scale_*, dropped at the end; BENCH_KEEP_DB=true keeps it).
 * 2. Bulk-loads contacts with set-based SQL (generate_series over pools of Belgian first names,
 *    surnames, company words, streets and towns, skewed so that common names and big towns repeat):
 *    the contacts and their index rows — search strings (the 16 default lines), fuzzy blocking keys and
 *    trigram names — as the plugin would have written them. The name keys (surname and first-name sound
 *    codes of every reading, company name words), trigram names, canonical towns and streets come from the
 *    plugin's own domain functions, per name the load can write (first name × surname, word × activity ×
 *    legal form) and per pool entry; a sample of contacts is then re-indexed in JavaScript and compared
 *    with what SQL wrote (the run stops on a difference). VACUUM ANALYZE after each load (autovacuum is off
 *    on this machine).
 * 3. At each size: contact creates over HTTP (API token, concurrency 1), a third of them re-entering an
 *    existing contact (a duplicate to find), the rest new: p50/p95 of the whole create (client), of the
 *    duplicate check (the plugin's afterContactWrite: index rows, candidates, scoring, pairs) and of
 *    the candidate statement alone; EXPLAIN ANALYZE of the candidate statement for three creates.
 * 4. At BENCH_SCALE_REGENERATE contacts: the full bulk regeneration (POST-equivalent service start, then
 *    the worker until done), timed.
 * Writes its section of docs/benchmarks.md (between the duplicates-scale markers; the rest is kept).
 *
 * Knobs (env): BENCH_SCALE_SIZES ("100000,1000000"), BENCH_SCALE_CREATES (300 per size, + 30 warm-up),
 * BENCH_SCALE_REGENERATE (100000; "0" = skip), BENCH_SKIP_COMPILE=true, BENCH_KEEP_DB=true,
 * BENCH_WRITE_DOCS=false, PG: BENCH_PG_HOST/PORT/USER/PASSWORD.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { execFileSync } = require('child_process');
const { Client } = require('pg');
const { PG, pgAdmin } = require('./lib/pg');
const { compileApp } = require('./lib/compile');

const env = process.env;
const appDir = path.resolve(__dirname, '..');
const DIST = path.join(appDir, '.tmp', 'scale-dist');
const SIZES = (env.BENCH_SCALE_SIZES ?? '100000,1000000').split(',').map(Number);
const CREATES = Number(env.BENCH_SCALE_CREATES ?? 300);
const WARMUP = 30;
const REGENERATE_AT = Number(env.BENCH_SCALE_REGENERATE ?? 100000);
const CONTACT = 'plugin::marketing-setup.contact';
const log = (...a) => console.error('[bench:scale]', ...a);
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const fmt = (x, d = 1) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));
const thousands = (n) => n.toLocaleString('en-US');
const plugin = (rel) => require(path.join(DIST, 'src/plugins/marketing-setup/server/src', rel));

// ---- Pools (Belgian-ish; index 0 is the most frequent: picks are skewed towards the start) ----
const { FIRST, SURNAMES } = require('./lib/names');
const WORDS = ['Vanhaelen', 'Brouwerij', 'Atelier', 'Bakkerij', 'Drukkerij', 'Garage', 'Schrijnwerkerij', 'Vleeshandel', 'Apotheek',
  'Technics', 'Solutions', 'Benelux', 'Flanders', 'Noordzee', 'Schelde', 'Kempen', 'Ardennes', 'Meuse', 'Brabant', 'Limburg', 'Nova',
  'Alfa', 'Delta', 'Sigma', 'Omega', 'Optima', 'Prima', 'Vita', 'Terra', 'Aqua', 'Flex', 'Green', 'Blue', 'Smart', 'Euro', 'Global',
  'Metaal', 'Hout', 'Steen', 'Glas', 'Beton', 'Dak', 'Vloer', 'Tuin', 'Auto', 'Fiets', 'Zorg', 'Data', 'Cloud', 'Media',
  ...SURNAMES.filter((s) => !s.includes(' ')).slice(0, 100)];
const ACTIVITY = ['Bouw', 'Logistiek', 'Consult', 'Transport', 'Immo', 'Services', 'Techniek', 'Trading', 'Invest', 'Design',
  'Electro', 'Sanitair', 'Verhuur', 'Catering', 'Events', 'Software', 'Systems', 'Projects', 'Engineering', 'Interieur', 'Renovatie',
  'Dakwerken', 'Schilderwerken', 'Grondwerken', 'Tuinaanleg', 'Verzekeringen', 'Accountancy', 'Advocaten', 'Architecten', 'Makelaars',
  'Import', 'Export', 'Distributie', 'Productie', 'Automatisatie', 'Energie', 'Recycling', 'Textiel', 'Voeding', 'Mode'];
const LEGAL = ['NV', 'BV', 'BVBA', 'SRL', 'SA', 'VOF', 'CommV'];
const CITIES = [['Antwerpen', '2000', '3'], ['Gent', '9000', '9'], ['Brussel', '1000', '2'], ['Charleroi', '6000', '71'], ['Liège', '4000', '4'],
  ['Brugge', '8000', '50'], ['Namur', '5000', '81'], ['Leuven', '3000', '16'], ['Mons', '7000', '65'], ['Aalst', '9300', '53'],
  ['Mechelen', '2800', '15'], ['La Louvière', '7100', '64'], ['Kortrijk', '8500', '56'], ['Hasselt', '3500', '11'], ['Oostende', '8400', '59'],
  ['Sint-Niklaas', '9100', '3'], ['Tournai', '7500', '69'], ['Genk', '3600', '89'], ['Seraing', '4100', '4'], ['Roeselare', '8800', '51'],
  ['Verviers', '4800', '87'], ['Mouscron', '7700', '56'], ['Beveren', '9120', '3'], ['Dendermonde', '9200', '52'], ['Beringen', '3580', '11'],
  ['Turnhout', '2300', '14'], ['Dilbeek', '1700', '2'], ['Heist-op-den-Berg', '2220', '15'], ['Sint-Truiden', '3800', '11'], ['Lokeren', '9160', '9'],
  ['Vilvoorde', '1800', '2'], ['Herstal', '4040', '4'], ['Maasmechelen', '3630', '89'], ['Geel', '2440', '14'], ['Ninove', '9400', '54'],
  ['Halle', '1500', '2'], ['Waregem', '8790', '56'], ['Ieper', '8900', '57'], ['Lier', '2500', '3'], ['Tienen', '3300', '16'],
  ['Wavre', '1300', '10'], ['Knokke-Heist', '8300', '50'], ['Mol', '2400', '14'], ['Tongeren', '3700', '12'], ['Zottegem', '9620', '9'],
  ['Eeklo', '9900', '9'], ['Menen', '8930', '56'], ['Deinze', '9800', '9'], ['Torhout', '8820', '50'], ['Diest', '3290', '13']];
const STREETS = ['Kerkstraat', 'Stationsstraat', 'Dorpstraat', 'Molenstraat', 'Nieuwstraat', 'Schoolstraat', 'Kapelstraat', 'Beekstraat',
  'Hoogstraat', 'Kasteelstraat', 'Steenweg', 'Industrieweg', 'Grote Markt', 'Rue de la Station', 'Rue de l\'Eglise', 'Avenue Louise',
  'Chaussée de Bruxelles', 'Rue Haute', 'Place Communale', 'Koningin Astridlaan', 'Leopoldlaan', 'Lindenlaan', 'Parklaan', 'Vijverstraat',
  'Veldstraat', 'Bosstraat', 'Langestraat', 'Kortestraat', 'Brugstraat', 'Meersstraat', 'Zandstraat', 'Heirbaan', 'Ringlaan',
  'Kouter', 'Vlasmarkt', 'Korenmarkt', 'Meir', 'Lange Nieuwstraat', 'Frankrijklei', 'Italiëlei', 'Bredabaan', 'Turnhoutsebaan',
  'Mechelsesteenweg', 'Brusselsesteenweg', 'Gentsesteenweg', 'Antwerpsesteenweg', 'Rijksweg', 'Provinciebaan', 'Nijverheidsstraat',
  'Ambachtenlaan', 'Zuiderlaan', 'Noorderlaan', 'Oosterweg', 'Westerring', 'Spoorweglaan', 'Havenlaan', 'Kaai', 'Dijk', 'Vaartstraat', 'Sluisweg'];
const DOMAINS = ['telenet.be', 'gmail.com', 'skynet.be', 'proximus.be', 'hotmail.com', 'outlook.com'];
/** Free-mail domains among the load's: no company-domain key (the load's companies all have their own domain). */
const FREE_MAIL = DOMAINS;

// ------------------------------------------------------------------------------------------------


async function bootStrapi(dbName) {
  Object.assign(env, {
    NODE_ENV: 'production', LOG_LEVEL: 'error', STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_DISABLE_CRON: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true', HOST: '127.0.0.1', PORT: '0',
    APP_KEYS: env.APP_KEYS ?? 'benchKeyA,benchKeyB', API_TOKEN_SALT: env.API_TOKEN_SALT ?? 'bench-api-token-salt',
    ADMIN_JWT_SECRET: env.ADMIN_JWT_SECRET ?? 'bench-admin-jwt-secret', TRANSFER_TOKEN_SALT: env.TRANSFER_TOKEN_SALT ?? 'bench-transfer-salt',
    JWT_SECRET: env.JWT_SECRET ?? 'bench-jwt-secret', ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? 'bench-encryption-key-0123456789ab',
    DATABASE_CLIENT: 'postgres', DATABASE_URL: '', DATABASE_HOST: PG.host, DATABASE_PORT: String(PG.port), DATABASE_NAME: dbName,
    DATABASE_USERNAME: PG.user, DATABASE_PASSWORD: PG.password ?? '',
  });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: DIST }).load();
  // No background work while loading and measuring creates; the regeneration part drives the worker itself.
  strapi.config.set('plugin::marketing-setup.duplicateWorkerIntervalMs', 0);
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  return strapi;
}

// ---- Instrumentation: time the duplicate check and its candidate statement inside each create ----
const timing = { check: [], candidates: [], candidateCount: [], found: [] };
let current = null; // the create being measured: { check, candidates, count }
function instrument() {
  const search = plugin('duplicate-search/search.js');
  const candidates = plugin('repositories/duplicate-candidates.js');
  const afterWrite = search.afterContactWrite;
  search.afterContactWrite = async (...args) => {
    const t = process.hrtime.bigint();
    try {
      return await afterWrite(...args);
    } finally {
      if (current) current.check += Number(process.hrtime.bigint() - t) / 1e6;
    }
  };
  const pairs = plugin('repositories/duplicate-pairs.js');
  const save = pairs.writePairs;
  pairs.writePairs = async (...args) => {
    const t = process.hrtime.bigint();
    try {
      return await save(...args);
    } finally {
      if (current) current.pairs += Number(process.hrtime.bigint() - t) / 1e6;
    }
  };
  // The check's other phases, to see where the time outside the candidate statement goes.
  const phase = (mod, name, key) => {
    const fn = mod[name];
    mod[name] = async (...args) => {
      const t = process.hrtime.bigint();
      try {
        return await fn(...args);
      } finally {
        if (current) current[key] += Number(process.hrtime.bigint() - t) / 1e6;
      }
    };
  };
  phase(plugin('repositories/duplicate-index.js'), 'replaceIndexOfMany', 'index');
  phase(plugin('repositories/duplicate-contacts.js'), 'contactsById', 'reads');
  const ids = candidates.candidateIds;
  candidates.candidateIds = async (...args) => {
    const t = process.hrtime.bigint();
    const out = await ids(...args);
    if (current) {
      current.candidates += Number(process.hrtime.bigint() - t) / 1e6;
      current.count += out.length;
    }
    return out;
  };
}

/** The candidate statement of the next create, for EXPLAIN ANALYZE. */
function captureCandidateSql(strapi) {
  return new Promise((resolve) => {
    const listener = (q) => {
      if (!/WITH mine|ms_contact_blocking_keys WHERE key IN/.test(q.sql)) return;
      strapi.db.connection.removeListener('query', listener);
      resolve({ sql: q.sql, bindings: q.bindings });
    };
    strapi.db.connection.on('query', listener);
  });
}

// ---- Bulk load ----
async function loadPools(strapi, db) {
  const D = plugin('domain/duplicates/index.js');
  const { searchNameOf } = plugin('domain/duplicates/search-name.js');
  const { parseAddress, normaliseCity } = plugin('domain/duplicates/normalise.js');
  await db.query(`CREATE TABLE bench_first (i int PRIMARY KEY, name text);
    CREATE TABLE bench_surname (i int PRIMARY KEY, name text);
    CREATE TABLE bench_word (i int PRIMARY KEY, word text);
    CREATE TABLE bench_activity (i int PRIMARY KEY, word text);
    CREATE TABLE bench_city (i int PRIMARY KEY, city text, post_code text, area text, norm text);
    CREATE TABLE bench_street (i int PRIMARY KEY, street text, canon text);
    CREATE TABLE bench_domain (i int PRIMARY KEY, domain text);
    CREATE TABLE bench_name (type text, name text, keys text[], search_name text, initial text, PRIMARY KEY (type, name));`);
  const insert = async (table, cols, rows) => {
    for (let at = 0; at < rows.length; at += 5000) {
      const chunk = rows.slice(at, at + 5000);
      const values = chunk.map((r, k) => `(${r.map((_, j) => `$${k * r.length + j + 1}`).join(', ')})`).join(', ');
      await db.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values}`, chunk.flat());
    }
  };
  await insert('bench_first', ['i', 'name'], FIRST.map((n, i) => [i, n]));
  await insert('bench_surname', ['i', 'name'], SURNAMES.map((n, i) => [i, n]));
  await insert('bench_word', ['i', 'word'], WORDS.map((w, i) => [i, w]));
  await insert('bench_activity', ['i', 'word'], ACTIVITY.map((w, i) => [i, w]));
  await insert('bench_city', ['i', 'city', 'post_code', 'area', 'norm'], CITIES.map(([c, p, a], i) => [i, c, p, a, normaliseCity(c)]));
  // The canonical street of the address keys (French street names in Dutch word order, street words spelt out).
  await insert('bench_street', ['i', 'street', 'canon'], STREETS.map((s, i) => [i, s, parseAddress(`${s} 1`).street]));
  await insert('bench_domain', ['i', 'domain'], DOMAINS.map((d, i) => [i, d]));
  // Every name the load can write (person: first name × surname; company: word × activity × legal form), with the
  // plugin's own name keys (their place left off: sound codes of the surnames and first names of every reading of a
  // person's name, of a company's significant words) and its trigram name and initial.
  const names = [];
  const nameRow = (contact) => {
    const keys = D.blockingKeys({ ...contact, city: 'Qqq' })
      .filter((k) => /^(?:pn|pf|cn):/.test(k) && k.endsWith(':qqq'))
      .map((k) => k.slice(0, -4));
    const sn = searchNameOf(contact);
    names.push([contact.type, contact.name, keys, sn.name, sn.initial]);
  };
  for (const f of FIRST) for (const s of SURNAMES) nameRow({ type: 'person', name: `${f} ${s}`, firstName: f, surname: s });
  for (const w of WORDS) for (const a of ACTIVITY) for (const l of LEGAL) nameRow({ type: 'company', name: `${w} ${a} ${l}` });
  await insert('bench_name', ['type', 'name', 'keys', 'search_name', 'initial'], names);
}

/** Contacts id from..to (inclusive) with SQL, then their index rows; ~40 % companies, 60 % persons without company. */
async function bulkLoad(db, from, to) {
  const t0 = Date.now();
  const nf = FIRST.length; const ns = SURNAMES.length; const nw = WORDS.length; const na = ACTIVITY.length; const nc = CITIES.length;
  await db.query(`INSERT INTO ms_contacts (id, document_id, no, type, name, first_name, surname, address, city, post_code, phone_no,
      mobile_phone_no, email, search_email, vat_registration_no, inheritance_overrides, business_relation, privacy_blocked,
      created_at, updated_at, published_at)
    SELECT g, 'scale' || lpad(g::text, 19, '0'), 'SC' || lpad(g::text, 8, '0'), x.type,
      CASE WHEN x.type = 'person' THEN f.name || ' ' || s.name ELSE w.word || ' ' || a.word || ' ' || (ARRAY['NV','BV','BVBA','SRL','SA','VOF','CommV'])[1 + g % 7] END,
      CASE WHEN x.type = 'person' THEN f.name END, CASE WHEN x.type = 'person' THEN s.name END,
      st.street || ' ' || (1 + (g * 37) % 180), c.city, c.post_code,
      '0' || c.area || lpad(((g * 7919 + 13) % 1000000)::text, 6, '0'),
      CASE WHEN x.type = 'person' AND g % 2 = 0 THEN '04' || (70 + g % 30) || lpad(((g * 104729 + 7) % 1000000)::text, 6, '0') END,
      x.email, upper(x.email),
      CASE WHEN x.type = 'company' THEN 'BE0' || lpad(((g::bigint * 982451653) % 1000000000)::text, 9, '0') END,
      '[]', 'none', false, now(), now(), now()
    FROM generate_series($1::bigint, $2::bigint) g
    CROSS JOIN LATERAL (SELECT g AS gg, random() AS r0, floor(power(random(), 2) * ${nf})::int AS fi, floor(power(random(), 2) * ${ns})::int AS si,
      floor(power(random(), 2) * ${nw})::int AS wi, floor(random() * ${na})::int AS ai, floor(power(random(), 1.7) * ${nc})::int AS ci,
      floor(power(random(), 1.5) * ${STREETS.length})::int AS sti, floor(random() * ${DOMAINS.length})::int AS di, random() AS re) p
    JOIN bench_first f ON f.i = p.fi JOIN bench_surname s ON s.i = p.si JOIN bench_word w ON w.i = p.wi JOIN bench_activity a ON a.i = p.ai
    JOIN bench_city c ON c.i = p.ci JOIN bench_street st ON st.i = p.sti JOIN bench_domain d ON d.i = p.di
    CROSS JOIN LATERAL (SELECT CASE WHEN p.r0 < 0.4 THEN 'company' ELSE 'person' END AS type,
      CASE WHEN p.r0 < 0.4 THEN 'info@' || lower(w.word || a.word) || (g % 100) || '.be'
        ELSE lower(f.name) || '.' || lower(replace(s.name, ' ', '')) || CASE WHEN p.re < 0.7 THEN (g % 1000)::text ELSE '' END || '@' || d.domain END AS email) x`,
  [from, to]);
  await db.query(`SELECT setval(pg_get_serial_sequence('ms_contacts', 'id'), (SELECT max(id) FROM ms_contacts))`);
  const contactsMs = Date.now() - t0;
  // Search strings of the 16 default lines (MakeContIndex: characters removed, first/last 5, upper case).
  // In contact order, as the plugin writes them (one contact's rows together): without ORDER BY the planner's
  // cross join wrote each line for all contacts in turn, so one contact's 16 rows sat on as many heap pages and
  // every lead the candidate statement verified cost ~7 page reads instead of one (same for the keys below).
  await db.query(`INSERT INTO ms_contact_search_strings (contact_id, contact_type, field, part, value)
    SELECT c.id, c.type, l.field, l.part, v.value FROM ms_contacts c
    CROSS JOIN (VALUES ('name'), ('address'), ('city'), ('phoneNo'), ('vatRegistrationNo'), ('postCode'), ('email'), ('mobilePhoneNo')) f(field)
    CROSS JOIN LATERAL (SELECT regexp_replace(CASE f.field WHEN 'name' THEN c.name WHEN 'address' THEN c.address WHEN 'city' THEN c.city
      WHEN 'phoneNo' THEN c.phone_no WHEN 'vatRegistrationNo' THEN c.vat_registration_no WHEN 'postCode' THEN c.post_code
      WHEN 'email' THEN c.email ELSE c.mobile_phone_no END, $3, '', 'g') AS clean) x
    CROSS JOIN (VALUES ('first'), ('last')) p(part)
    CROSS JOIN LATERAL (SELECT f.field, p.part) l
    CROSS JOIN LATERAL (SELECT upper(CASE p.part WHEN 'first' THEN left(x.clean, 5) ELSE right(x.clean, 5) END) AS value) v
    WHERE c.id BETWEEN $1 AND $2 AND v.value <> ''
    ORDER BY c.id`, [from, to, '[ +"&/,.;:_(){}#!£$\\\\-]']);
  // Blocking keys (domain blockingKeys): name sound × place (post code, town) — persons' surnames and first names,
  // companies' name words —, address × place, last 6 phone digits, VAT, e-mail, a company's own mail domain.
  await db.query(`INSERT INTO ms_contact_blocking_keys (contact_id, key)
    SELECT DISTINCT id, key FROM (
      SELECT c.id, nk.k || ':' || pl.place AS key FROM ms_contacts c
        JOIN bench_city bc ON bc.city = c.city
        JOIN bench_name bn ON bn.type = c.type AND bn.name = c.name
        CROSS JOIN LATERAL unnest(bn.keys) nk(k)
        CROSS JOIN LATERAL (VALUES (left(c.post_code, 4)), (bc.norm)) pl(place)
        WHERE c.id BETWEEN $1 AND $2
      UNION ALL SELECT c.id, CASE c.type WHEN 'person' THEN 'p' ELSE 'c' END || 'a:' || pl.place || ':' || bs.canon || ':'
          || substring(c.address from '[0-9]+$') FROM ms_contacts c
        JOIN bench_city bc ON bc.city = c.city
        JOIN bench_street bs ON bs.street = regexp_replace(c.address, ' [0-9]+$', '')
        CROSS JOIN LATERAL (VALUES (left(c.post_code, 4)), (bc.norm)) pl(place)
        WHERE c.id BETWEEN $1 AND $2
      UNION ALL SELECT c.id, CASE c.type WHEN 'person' THEN 'p' ELSE 'c' END || 't:' || right(ltrim(ph, '0'), 6) FROM ms_contacts c
        CROSS JOIN LATERAL (VALUES (c.phone_no), (c.mobile_phone_no)) v(ph) WHERE c.id BETWEEN $1 AND $2 AND length(ltrim(ph, '0')) >= 6
      UNION ALL SELECT c.id, 'cv:' || c.vat_registration_no FROM ms_contacts c WHERE c.id BETWEEN $1 AND $2 AND c.vat_registration_no IS NOT NULL
      UNION ALL SELECT c.id, CASE c.type WHEN 'person' THEN 'p' ELSE 'c' END || 'e:' || lower(c.email) FROM ms_contacts c WHERE c.id BETWEEN $1 AND $2
      UNION ALL SELECT c.id, 'cd:' || split_part(lower(c.email), '@', 2) FROM ms_contacts c
        WHERE c.id BETWEEN $1 AND $2 AND c.type = 'company' AND split_part(lower(c.email), '@', 2) <> ALL ($3)
    ) k ORDER BY id`, [from, to, FREE_MAIL]);
  // Trigram names (domain searchNameOf): a company's significant words, a person's first name and surname; the canonical town.
  await db.query(`INSERT INTO ms_contact_search_names (contact_id, contact_type, city, initial, name)
    SELECT c.id, c.type, bc.norm, bn.initial, bn.search_name
    FROM ms_contacts c JOIN bench_city bc ON bc.city = c.city JOIN bench_name bn ON bn.type = c.type AND bn.name = c.name
    WHERE c.id BETWEEN $1 AND $2`, [from, to]);
  return { contactsMs, totalMs: Date.now() - t0 };
}

/** Re-indexes a sample in JavaScript with the plugin's domain and compares with the rows SQL wrote. */
async function verifySample(strapi, db, from, to) {
  const D = plugin('domain/duplicates/index.js');
  const { searchNameOf } = plugin('domain/duplicates/search-name.js');
  const ids = Array.from({ length: 300 }, (_, k) => from + Math.floor(((k * 7907) % 300) / 300 * (to - from + 1)) + (k % 3));
  const contacts = await strapi.db.query(CONTACT).findMany({ where: { id: { $in: ids } } });
  const problems = [];
  for (const c of contacts) {
    const strings = D.buildSearchStrings(c, D.DEFAULT_SEARCH_SETUP).map((s) => `${s.field}|${s.part}|${s.value}`).sort();
    const keys = D.blockingKeys(c).sort();
    const nm = searchNameOf(c);
    const dbStrings = (await db.query('SELECT field, part, value FROM ms_contact_search_strings WHERE contact_id = $1', [c.id])).rows.map((s) => `${s.field}|${s.part}|${s.value}`).sort();
    const dbKeys = (await db.query('SELECT key FROM ms_contact_blocking_keys WHERE contact_id = $1', [c.id])).rows.map((r) => r.key).sort();
    const dbName = (await db.query('SELECT name, city, initial FROM ms_contact_search_names WHERE contact_id = $1', [c.id])).rows[0];
    if (JSON.stringify(strings) !== JSON.stringify(dbStrings)) problems.push({ id: c.id, what: 'strings', js: strings, sql: dbStrings });
    if (JSON.stringify(keys) !== JSON.stringify(dbKeys)) problems.push({ id: c.id, what: 'keys', js: keys, sql: dbKeys });
    if (!dbName || dbName.name !== nm.name || dbName.city !== nm.city || dbName.initial !== nm.initial) problems.push({ id: c.id, what: 'name', js: nm, sql: dbName });
  }
  if (problems.length) {
    log(`${problems.length} differences between SQL-loaded and JS index rows; first:`, JSON.stringify(problems.slice(0, 3), null, 1));
    throw new Error('bulk-loaded index rows differ from the plugin\'s');
  }
  return contacts.length;
}

// ---- Measured creates ----
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const skew = (n, p = 2) => Math.floor(Math.pow(rnd(), p) * n);
function newContactBody(k) {
  const [city, postCode, area] = CITIES[skew(CITIES.length, 1.7)];
  const address = `${STREETS[skew(STREETS.length, 1.5)]} ${1 + (k % 180)}`;
  const phoneNo = `0${area}${String(100000 + ((k * 4813) % 900000))}`;
  if (rnd() < 0.4) {
    const w = WORDS[skew(WORDS.length)]; const a = ACTIVITY[skew(ACTIVITY.length, 1)];
    return { type: 'company', name: `${w} ${a} ${LEGAL[k % LEGAL.length]}`, address, city, postCode, phoneNo, email: `contact${k}@${w.toLowerCase()}.be`, vatRegistrationNo: `BE0${String(700000000 + k * 13)}` };
  }
  const f = FIRST[skew(FIRST.length)]; const s = SURNAMES[skew(SURNAMES.length)];
  return { type: 'person', firstName: f, surname: s, address, city, postCode, phoneNo, email: `${f.toLowerCase()}.${s.toLowerCase().replace(/ /g, '')}.${k}@${DOMAINS[k % DOMAINS.length]}` };
}
const REENTER_FIELDS = ['type', 'firstName', 'surname', 'address', 'city', 'postCode', 'phoneNo', 'mobilePhoneNo', 'email', 'vatRegistrationNo'];

async function createBodies(strapi, n, maxId) {
  const bodies = [];
  for (let k = 0; k < n; k += 1) {
    if (k % 3 === 0) {
      // Re-entering an existing contact (company name with a typo, person as typed before): a duplicate to find.
      const c = await strapi.db.query(CONTACT).findOne({ where: { id: 1 + Math.floor(rnd() * maxId) } });
      const body = Object.fromEntries(REENTER_FIELDS.filter((f) => c[f] != null).map((f) => [f, c[f]]));
      if (c.type === 'company') body.name = c.name.replace(/([aeiou])/, '$1$1');
      bodies.push({ body, reentered: true });
    } else bodies.push({ body: newContactBody(k + maxId), reentered: false });
  }
  return bodies;
}

function post(agent, port, token, body) {
  const payload = Buffer.from(JSON.stringify({ data: body }));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, agent, method: 'POST', path: '/api/marketing-setup/contacts',
      headers: { 'content-type': 'application/json', 'content-length': payload.length, authorization: `Bearer ${token}` } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function measureCreates(strapi, token, size, db, maxId) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const port = strapi.server.httpServer.address().port;
  const bodies = await createBodies(strapi, WARMUP + CREATES, maxId);
  const runs = [];
  const explains = [];
  for (const [k, { body, reentered }] of bodies.entries()) {
    const explain = k >= WARMUP && explains.length < 3 && k % 3 === 0 ? captureCandidateSql(strapi) : null;
    current = { check: 0, candidates: 0, count: 0, pairs: 0, index: 0, reads: 0 };
    const t = process.hrtime.bigint();
    const res = await post(agent, port, token, body);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (res.status !== 201) throw new Error(`create answered ${res.status}: ${res.body.slice(0, 300)}`);
    const found = (JSON.parse(res.body).meta?.duplicates ?? []).length;
    if (k >= WARMUP) runs.push({ ms, check: current.check, search: current.check - current.pairs, candidates: current.candidates, count: current.count, index: current.index, reads: current.reads, pairs: current.pairs, found, reentered });
    current = null;
    if (explain) {
      const captured = await explain;
      // knex reports the statement with its own placeholders on some paths: number them for pg.
      let n = 0;
      const sql = captured.sql.includes('$1') ? captured.sql : captured.sql.replace(/\?/g, () => `$${++n}`);
      const bindings = captured.bindings;
      const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, bindings)).rows.map((r) => r['QUERY PLAN']);
      explains.push({ body: `${body.type} ${body.name ?? `${body.firstName} ${body.surname}`}, ${body.city}`, plan });
    }
  }
  agent.destroy();
  const col = (k, xs = runs) => xs.map((r) => r[k]);
  const re = runs.filter((r) => r.reentered);
  return {
    size, creates: runs.length,
    create: { p50: pct(col('ms'), 50), p95: pct(col('ms'), 95), max: Math.max(...col('ms')) },
    check: { p50: pct(col('check'), 50), p95: pct(col('check'), 95), max: Math.max(...col('check')) },
    search: { p50: pct(col('search'), 50), p95: pct(col('search'), 95) },
    candidates: { p50: pct(col('candidates'), 50), p95: pct(col('candidates'), 95), max: Math.max(...col('candidates')) },
    newOnly: { check: { p50: pct(col('check', runs.filter((r) => !r.reentered)), 50), p95: pct(col('check', runs.filter((r) => !r.reentered)), 95) } },
    candidateCount: { p50: pct(col('count'), 50), p95: pct(col('count'), 95) },
    phases: Object.fromEntries(
      ['index', 'candidates', 'reads', 'pairs'].map((k) => [k, { p50: pct(col(k), 50), p95: pct(col(k), 95) }]),
    ),
    rest: { p50: pct(runs.map((r) => r.check - r.index - r.candidates - r.reads - r.pairs), 50), p95: pct(runs.map((r) => r.check - r.index - r.candidates - r.reads - r.pairs), 95) },
    reentered: { n: re.length, found: re.filter((r) => r.found > 0).length },
    newFound: runs.filter((r) => !r.reentered && r.found > 0).length,
    explains,
  };
}

async function regenerate(strapi, db) {
  const service = strapi.plugin('marketing-setup').service('duplicate-regeneration');
  const before = Number((await db.query('SELECT count(*) AS n FROM ms_contact_search_strings')).rows[0].n);
  const t = Date.now();
  const started = await service.start();
  let last = Date.now();
  const progress = setInterval(async () => {
    const s = await service.status();
    log(`regeneration: ${thousands(s.processed)} of ${thousands(s.total)} (${fmt((Date.now() - t) / 1000, 0)} s)`);
    last = Date.now();
  }, 30000);
  try {
    await service.work();
  } finally {
    clearInterval(progress);
  }
  const seconds = (Date.now() - t) / 1000;
  const status = await service.status();
  const after = Number((await db.query('SELECT count(*) AS n FROM ms_contact_search_strings')).rows[0].n);
  const pairs = Number((await db.query('SELECT count(*) AS n FROM ms_contact_duplicates')).rows[0].n);
  void last;
  return { contacts: started.total, seconds, perContactMs: (seconds * 1000) / Math.max(1, status.processed), status, stringsBefore: before, stringsAfter: after, pairs };
}

// ---- Report ----
function section(r) {
  const L = [];
  L.push('<!-- duplicates-scale:start -->');
  L.push('## Duplicate search at scale (PostgreSQL)');
  L.push('');
  L.push(`Generated by \`npm run bench:scale\` (bench/duplicates-scale.js) on ${r.finishedAt}; code: commit ${r.commit}. Re-running the command rewrites this section only.`);
  L.push('');
  L.push(`Machine: ${r.machine}. Load average ${r.loadavg.start.map((x) => x.toFixed(2)).join(' / ')} at the start, ${r.loadavg.end.map((x) => x.toFixed(2)).join(' / ')} at the end (1 / 5 / 15 min; the machine is shared).`);
  L.push('');
  L.push('Contacts bulk-loaded with set-based SQL (`generate_series` over pools of 70 first names, 150 surnames, 150 company words × 40 activities × 7 legal forms, 60 streets, 50 towns; picks skewed so that common names and big towns repeat; 40 % companies, 60 % persons), with their index rows (search strings of the 16 default lines, blocking keys, trigram names) written by SQL and checked against the plugin\'s own indexing on a sample of 300 contacts. `VACUUM ANALYZE` after each load. Then per size: ' +
    `${CREATES} contact creates over HTTP (API token, concurrency 1, after ${WARMUP} warm-up creates), one in three re-entering an existing contact (company names with a typo), the others new; Maintain + Autosearch on, 16 lines, Search Hit 60 %.`);
  L.push('');
  L.push('| contacts loaded | load (contacts / + index rows) | create p50 / p95 (ms) | **duplicate check p50 / p95 (ms)** | … without storing pairs | … of new contacts (no pair) | candidate statement p50 / p95 (ms) | candidates scored p50 / p95 | re-entered contacts found | check ≤ 10 ms p95 |');
  L.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|');
  for (const m of r.sizes) {
    L.push(`| ${thousands(m.size)} | ${fmt(m.load.contactsMs / 1000, 0)} s / ${fmt(m.load.totalMs / 1000, 0)} s | ${fmt(m.create.p50)} / ${fmt(m.create.p95)} | **${fmt(m.check.p50)} / ${fmt(m.check.p95)}** | ${fmt(m.search.p50)} / ${fmt(m.search.p95)} | ${fmt(m.newOnly.check.p50)} / ${fmt(m.newOnly.check.p95)} | ${fmt(m.candidates.p50, 2)} / ${fmt(m.candidates.p95, 2)} | ${m.candidateCount.p50} / ${m.candidateCount.p95} | ${m.reentered.found} of ${m.reentered.n} | ${m.check.p95 <= 10 ? 'yes' : 'no'} |`);
  }
  L.push('');
  L.push('"Duplicate check" = the plugin\'s `afterContactWrite` inside the create\'s transaction: the contact\'s index rows replaced, candidates fetched (one statement: rarest search strings first, uncommon blocking keys, the nearest trigram names in the same town with the same initial), each candidate scored, pairs stored. "Create" = the whole POST as the client sees it (numbering, defaults, the check, the response).');
  if (r.regeneration) {
    const g = r.regeneration;
    L.push('');
    L.push(`Full regeneration (\`POST /marketing-setup/duplicates/regenerate\`, batches of 200, one transaction each) of **${thousands(g.contacts)} contacts: ${fmt(g.seconds, 0)} s** (${fmt(g.perContactMs, 2)} ms per contact); state ${g.status.state}, processed ${thousands(g.status.processed)} of ${thousands(g.status.total)}; search-string rows ${thousands(g.stringsBefore)} before (SQL bulk load) and ${thousands(g.stringsAfter)} after (regenerated); ${thousands(g.pairs)} pairs stored.`);
  }
  for (const m of r.sizes) {
    for (const e of m.explains.slice(0, 1)) {
      L.push('');
      L.push(`EXPLAIN ANALYZE of the candidate statement at ${thousands(m.size)} contacts (re-entered ${e.body}):`);
      L.push('');
      L.push('```');
      L.push(...e.plan);
      L.push('```');
    }
  }
  L.push('');
  L.push('Command: `npm run bench:scale` (knobs in the header of bench/duplicates-scale.js; needs PostgreSQL on 127.0.0.1:5432 with pg_trgm).');
  L.push('<!-- duplicates-scale:end -->');
  return L.join('\n');
}

function writeDocs(text) {
  const file = path.join(appDir, 'docs', 'benchmarks.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- duplicates-scale:start -->[\s\S]*<!-- duplicates-scale:end -->/;
  fs.writeFileSync(file, re.test(old) ? old.replace(re, text) : `${old.trimEnd()}\n\n${text}\n`);
}

async function main() {
  const started = Date.now();
  const loadStart = os.loadavg();
  compileApp(DIST, log);
  const pgVersion = (await pgAdmin('SHOW server_version')).rows[0].server_version;
  const dbName = `ms_bench_scale_${process.pid}_${Date.now()}`;
  await pgAdmin(`CREATE DATABASE ${dbName}`);
  const db = new Client({ ...PG, database: dbName });
  let strapi;
  const result = { sizes: [], regeneration: null };
  try {
    strapi = await bootStrapi(dbName);
    await db.connect();
    await db.query('SET maintenance_work_mem = \'512MB\'');
    log(`database ${dbName}; Strapi up`);
    // Numbering and a token, as a user would set them up.
    const series = await strapi.documents('plugin::marketing-setup.no-series').create({ data: { code: 'CONT', description: 'Contacts' } });
    await strapi.documents('plugin::marketing-setup.no-series-line').create({ data: { series: series.documentId, lineNo: 10000, startingNo: 'CT000001', endingNo: 'CT999999' } });
    const setup = await strapi.documents('plugin::marketing-setup.setup').findFirst({});
    await strapi.documents('plugin::marketing-setup.setup').update({ documentId: setup.documentId, data: { contactNos: series.documentId } });
    const token = (await strapi.service('admin::api-token').create({ name: 'bench-scale', type: 'full-access', lifespan: null })).accessKey;
    instrument();
    await loadPools(strapi, db);
    for (const size of [...SIZES].sort((a, b) => a - b)) {
      // Up to `size` contacts in all: after the ids already taken (bulk loads and measured creates).
      const { max, n } = (await db.query('SELECT coalesce(max(id), 0) AS max, count(*) AS n FROM ms_contacts')).rows[0];
      const from = Number(max) + 1;
      const to = Number(max) + size - Number(n);
      log(`loading contacts ${thousands(from)}..${thousands(to)} …`);
      // The index tables' secondary indexes are rebuilt after the load (much faster than row by row).
      await db.query('DROP INDEX IF EXISTS ms_contact_search_strings_value_idx, ms_contact_search_strings_line_idx, ms_contact_blocking_keys_key_idx, ms_contact_search_names_town_trgm_idx');
      const t0 = Date.now();
      const load = await bulkLoad(db, from, to);
      await db.query(`CREATE INDEX ms_contact_search_strings_value_idx ON ms_contact_search_strings (value, field, part, contact_type);
        CREATE INDEX ms_contact_search_strings_line_idx ON ms_contact_search_strings (field, part);
        CREATE INDEX ms_contact_blocking_keys_key_idx ON ms_contact_blocking_keys (key);
        CREATE INDEX ms_contact_search_names_town_trgm_idx ON ms_contact_search_names USING gist (city, contact_type, initial, name gist_trgm_ops);`);
      await db.query('VACUUM ANALYZE');
      load.totalMs = Date.now() - t0;
      log(`loaded in ${fmt(load.totalMs / 1000, 0)} s (+ indexes, VACUUM ANALYZE); verifying a sample …`);
      await verifySample(strapi, db, from, to);
      log(`measuring ${CREATES} creates at ${thousands(size)} contacts …`);
      const m = await measureCreates(strapi, token, size, db, to);
      m.load = load;
      result.sizes.push(m);
      log(`${thousands(size)}: create p50/p95 ${fmt(m.create.p50)}/${fmt(m.create.p95)} ms; check ${fmt(m.check.p50)}/${fmt(m.check.p95)} ms; candidates ${fmt(m.candidates.p50, 2)}/${fmt(m.candidates.p95, 2)} ms; re-entered found ${m.reentered.found}/${m.reentered.n}`);
      log(`phases p50/p95 (ms): ${Object.entries({ ...m.phases, rest: m.rest }).map(([k, v]) => `${k} ${fmt(v.p50, 2)}/${fmt(v.p95, 2)}`).join(', ')}`);
      if (size === REGENERATE_AT) {
        log(`full regeneration of ${thousands(size)} contacts …`);
        result.regeneration = await regenerate(strapi, db);
        await db.query('VACUUM ANALYZE');
        log(`regeneration: ${fmt(result.regeneration.seconds, 0)} s, ${result.regeneration.status.state}`);
      }
    }
  } finally {
    if (strapi) await strapi.destroy().catch(() => {});
    await db.end().catch(() => {});
    if (env.BENCH_KEEP_DB === 'true') log(`database ${dbName} kept (BENCH_KEEP_DB)`);
    else {
      await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      log(`database ${dbName} dropped`);
    }
  }
  const cpus = os.cpus();
  Object.assign(result, {
    finishedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: appDir, encoding: 'utf8' }).trim(),
    machine: `${cpus.length} cores (${cpus[0]?.model?.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}; Node ${process.version}; PostgreSQL ${pgVersion}; Strapi ${require('@strapi/strapi/package.json').version}; client, Strapi and PostgreSQL on the same machine`,
    loadavg: { start: loadStart, end: os.loadavg() },
    totalSeconds: (Date.now() - started) / 1000,
  });
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', `scale-${result.finishedAt.replace(/:/g, '-')}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const text = section(result);
  console.log(text);
  if (env.BENCH_WRITE_DOCS !== 'false') {
    writeDocs(text);
    log('docs/benchmarks.md: duplicates-scale section written');
  }
  log(`total ${fmt(result.totalSeconds, 0)} s`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
