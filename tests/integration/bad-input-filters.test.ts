/**
 * Bad input the tester found (December 2026): filter shapes Strapi's query engine cannot read were a 500 on every
 * plugin list and findOne route and on the Content Manager's list; DELETE of an unknown record a 204; wrong value
 * types in a propagation preview, an unknown salutation language and an unknown business relation answered as if
 * nothing were wrong (or with no field path). Each answer here is what a user sees: status and message.
 */
import { API, adminClient, createOk, docs, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true, masterData: true });
const MISSING = 'unknownid000000000000000';

/** The plugin's content types as Strapi registered them, with their REST collection (or single) route. */
const pluginTypes = () =>
  Object.values(t.strapi.contentTypes as Record<string, any>)
    .filter((ct) => ct.uid.startsWith('plugin::marketing-setup.'))
    .map((ct) => ({
      uid: ct.uid as string,
      kind: ct.kind as 'collectionType' | 'singleType',
      route: `${API}/${ct.kind === 'collectionType' ? ct.info.pluralName : ct.info.singularName}`,
    }));

/** The two filter shapes of the report, with the 400 a user gets for each. */
const BAD_FILTERS = [
  {
    query: 'filters[$or][0][$and]=x',
    path: ['query', 'filters', '$or', '0', '$and'],
    message: 'filters.$or.0.$and must be a list of conditions (filters[$and][0][field]=value), not a text.',
  },
  {
    query: 'filters[id][$gt][$lt]=1',
    path: ['query', 'filters', 'id', '$gt'],
    message: 'filters.id.$gt must be a single value, not an object.',
  },
];

const answer = (res: { status: number; body: any }) => ({
  status: res.status,
  message: res.body?.error?.message,
  path: res.body?.error?.details?.errors?.[0]?.path,
});

let company: any;
beforeAll(async () => {
  company = (await createOk(t.api, 'contacts', { type: 'company', name: 'Filter Test NV', city: 'Gent' })).data;
  await createOk(t.api, 'contacts', { type: 'person', name: 'Piet Filter', company: company.documentId });
});

describe('a filter of a shape Strapi cannot read is a 400 in plain words, not a 500', () => {
  test('on every plugin REST list and findOne route', async () => {
    const types = pluginTypes();
    expect(types.length).toBeGreaterThanOrEqual(26);
    const seen: Record<string, unknown>[] = [];
    for (const { route, kind } of types)
      for (const bad of BAD_FILTERS)
        for (const url of kind === 'collectionType' ? [route, `${route}/${MISSING}`] : [route]) {
          const res = await t.api.get(`${url}?${bad.query}`);
          seen.push({ url, ...answer(res) });
          expect({ url, ...answer(res) }).toEqual({ url, status: 400, message: bad.message, path: bad.path });
        }
    expect(seen.length).toBeGreaterThan(100);
  });

  test('a Content Manager create or update sent a list instead of a record: 400, nothing written', async () => {
    const admin = await adminClient(t.strapi, 'list-body-cm@example.com', 'strapi-super-admin');
    const before = await t.strapi.db.query('plugin::marketing-setup.contact').count({});
    const res = await admin.post('/content-manager/collection-types/plugin::marketing-setup.contact', [1, 2, 3]);
    expect([res.status, res.body.error?.message]).toEqual([400, 'Send the record as a JSON object, not a list.']);
    expect(await t.strapi.db.query('plugin::marketing-setup.contact').count({})).toBe(before);
  });

  test('on the Content Manager list route of every plugin collection type', async () => {
    const admin = await adminClient(t.strapi, 'filters-cm@example.com', 'strapi-super-admin');
    for (const { uid, kind } of pluginTypes().filter((ct) => ct.kind === 'collectionType'))
      for (const bad of BAD_FILTERS) {
        const url = `/content-manager/collection-types/${uid}?page=1&pageSize=10&${bad.query}`;
        const res = await admin.get(url);
        expect({ url, kind, ...answer(res) }).toEqual({ url, kind, status: 400, message: bad.message, path: bad.path });
      }
    // The list view's own filters still work.
    const ok = await admin.get(
      `/content-manager/collection-types/plugin::marketing-setup.contact?page=1&pageSize=10&filters[$and][0][city][$eq]=Gent`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.results.map((c: any) => c.name).sort()).toEqual(['Filter Test NV', 'Piet Filter']);
  });

  test('the export answers the same readable 400, and never SQL', async () => {
    const admin = await adminClient(t.strapi, 'filters-export@example.com', 'strapi-super-admin');
    const get = await admin.get(`/marketing-setup/contacts/export?filters[id][$gt][$lt]=1`);
    expect(answer(get)).toEqual({ status: 400, message: BAD_FILTERS[1].message, path: BAD_FILTERS[1].path });
    expect(JSON.stringify(get.body)).not.toMatch(/select|`t0`/i);
    const post = await admin.post('/marketing-setup/contacts/export/count', { filters: { id: { $gt: { $lt: 1 } } } });
    expect(answer(post)).toEqual({
      status: 400,
      message: 'filters.id.$gt must be a single value, not an object.',
      path: ['filters', 'id', '$gt'],
    });
    expect(JSON.stringify(post.body)).not.toMatch(/select|`t0`/i);
  });

  test('well-formed filters still answer as before', async () => {
    const res = await t.api.get(
      `${API}/contacts?filters[id][$gt]=0&filters[$or][0][city][$eq]=Gent&filters[$or][1][name][$containsi]=piet&filters[id][$in][0]=${company.id}&filters[id][$in][1]=999999&filters[company][name][$eq]=Filter Test NV`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: any) => c.name)).toEqual(['Filter Test NV']);
    const between = await t.api.get(`${API}/contacts?filters[id][$between][0]=0&filters[id][$between][1]=999999`);
    expect({ status: between.status, n: between.body.data.length }).toEqual({ status: 200, n: 2 });
    const isNull = await t.api.get(`${API}/contacts?filters[email][$null]=true&filters[type][$eq]=person`);
    expect({ status: isNull.status, names: isNull.body.data.map((c: any) => c.name) }).toEqual({
      status: 200,
      names: ['Piet Filter'],
    });
    const notNull = await t.api.get(`${API}/contacts?filters[email][$notNull]=true`);
    expect({ status: notNull.status, n: notNull.body.data.length }).toEqual({ status: 200, n: 0 });
  });
});

