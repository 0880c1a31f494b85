/**
 * Bulk regeneration of the duplicate search (admin API + background worker), the re-index queue fed by
 * company → person propagation, and (PostgreSQL) trigram-similar names as candidates.
 */
import path from 'path';
import request from 'supertest';
import type * as Pacing from '../../src/plugins/marketing-setup/server/src/utils/pacing';
import { startStrapi, apiToken, isPostgres, type TestApp } from '../helpers/strapi';
import { API, adminClient, docs, http, standardNumbering, createOk } from '../helpers/fixtures';

let app: TestApp;
let api: ReturnType<typeof http>;
let admin: ReturnType<typeof http>;
let editor: ReturnType<typeof http>;
const SEARCH_SETUP = 'plugin::marketing-setup.duplicate-search-setup';
const CONTACT = 'plugin::marketing-setup.contact';
const PAIR = 'plugin::marketing-setup.contact-duplicate';
const STRINGS = 'ms_contact_search_strings';
const KEYS = 'ms_contact_blocking_keys';
const JOB = 'ms_duplicate_regeneration';
const QUEUE = 'ms_contact_reindex_queue';
const REGENERATE = '/marketing-setup/duplicates/regenerate';

const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));
const regeneration = () => app.strapi.plugin('marketing-setup').service('duplicate-regeneration');
const db = () => app.strapi.db.connection;

beforeAll(async () => {
  app = await startStrapi();
  api = http(app.strapi, await apiToken(app.strapi));
  await standardNumbering(app.strapi);
  // The worker's timer paused: each test runs the background work itself (`work()`), at the point it chooses.
  app.strapi.config.set('plugin::marketing-setup.duplicateWorkerIntervalMs', 0);
  admin = await adminClient(app.strapi, 'admin@example.com', 'strapi-super-admin');
  editor = await adminClient(app.strapi, 'editor@example.com', 'strapi-editor');
});
afterAll(async () => app?.stop());

const create = async (data: Record<string, any>) => (await createOk(api, 'contacts', data)).data;
const idOf = async (documentId: string) =>
  (await app.strapi.db.query(CONTACT).findOne({ where: { documentId }, select: ['id'] })).id;
const stringsOf = async (documentId: string) =>
  db()(STRINGS)
    .where('contact_id', await idOf(documentId))
    .select('field', 'part', 'value')
    .orderBy(['field', 'part']);
const keysOf = async (documentId: string) =>
  (
    await db()(KEYS)
      .where('contact_id', await idOf(documentId))
      .select('key')
  )
    .map((r: any) => r.key)
    .sort();
const pairsOf = async (documentId: string, includeSeparate = false) => {
  const res = await api.get(
    `${API}/contacts/${documentId}/duplicates${includeSeparate ? '?includeSeparate=true' : ''}`,
  );
  expect(res.status).toBe(200);
  return res.body.data;
};
const setLines = async (lines: { field: string; part: string; length: number }[]) => {
  for (const l of await docs(app.strapi, SEARCH_SETUP).findMany({}))
    await docs(app.strapi, SEARCH_SETUP).delete({ documentId: l.documentId });
  for (const l of lines) await docs(app.strapi, SEARCH_SETUP).create({ data: l });
};
const contactCount = async () => Number((await db()('ms_contacts').count({ n: '*' }))[0].n);
const regenerate = async () => {
  const res = await admin.post(REGENERATE);
  expect(res.status).toBe(202);
  await regeneration().work();
  return res.body.data;
};

