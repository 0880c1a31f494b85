/**
 * All-or-nothing writes: a failure anywhere inside a write (after the number was drawn, or in the
 * middle of a propagation to 10,000 persons) leaves the database as it was. On PostgreSQL, real
 * parallel HTTP requests get distinct, gapless numbers.
 */
import { startStrapi, apiToken, isPostgres, type TestApp } from '../helpers/strapi';
import { API, docs, http, standardNumbering, UID } from '../helpers/fixtures';

let app: TestApp;
let api: ReturnType<typeof http>;
let cont: Awaited<ReturnType<typeof standardNumbering>>['cont'];

beforeAll(async () => {
  app = await startStrapi();
  api = http(app.strapi, await apiToken(app.strapi));
  ({ cont } = await standardNumbering(app.strapi));
});
afterAll(async () => app?.stop());

const knex = () => app.strapi.db.connection;
const lastNoUsed = async () =>
  (await docs(app.strapi, UID.noSeriesLine).findFirst({ filters: { series: { documentId: cont.series.documentId } } }))
    .lastNoUsed;
const nos = async () =>
  (await knex()('ms_contacts').select('no').whereNotNull('no').orderBy('no')).map((r: any) => r.no);

test('a write that fails after its number was drawn rolls the number back: no gap, no orphan row', async () => {
  const ok = await api.post(`${API}/contacts`, { data: { name: 'Before' } });
  expect(ok.body.data.no).toBe('CT000001');
  const tooLong = await api.post(`${API}/contacts`, { data: { name: 'x'.repeat(101) } }); // refused by Strapi inside the write
  expect(tooLong.status).toBe(400);
  expect(await lastNoUsed()).toBe('CT000001');
  expect((await api.post(`${API}/contacts`, { data: { name: 'After' } })).body.data.no).toBe('CT000002');
});

(isPostgres() ? test : test.skip)(
  '200 parallel creates over HTTP get 200 distinct numbers without a gap, also with one failing request among them',
  async () => {
    const start = (await nos()).length;
    const requests = Array.from({ length: 200 }, (_, i) =>
      api.post(`${API}/contacts`, { data: { name: i === 100 ? 'y'.repeat(101) : `Parallel ${i}` } }),
    );
    const responses = await Promise.all(requests);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(199);
    expect(responses[100].status).toBe(400);
    const all = await nos();
    expect(all).toHaveLength(start + 199);
    expect(new Set(all).size).toBe(all.length);
    const expected = Array.from({ length: all.length }, (_, i) => `CT${String(i + 1).padStart(6, '0')}`);
    expect(all).toEqual(expected); // gapless: CT000001 .. CT000201
    expect(await lastNoUsed()).toBe(expected[expected.length - 1]);
  },
);

test('a company update propagated to 10,000 persons commits all or nothing', async () => {
  const company = (
    await api.post(`${API}/contacts`, { data: { type: 'company', name: 'Big NV', city: 'Gent', postCode: '9000' } })
  ).body.data;
  const companyRow = await knex()('ms_contacts').where({ document_id: company.documentId }).first('id');
  // Bulk-load 10,000 persons of the company (a fixture, not the behaviour under test).
  const now = new Date();
  const persons = Array.from({ length: 10000 }, (_, i) => ({
    document_id: `bulkperson${String(i).padStart(14, '0')}`,
    type: 'person',
    name: `Person ${i}`,
    city: 'Gent',
    post_code: '9000',
    company_name: 'Big NV',
    inheritance_overrides: JSON.stringify([]),
    created_at: now,
    updated_at: now,
    published_at: now,
  }));
  await knex().batchInsert('ms_contacts', persons, 500);
  const ids = await knex()('ms_contacts').where('document_id', 'like', 'bulkperson%').pluck('id');
  const jt = app.strapi.db.metadata.get(UID.contact as any).attributes.company as any;
  await knex().batchInsert(
    jt.joinTable.name,
    ids.map((id: number) => ({
      [jt.joinTable.joinColumn.name]: id,
      [jt.joinTable.inverseJoinColumn.name]: companyRow.id,
    })),
    500,
  );

  // Injected failure: the database refuses the 10,000th person's new city, in the middle of the statement.
  const last = ids[ids.length - 1];
  const trigger = isPostgres()
    ? [
        `CREATE FUNCTION ms_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER ms_fail BEFORE UPDATE ON ms_contacts FOR EACH ROW WHEN (NEW.id = ${last} AND NEW.city = 'Brugge') EXECUTE FUNCTION ms_fail()`,
      ]
    : [
        `CREATE TRIGGER ms_fail BEFORE UPDATE ON ms_contacts WHEN NEW.id = ${last} AND NEW.city = 'Brugge' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      ];
  for (const sql of trigger) await knex().raw(sql);
  const failed = await docs(app.strapi, UID.contact)
    .update({ documentId: company.documentId, data: { city: 'Brugge', postCode: '8000' } })
    .then(
      (r: any) => r,
      (e: any) => e,
    );
  expect(String(failed)).toMatch(/injected failure/);
  expect(
    await knex()('ms_contacts').whereIn('id', ids).where({ city: 'Gent', post_code: '9000' }).count({ n: '*' }),
  ).toEqual([{ n: isPostgres() ? '10000' : 10000 }]);
  expect((await docs(app.strapi, UID.contact).findOne({ documentId: company.documentId })).city).toBe('Gent');

  await knex().raw('DROP TRIGGER ms_fail' + (isPostgres() ? ' ON ms_contacts' : ''));
  const res = await api.put(`${API}/contacts/${company.documentId}`, { data: { city: 'Brugge', postCode: '8000' } });
  expect(res.status).toBe(200);
  expect(
    await knex()('ms_contacts').whereIn('id', ids).where({ city: 'Brugge', post_code: '8000' }).count({ n: '*' }),
  ).toEqual([{ n: isPostgres() ? '10000' : 10000 }]);
});