describe('a filter on id with a value its integer column cannot hold is a 400 naming the filter (PostgreSQL: was 500)', () => {
  const msg = (filter: string, shown: string) =>
    `${filter} must be a whole number from 1 to 2147483647; "${shown}" is not one.`;
  /** The tester's requests (December 2026), each with what a user now gets. */
  const CASES: [string, string[], string][] = [
    ['contacts?filters[id][$eq]=abc', ['filters', 'id', '$eq'], msg('filters[id][$eq]', 'abc')],
    ['contacts?filters[id]=abc', ['filters', 'id'], msg('filters[id]', 'abc')],
    ['contacts?filters[id][$in][0]=abc', ['filters', 'id', '$in', '0'], msg('filters[id][$in][0]', 'abc')],
    [
      'contacts?filters[id][$eq]=99999999999999999999',
      ['filters', 'id', '$eq'],
      msg('filters[id][$eq]', '99999999999999999999'),
    ],
    ['contacts?filters[id][$gt]=2147483648', ['filters', 'id', '$gt'], msg('filters[id][$gt]', '2147483648')],
    ['contacts?filters[id][$eq]=1.5', ['filters', 'id', '$eq'], msg('filters[id][$eq]', '1.5')],
    [
      'contacts?filters[company][id][$eq]=1e400',
      ['filters', 'company', 'id', '$eq'],
      msg('filters[company][id][$eq]', '1e400'),
    ],
    [
      'contacts?filters[salesperson][id][$in][0]=x',
      ['filters', 'salesperson', 'id', '$in', '0'],
      msg('filters[salesperson][id][$in][0]', 'x'),
    ],
    [
      'opportunities?filters[contact][id][$eq]=x',
      ['filters', 'contact', 'id', '$eq'],
      msg('filters[contact][id][$eq]', 'x'),
    ],
  ];

  test.each(CASES)('GET %s', async (url, path, message) => {
    expect(answer(await t.api.get(`${API}/${url}`))).toEqual({ status: 400, message, path: ['query', ...path] });
  });

  test('on the list and findOne route of every plugin type, and on the Content Manager list of each', async () => {
    const admin = await adminClient(t.strapi, 'id-filters-cm@example.com', 'strapi-super-admin');
    const expected = {
      status: 400,
      message: msg('filters[$and][0][id][$eq]', 'abc'),
      path: ['query', 'filters', '$and', '0', 'id', '$eq'],
    };
    for (const { route, kind, uid } of pluginTypes()) {
      for (const url of kind === 'collectionType' ? [route, `${route}/${MISSING}`] : [route]) {
        const res = await t.api.get(`${url}?filters[$and][0][id][$eq]=abc`);
        expect({ url, ...answer(res) }).toEqual({ url, ...expected });
      }
      if (kind !== 'collectionType') continue;
      const cm = `/content-manager/collection-types/${uid}?page=1&pageSize=10&filters[$and][0][id][$eq]=abc`;
      expect({ cm, ...answer(await admin.get(cm)) }).toEqual({ cm, ...expected });
    }
  });

  test('the export refuses it too; ids that fit still filter (0 and the highest id match nothing)', async () => {
    const admin = await adminClient(t.strapi, 'id-filters-export@example.com', 'strapi-super-admin');
    const post = await admin.post('/marketing-setup/contacts/export/count', { filters: { id: { $eq: 'abc' } } });
    expect(answer(post)).toEqual({
      status: 400,
      message: msg('filters[id][$eq]', 'abc'),
      path: ['filters', 'id', '$eq'],
    });
    const ok = await t.api.get(`${API}/contacts?filters[id][$eq]=${company.id}&filters[id][$ne]=2147483647`);
    expect({ status: ok.status, names: ok.body.data.map((c: any) => c.name) }).toEqual({
      status: 200,
      names: ['Filter Test NV'],
    });
    const none = await t.api.get(`${API}/contacts?filters[id][$eq]=0`);
    expect({ status: none.status, n: none.body.data.length }).toEqual({ status: 200, n: 0 });
  });
});