describe('bulk regeneration after the search lines change', () => {
  let logistiek: any;
  let logistics: any;

  beforeAll(async () => {
    logistiek = await create({
      type: 'company',
      name: 'Vandenberghe Logistiek',
      address: 'Kerkstraat 1',
      city: 'Kortrijk',
      postCode: '8500',
    });
    logistics = await create({
      type: 'company',
      name: 'Vandenberghe Logistics',
      address: 'Stationsstraat 99',
      city: 'Kortrijk',
      postCode: '8500',
    });
  });

  test('with the 16 default lines the two Vandenberghe companies have 8 strings and share 5 (10 needed): no pair', async () => {
    expect(await stringsOf(logistiek.documentId)).toHaveLength(8);
    expect(await pairsOf(logistiek.documentId)).toEqual([]);
  });

  test('4 lines Name/City: the lines change leaves stale strings; regeneration rebuilds them and finds the pair (3 of 4, 60 % → 3)', async () => {
    await setLines([
      { field: 'name', part: 'first', length: 5 },
      { field: 'name', part: 'last', length: 5 },
      { field: 'city', part: 'first', length: 5 },
      { field: 'city', part: 'last', length: 5 },
    ]);
    // Deleting the old lines took their strings; the new lines' strings do not exist until regenerated.
    expect(await stringsOf(logistiek.documentId)).toEqual([]);

    const total = await contactCount();
    const started = await regenerate();
    expect(started).toMatchObject({ state: 'running', processed: 0, total, finishedAt: null, error: null });
    expect(Date.parse(started.startedAt)).not.toBeNaN();

    const status = (await admin.get(REGENERATE)).body.data;
    expect(status).toMatchObject({ state: 'done', processed: total, total, error: null, startedAt: started.startedAt });
    expect(Date.parse(status.finishedAt)).toBeGreaterThanOrEqual(Date.parse(status.startedAt));

    expect(await stringsOf(logistiek.documentId)).toEqual([
      { field: 'city', part: 'first', value: 'KORTR' },
      { field: 'city', part: 'last', value: 'TRIJK' },
      { field: 'name', part: 'first', value: 'VANDE' },
      { field: 'name', part: 'last', value: 'STIEK' },
    ]);
    const [pair] = await pairsOf(logistics.documentId);
    expect(pair).toMatchObject({
      documentId: logistiek.documentId,
      name: 'Vandenberghe Logistiek',
      matchingStrings: 3,
      hitPercent: 75,
      rules: ['searchStrings'],
    });
    // One row for the pair, whichever side the job reached first.
    expect(await pairsOf(logistiek.documentId)).toEqual([
      expect.objectContaining({ documentId: logistics.documentId, pairDocumentId: pair.pairDocumentId }),
    ]);
  });

  test('a pair marked separate stays separate (and is not reported) through a regeneration', async () => {
    const [pair] = await pairsOf(logistics.documentId);
    await docs(app.strapi, PAIR).update({ documentId: pair.pairDocumentId, data: { separateContacts: true } });
    await regenerate();
    expect(await pairsOf(logistics.documentId)).toEqual([]);
    expect(await pairsOf(logistics.documentId, true)).toEqual([
      expect.objectContaining({
        pairDocumentId: pair.pairDocumentId,
        documentId: logistiek.documentId,
        separateContacts: true,
      }),
    ]);
  });

  test('starting while a regeneration runs returns the running one (200) and starts nothing new', async () => {
    await db()(JOB).update({
      state: 'running',
      processed: 1,
      total: 5,
      last_id: 0,
      started_at: '2026-01-01T00:00:00.000Z',
      finished_at: null,
    });
    const res = await admin.post(REGENERATE);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      state: 'running',
      processed: 1,
      total: 5,
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    await regeneration().work();
    expect((await admin.get(REGENERATE)).body.data.state).toBe('done');
  });

  test('a regeneration stopped half-way continues after the last contact it did', async () => {
    const ids: number[] = (await db()('ms_contacts').select('id').orderBy('id')).map((r: any) => Number(r.id));
    const half = Math.floor(ids.length / 2);
    // State as an instance that died after its batch through ids[half - 1] left it; all strings gone since.
    await db()(STRINGS).delete();
    await db()(JOB).update({
      state: 'running',
      processed: half,
      total: ids.length,
      last_id: ids[half - 1],
      heartbeat_at: '2026-01-01T00:00:00.000Z',
      error: null,
    });
    await regeneration().work();
    const status = await regeneration().status();
    expect(status).toMatchObject({ state: 'done', processed: ids.length, total: ids.length });
    const indexed = new Set((await db()(STRINGS).distinct('contact_id')).map((r: any) => Number(r.contact_id)));
    expect(ids.slice(0, half).filter((id) => indexed.has(id))).toEqual([]); // done before the stop: not redone
    expect(indexed.has(ids[ids.length - 1])).toBe(true);
    expect(indexed.has(await idOf(logistics.documentId))).toBe(ids.indexOf(await idOf(logistics.documentId)) >= half);
  });

  test('only admins with the settings actions may start or read it', async () => {
    expect((await editor.post(REGENERATE)).status).toBe(403);
    expect((await editor.get(REGENERATE)).status).toBe(403);
    expect((await request(app.strapi.server.httpServer).get(REGENERATE)).status).toBe(401);
    expect((await admin.get(REGENERATE)).status).toBe(200);
  });

  afterAll(async () => {
    await setLines(
      ['name', 'address', 'city', 'phoneNo', 'vatRegistrationNo', 'postCode', 'email', 'mobilePhoneNo'].flatMap(
        (field) => ['first', 'last'].map((part) => ({ field, part, length: 5 })),
      ),
    );
    await regenerate();
  });
});