describe('DELETE of an unknown record is a 404', () => {
  test('on every plugin REST collection type', async () => {
    const routes = t.strapi.plugin('marketing-setup').routes as Record<string, { routes: any[] }>;
    const deletable = new Set(
      Object.values(routes)
        .flatMap((r) => r.routes)
        .filter((r) => r.method === 'DELETE' && r.path.endsWith('/:id'))
        .map((r) => r.path.replace(/\/:id$/, '')),
    );
    const types = pluginTypes().filter(
      (ct) => ct.kind === 'collectionType' && deletable.has(ct.route.slice(API.length)),
    );
    expect(types.length).toBeGreaterThanOrEqual(20);
    for (const { route, uid } of types) {
      const res = await t.api.del(`${route}/${MISSING}`);
      expect({ route, ...answer(res) }).toEqual({
        route,
        status: 404,
        message: `No ${t.strapi.contentType(uid as any).info.displayName} with documentId ${MISSING}.`,
        path: undefined,
      });
    }
  });

  test('/0 and /-1 too; a record that exists is still deleted with a 204', async () => {
    for (const id of ['0', '-1']) expect((await t.api.del(`${API}/contacts/${id}`)).status).toBe(404);
    const gone = (await createOk(t.api, 'territories', { code: 'GONE', name: 'Gone' })).data;
    expect((await t.api.del(`${API}/territories/${gone.documentId}`)).status).toBe(204);
    expect((await t.api.del(`${API}/territories/${gone.documentId}`)).status).toBe(404);
    expect((await t.api.get(`${API}/territories/${gone.documentId}`)).status).toBe(404);
  });
});