describe('re-index queue: company → person propagation', () => {
  test('a company moving town: its persons are queued in the same write, and re-indexed (and paired) by the worker', async () => {
    const company = await create({
      type: 'company',
      name: 'Brouwerij Het Anker',
      address: 'Guido Gezellelaan 49',
      city: 'Mechelen',
      postCode: '2800',
    });
    const person = await create({
      type: 'person',
      firstName: 'Griet',
      surname: 'Wouters',
      company: company.documentId,
    });
    // The same woman entered on her own, already in the new town at the new address.
    const twin = await create({
      type: 'person',
      firstName: 'Griet',
      surname: 'Wouters',
      address: 'Mechelsesteenweg 7',
      city: 'Lier',
      postCode: '2500',
    });
    expect(await keysOf(person.documentId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pn:.*:mechelen$/)]),
    );

    const res = await api.put(`${API}/contacts/${company.documentId}`, {
      data: { address: 'Mechelsesteenweg 7', city: 'Lier', postCode: '2500', phoneNo: '03 480 00 00' },
    });
    expect(res.status).toBe(200);
    const personId = await idOf(person.documentId);
    // Two field groups changed (address block, phone): still one queue row per person.
    expect((await db()(QUEUE).select('contact_id')).map((r: any) => Number(r.contact_id))).toEqual([personId]);
    expect((await docs(app.strapi, CONTACT).findOne({ documentId: person.documentId })).city).toBe('Lier');
    // Propagation itself does not re-index: still the old town's keys, no pair yet.
    expect((await keysOf(person.documentId)).some((k) => k.endsWith(':lier'))).toBe(false);
    expect(await pairsOf(person.documentId)).toEqual([]);

    await regeneration().work();
    expect(await db()(QUEUE).count({ n: '*' })).toEqual([{ n: isPostgres() ? '0' : 0 }]);
    const keys = await keysOf(person.documentId);
    expect(keys).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pn:.*:lier$/), expect.stringMatching(/^pn:.*:2500$/)]),
    );
    expect(keys.some((k) => k.endsWith(':mechelen') || k.endsWith(':2800'))).toBe(false);
    expect(await pairsOf(person.documentId)).toEqual([
      expect.objectContaining({ documentId: twin.documentId, rules: ['fuzzy'] }),
    ]);
  });

  (isPostgres() ? test : test.skip)(
    'a queued person held by a company update: the worker skips it instead of waiting (no deadlock), and takes it on the next batch',
    async () => {
      // Found by the benchmark: the worker deleted a queued person's row and then waited for the person's lock,
      // held by a company update that was about to queue the person again and so waited for the worker. PostgreSQL
      // broke the deadlock by failing one side: a 500 for the user, or a failed regeneration.
      const company = await create({
        type: 'company',
        name: 'Drukkerij Vanden Broele',
        address: 'Lieven Bauwensstraat 1',
        city: 'Brugge',
        postCode: '8200',
      });
      const person = await create({
        type: 'person',
        firstName: 'Lotte',
        surname: 'Broele',
        company: company.documentId,
      });
      const personId = await idOf(person.documentId);
      await regeneration().work();
      await db()(QUEUE).insert({ contact_id: personId });
      const errors: string[] = [];
      const logError = app.strapi.log.error;
      app.strapi.log.error = ((msg: string) => {
        errors.push(String(msg));
      }) as any;
      const update = await db().transaction(); // what a company update does: lock its persons, then queue them
      try {
        await update('ms_contacts').where('id', personId).update({ city: 'Gent', post_code: '9000' });
        const worker = regeneration().work();
        await new Promise((r) => setTimeout(r, 300));
        await update.raw(`INSERT INTO ${QUEUE} (contact_id) VALUES (?) ON CONFLICT (contact_id) DO NOTHING`, [
          personId,
        ]);
        await update.commit();
        await worker;
      } finally {
        app.strapi.log.error = logError;
        if (!update.isCompleted()) await update.rollback();
      }
      expect(errors).toEqual([]);
      expect(await regeneration().queued()).toBe(1); // skipped while held, still queued
      await regeneration().work();
      expect(await regeneration().queued()).toBe(0);
      expect(await keysOf(person.documentId)).toEqual(expect.arrayContaining([expect.stringMatching(/:gent$/)]));
    },
  );

  test('after a company move the queue drains to fresh pairs: new ones at the new address, none left at the old one, the same as a regeneration finds', async () => {
    const oldAddress = { address: 'Vismarkt 3', city: 'Oudenaarde', postCode: '9700' };
    const newAddress = { address: 'Markt 12', city: 'Ronse', postCode: '9600' };
    const company = await create({ type: 'company', name: 'Textiel Vanderhaeghe', ...oldAddress });
    const names = [
      ['Wouter', 'Claeys'],
      ['Hanne', 'Lippens'],
      ['Joris', 'Seynaeve'],
      ['Elise', 'Taelman'],
    ];
    const persons = [];
    for (const [firstName, surname] of names)
      persons.push(await create({ type: 'person', firstName, surname, company: company.documentId }));
    // The same people entered on their own: two at the old address, two at the new one.
    const oldTwins = [];
    for (const [firstName, surname] of names.slice(0, 2))
      oldTwins.push(await create({ type: 'person', firstName, surname, ...oldAddress }));
    const newTwins = [];
    for (const [firstName, surname] of names.slice(2))
      newTwins.push(await create({ type: 'person', firstName, surname, ...newAddress }));
    await regeneration().work();
    const pairedWith = async (p: any) => (await pairsOf(p.documentId)).map((d: any) => d.documentId);
    expect(await pairedWith(persons[0])).toEqual([oldTwins[0].documentId]);
    expect(await pairedWith(persons[2])).toEqual([]);

    const res = await api.put(`${API}/contacts/${company.documentId}`, { data: newAddress });
    expect(res.status).toBe(200);
    expect(await regeneration().queued()).toBe(names.length);
    await regeneration().work();
    expect(await regeneration().queued()).toBe(0);
    for (const [k, p] of persons.entries())
      expect(await pairedWith(p)).toEqual(k < 2 ? [] : [newTwins[k - 2].documentId]);

    // What the queue stored is what a full regeneration (one transaction per batch) finds: same pairs, same figures.
    const figures = async () => {
      const out: Record<string, unknown>[] = [];
      for (const p of [...persons, ...oldTwins, ...newTwins])
        for (const d of await pairsOf(p.documentId))
          out.push({
            of: p.documentId,
            with: d.documentId,
            ...pick(d, ['matchingStrings', 'hitPercent', 'fuzzyScore', 'rules']),
          });
      return out;
    };
    const drained = await figures();
    await regenerate();
    expect(await figures()).toEqual(drained);
  });

  test('a batch larger than one lock slice (250 persons, slices of 100): every person re-indexed, twins in the first and last slice paired', async () => {
    const oldAddress = { address: 'Grote Markt 1', city: 'Tienen', postCode: '3300' };
    const newAddress = { address: 'Stationsstraat 40', city: 'Landen', postCode: '3400' };
    const company = await create({ type: 'company', name: 'Suikerfabriek Tiense', ...oldAddress });
    const first = ['Arne', 'Bram', 'Cas', 'Dirk', 'Emma', 'Fien', 'Gust', 'Hanne', 'Ilse', 'Jef'];
    const last = [
      'Aerts',
      'Bogaerts',
      'Cuypers',
      'Dewulf',
      'Engels',
      'Geerts',
      'Hendrickx',
      'Jacobs',
      'Lenaerts',
      'Mertens',
      'Nijs',
      'Op de Beeck',
      'Peeters',
      'Renders',
      'Smets',
      'Thijs',
      'Uyttendaele',
      'Verbeeck',
      'Wouters',
      'Yildiz',
      'Zegers',
      'Bosmans',
      'Claes',
      'Daems',
      'Eyckmans',
    ];
    const persons: { documentId: string; name: [string, string] }[] = [];
    for (let k = 0; k < 250; k += 1) {
      const name: [string, string] = [first[k % first.length], last[Math.floor(k / first.length)]];
      const created = await docs(app.strapi, CONTACT).create({
        data: { type: 'person', firstName: name[0], surname: name[1], company: company.documentId },
      });
      persons.push({ documentId: created.documentId, name });
    }
    const twinOf = async (k: number) =>
      create({ type: 'person', firstName: persons[k].name[0], surname: persons[k].name[1], ...newAddress });
    const [early, late] = [await twinOf(3), await twinOf(247)];
    await regeneration().work();

    expect((await api.put(`${API}/contacts/${company.documentId}`, { data: newAddress })).status).toBe(200);
    expect(await regeneration().queued()).toBe(250);
    await regeneration().work();
    expect(await regeneration().queued()).toBe(0);
    const paired = async (k: number) => (await pairsOf(persons[k].documentId)).map((d: any) => d.documentId);
    // (Colleagues of one first name and a like surname at one address may pair too: "Dirk Aerts" / "Dirk Geerts".)
    expect(await paired(3)).toContain(early.documentId);
    expect(await paired(247)).toContain(late.documentId);
    expect(await paired(150)).not.toEqual(expect.arrayContaining([early.documentId]));
    expect(await paired(150)).not.toEqual(expect.arrayContaining([late.documentId]));
    const stale = await db()(KEYS)
      .whereIn(
        'contact_id',
        db()('ms_contacts')
          .select('id')
          .whereIn(
            'document_id',
            persons.map((p) => p.documentId),
          ),
      )
      .andWhere((q: any) => q.where('key', 'like', '%:tienen').orWhere('key', 'like', '%:3300'))
      .count({ n: '*' });
    expect(Number(stale[0].n)).toBe(0);
  }, 120_000);

  test("a person written between the worker's scoring and its write: its own rows stand, the stale verdicts are not stored, it stays queued and is redone", async () => {
    const search = require(
      path.resolve(__dirname, '../../dist/src/plugins/marketing-setup/server/src/duplicate-search/search'),
    );
    const company = await create({
      type: 'company',
      name: 'Zeepziederij Dewitte',
      address: 'Leiestraat 4',
      city: 'Menen',
      postCode: '8930',
    });
    const person = await create({
      type: 'person',
      firstName: 'Dries',
      surname: 'Dewitte',
      company: company.documentId,
    });
    const move = { address: 'Ieperstraat 20', city: 'Wervik', postCode: '8940' };
    const own = { address: 'Kouter 8', city: 'Gent', postCode: '9000' };
    const twinAtMove = await create({ type: 'person', firstName: 'Dries', surname: 'Dewitte', ...move });
    const twinAtOwn = await create({ type: 'person', firstName: 'Dries', surname: 'Dewitte', ...own });
    await regeneration().work();
    expect(await api.put(`${API}/contacts/${company.documentId}`, { data: move })).toMatchObject({ status: 200 });
    expect(await regeneration().queued()).toBe(1);

    const real = search.scoreBatch;
    const spy = jest.spyOn(search, 'scoreBatch').mockImplementation(async (...args: any[]) => {
      const scored = await real(...args);
      // The person is written (its own address) after the worker scored it against its company's new address.
      await docs(app.strapi, CONTACT).update({ documentId: person.documentId, data: own });
      return scored;
    });
    let calls = 0;
    try {
      await regeneration().work();
    } finally {
      calls = spy.mock.calls.length;
      spy.mockRestore();
    }
    expect(calls).toBe(1);
    // The write's own index rows and pair stand; the worker's verdict (a pair with the twin at Wervik) was not stored.
    const keys = await keysOf(person.documentId);
    expect(keys).toEqual(expect.arrayContaining([expect.stringMatching(/^pn:.*:gent$/)]));
    expect(keys.some((k) => k.endsWith(':wervik') || k.endsWith(':8940'))).toBe(false);
    expect((await pairsOf(person.documentId)).map((d: any) => d.documentId)).toEqual([twinAtOwn.documentId]);
    expect(await regeneration().queued()).toBe(1);

    await regeneration().work();
    expect(await regeneration().queued()).toBe(0);
    expect((await pairsOf(person.documentId)).map((d: any) => d.documentId)).toEqual([twinAtOwn.documentId]);
    expect((await pairsOf(twinAtMove.documentId)).map((d: any) => d.documentId)).toEqual([]);
  });

  test('writes go first: while this process serves a write request the worker starts no slice; it drains once the write ends', async () => {
    // The app's own copy of the module (the compiled plugin the test app loaded): the counter the server middleware
    // `writePriority` keeps for every POST / PUT / PATCH / DELETE it serves.
    const pacing = require(
      path.join(app.strapi.dirs.dist.src, 'plugins/marketing-setup/server/src/utils/pacing'),
    ) as typeof Pacing;
    const company = await create({
      type: 'company',
      name: 'Kaasmakerij De Graal',
      city: 'Herentals',
      postCode: '2200',
    });
    await create({ type: 'person', firstName: 'Wannes', surname: 'Geerts', company: company.documentId });
    await regeneration().work();
    const res = await api.put(`${API}/contacts/${company.documentId}`, { data: { city: 'Geel', postCode: '2440' } });
    expect(res.status).toBe(200);
    expect(await regeneration().queued()).toBe(1);
    pacing.writeStarted(); // a write request in flight (its handler still running)
    let released = false;
    try {
      const worker = regeneration().work();
      await new Promise((r) => setTimeout(r, 200));
      expect(await regeneration().queued()).toBe(1); // not started: waiting for the write
      pacing.writeEnded();
      released = true;
      await worker;
    } finally {
      if (!released) pacing.writeEnded();
    }
    expect(await regeneration().queued()).toBe(0);
  });

  test('a change the search does not read (salesperson) queues nobody', async () => {
    const sp = await docs(app.strapi, 'plugin::marketing-setup.salesperson').create({
      data: { code: 'QQ', name: 'Quinten Quaghebeur' },
    });
    const company = await create({ type: 'company', name: 'Stokerij Van Damme', city: 'Balegem' });
    await create({ type: 'person', firstName: 'Pieter', surname: 'Van Damme', company: company.documentId });
    await regeneration().work();
    const res = await api.put(`${API}/contacts/${company.documentId}`, { data: { salesperson: sp.documentId } });
    expect(res.status).toBe(200);
    expect(await regeneration().queued()).toBe(0);
  });
});

describe('trigram-similar names (PostgreSQL with pg_trgm; SQLite keeps the blocking keys)', () => {
  test('"Mertens NV" and "Merstens NV" in one town: different name sounds, found through the trigram index on PostgreSQL only; at one address through the address key on both', async () => {
    const town = { city: 'Tienen', postCode: '3300' };
    const a = await create({ type: 'company', name: 'Mertens NV', address: 'Molenstraat 8', ...town });
    const b = await create({ type: 'company', name: 'Merstens NV', ...town }); // no address: no key in common (same legal form: NV vs BV would be two companies)
    if (isPostgres()) {
      expect(
        await db()('ms_contact_search_names')
          .where('contact_id', await idOf(a.documentId))
          .select('contact_type', 'city', 'initial', 'name'),
      ).toEqual([{ contact_type: 'company', city: 'tienen', initial: 'm', name: 'mertens' }]);
      expect(await pairsOf(b.documentId)).toEqual([
        expect.objectContaining({ documentId: a.documentId, rules: ['fuzzy'] }),
      ]);
    } else {
      expect(await pairsOf(b.documentId)).toEqual([]);
    }
    const c = await create({ type: 'company', name: 'Merstens NV', address: 'Molenstraat 8', ...town });
    expect((await pairsOf(c.documentId)).map((p: any) => p.documentId)).toContain(a.documentId);
  });
});