describe('smaller: wrong types, unknown codes and field paths', () => {
  test('propagation preview refuses a value of the wrong type as the update does', async () => {
    const url = `${API}/contacts/${company.documentId}/propagation-preview`;
    const preview = await t.api.post(url, { data: { city: ['a'] } });
    const update = await t.api.put(`${API}/contacts/${company.documentId}`, { data: { city: ['a'] } });
    expect(answer(preview)).toEqual({ status: 400, message: 'city must be a string, not a list.', path: ['city'] });
    expect(answer(update)).toEqual(answer(preview));
    const ok = await t.api.post(url, { data: { city: 'Brugge' } });
    expect({ status: ok.status, names: ok.body.data.map((p: any) => p.name) }).toEqual({
      status: 200,
      names: ['Piet Filter'],
    });
  });

  test('a salutation in a language no one set up is a 400 naming the code', async () => {
    const sal = await docs(t.strapi, 'plugin::marketing-setup.salutation').create({ data: { code: 'FLT' } });
    await docs(t.strapi, 'plugin::marketing-setup.salutation-formula').create({
      data: { salutation: sal.documentId, salutationType: 'formal', text: 'Dear %1,', name1: 'firstName' },
    });
    const jo = (await createOk(t.api, 'contacts', { type: 'person', name: 'Jo Salut', salutation: sal.documentId }))
      .data;
    const res = await t.api.get(`${API}/contacts/${jo.documentId}/salutation?type=formal&language=ZZZ`);
    expect(answer(res)).toEqual({ status: 400, message: 'There is no language with code "ZZZ".', path: ['language'] });
    const enu = await t.api.get(`${API}/contacts/${jo.documentId}/salutation?type=formal&language=ENU`);
    expect({ status: enu.status, salutation: enu.body.data?.salutation }).toEqual({
      status: 200,
      salutation: 'Dear Jo,',
    });
  });

  test('a lone surrogate is a 400 naming the field; zero-width characters are removed from a name', async () => {
    const before = await t.strapi.db.query('plugin::marketing-setup.contact').count({});
    const bad = await t.api.post(`${API}/contacts`, { data: { type: 'company', name: 'bad \ud800 x' } });
    expect(answer(bad)).toEqual({
      status: 400,
      message:
        'Name contains a broken character (an unpaired UTF-16 surrogate, U+D800); it cannot be stored: type the ' +
        'text again or paste it from another source.',
      path: ['name'],
    });
    expect(await t.strapi.db.query('plugin::marketing-setup.contact').count({})).toBe(before);
    const created = await createOk(t.api, 'contacts', { type: 'company', name: 'Fabri\u200bkam\u202e NV\ufeff' });
    expect(created.data.name).toBe('Fabrikam NV');
    const found = await t.api.get(`${API}/contacts?filters[name][$eq]=Fabrikam NV`);
    expect(found.body.data.map((c: any) => c.documentId)).toEqual([created.data.documentId]);
  });

  test('a contact Type set to null is refused in plain words, on REST and in the Content Manager', async () => {
    const expected = { status: 400, message: 'Type must not be empty: choose Company or Person.', path: ['type'] };
    const rest = await t.api.put(`${API}/contacts/${company.documentId}`, { data: { type: null } });
    expect(answer(rest)).toEqual(expected);
    const admin = await adminClient(t.strapi, 'type-null-cm@example.com', 'strapi-super-admin');
    const cm = await admin.put(
      `/content-manager/collection-types/plugin::marketing-setup.contact/${company.documentId}`,
      { type: null },
    );
    expect(answer(cm)).toEqual(expected);
    expect((await t.api.get(`${API}/contacts/${company.documentId}`)).body.data.type).toBe('company');
  });

  test('a body field of the wrong type is named in plain words on the REST and the admin route alike', async () => {
    const person = (
      await createOk(t.api, 'contacts', { type: 'person', name: 'Rene Reset', company: company.documentId })
    ).data;
    const admin = await adminClient(t.strapi, 'reset-types@example.com', 'strapi-super-admin');
    const urls = [
      (body: unknown) => t.api.post(`${API}/contacts/${person.documentId}/reset-inheritance`, body),
      (body: unknown) => admin.post(`/marketing-setup/contacts/${person.documentId}/reset-inheritance`, body),
    ];
    for (const send of urls) {
      expect(answer(await send({ fields: 'phoneNo' }))).toEqual({
        status: 400,
        message: 'fields must be a list.',
        path: ['fields'],
      });
      expect(answer(await send({ fields: [1, 2] }))).toMatchObject({
        status: 400,
        message: 'fields must be a list of texts.',
      });
    }
  });

  test("an unknown businessRelation of a contact business relation names the field's path", async () => {
    const res = await t.api.post(`${API}/contact-business-relations`, {
      data: { contact: company.documentId, businessRelation: MISSING },
    });
    expect(answer(res)).toEqual({
      status: 400,
      message: `The businessRelation given (documentId "${MISSING}") does not exist.`,
      path: ['businessRelation'],
    });
  });
});
