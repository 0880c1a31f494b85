/**
 * Text lengths are characters (code points), as PostgreSQL's varchar counts them. "𝔘" and emoji are two UTF-16 code
 * units each, and the plugin's checks (and Strapi's own validation, which counts units) took a name of 100 of them
 * for 200 characters: refused, or — a name part taken from a name — cut to 15. A value of exactly the maximum length
 * in characters is stored whole, on SQLite and on PostgreSQL (run with TEST_DB=postgres); one more is refused.
 */
import { dist, API, UID, adminClient, docs, useTestApp, type http } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
let admin: ReturnType<typeof http>;
const U = '\u{1D518}'; // 𝔘
const SMILE = '\u{1F600}';
const chars = (s: string | null | undefined) => Array.from(s ?? '').length;

/** The row as the database holds it (not through Strapi). */
const row = (documentId: string) => t.strapi.db.connection('ms_contacts').where({ document_id: documentId }).first();

beforeAll(async () => {
  admin = await adminClient(t.strapi, 'lengths@example.com', 'strapi-super-admin');
});

describe('a contact through REST', () => {
  test('every field at its maximum in astral characters is stored whole', async () => {
    const data = {
      type: 'company',
      name: U.repeat(100), // maxLength 100
      name2: SMILE.repeat(50), // 50
      city: U.repeat(30), // 30
      homePage: U.repeat(255), // 255, the varchar(255) column itself
    };
    const res = await t.api.post(`${API}/contacts`, { data });
    expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
    const stored = await row(res.body.data.documentId);
    expect([stored.name, stored.name_2, stored.city, stored.home_page]).toEqual([
      data.name,
      data.name2,
      data.city,
      data.homePage,
    ]);
    expect([chars(stored.name), chars(stored.home_page)]).toEqual([100, 255]);
  });

  test('one character more is refused, counted in characters', async () => {
    const before = await t.strapi.db.query(UID.contact).count({});
    const cases: [Record<string, unknown>, string][] = [
      [{ name: U.repeat(101) }, 'Name is too long: at most 100 characters (101 given).'],
      [{ name: 'X', city: SMILE.repeat(31) }, 'City is too long: at most 30 characters (31 given).'],
      [{ name: 'X', homePage: U.repeat(256) }, 'Home Page is too long: at most 255 characters (256 given).'],
    ];
    for (const [data, message] of cases) {
      const res = await t.api.post(`${API}/contacts`, { data: { type: 'company', ...data } });
      expect([res.status, res.body.error?.message]).toEqual([400, message]);
    }
    expect(await t.strapi.db.query(UID.contact).count({})).toBe(before);
  });

  test("a person's name parts: 30 astral letters fit a part whole (they were cut to 15)", async () => {
    const res = await t.api.post(`${API}/contacts`, { data: { type: 'person', name: `${U.repeat(30)} Peeters` } });
    expect(res.status).toBe(201);
    expect(res.body.meta?.warnings ?? []).toEqual([]);
    const stored = await row(res.body.data.documentId);
    expect([stored.first_name, stored.surname]).toEqual([U.repeat(30), 'Peeters']);
    // 31 are shortened to 30 whole letters, never half of one.
    const cut = await t.api.post(`${API}/contacts`, { data: { type: 'person', name: `${SMILE.repeat(31)} Peeters` } });
    expect(cut.status).toBe(201);
    expect((await row(cut.body.data.documentId)).first_name).toBe(SMILE.repeat(30));
    expect(cut.body.meta.warnings).toEqual([
      `First Name was shortened to 30 characters: "${SMILE.repeat(31)}" is stored as "${SMILE.repeat(30)}" (the name keeps it whole).`,
    ]);
  });
});

test('the Content Manager saves a name of 100 astral characters', async () => {
  const created = await t.api.post(`${API}/contacts`, { data: { type: 'company', name: 'Short' } });
  const res = await admin.put(`/content-manager/collection-types/${UID.contact}/${created.body.data.documentId}`, {
    name: SMILE.repeat(100),
  });
  expect([res.status, res.body.data?.name]).toEqual([200, SMILE.repeat(100)]);
  expect((await row(created.body.data.documentId)).name).toBe(SMILE.repeat(100));
});

test('the number series screen: a Description of 100 and a Code of 20 astral characters', async () => {
  const res = await admin.post('/marketing-setup/no-series', { code: U.repeat(20), description: U.repeat(100) });
  expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
  const stored = await docs(t.strapi, UID.noSeries).findOne({ documentId: res.body.data.documentId });
  expect([stored.code, stored.description]).toEqual([U.repeat(20), U.repeat(100)]);
  const over = await admin.post('/marketing-setup/no-series', { code: 'LEN2', description: U.repeat(101) });
  expect([over.status, over.body.error?.message]).toEqual([400, 'Use at most 100 characters.']);
});

test('an interaction logged by hand: a Description of 100 astral characters', async () => {
  const contact = (await t.api.post(`${API}/contacts`, { data: { type: 'company', name: 'Logged NV' } })).body.data;
  const group = await docs(t.strapi, 'plugin::marketing-setup.interaction-group').create({ data: { code: 'LEN' } });
  await docs(t.strapi, 'plugin::marketing-setup.interaction-template').create({
    data: { code: 'LENCALL', description: 'Call', interactionGroup: group.documentId },
  });
  const res = await t.api.post(`${API}/interactions`, {
    contact: contact.documentId,
    template: 'LENCALL',
    description: SMILE.repeat(100),
  });
  expect([res.status, res.body.data?.description]).toEqual([201, SMILE.repeat(100)]);
  const over = await t.api.post(`${API}/interactions`, {
    contact: contact.documentId,
    template: 'LENCALL',
    description: SMILE.repeat(101),
  });
  expect([over.status, over.body.error?.message]).toEqual([400, 'description is at most 100 characters.']);
});

test('an import (set-based insert) stores a name of 100 astral characters whole', async () => {
  const { createImportJob, driveImport } = require(dist('jobs/contact-import'));
  const name = `${SMILE.repeat(99)}I`;
  const csv = `Name;City\n${name};${SMILE.repeat(30)}\n`;
  const id = await createImportJob(t.strapi, { csv, mapping: { Name: 'name', City: 'city' } });
  const status = await driveImport(t.strapi, id);
  expect(status).toMatchObject({ state: 'done', created: 1, failed: 0 });
  const stored = await t.strapi.db.connection('ms_contacts').where({ name }).first();
  expect([chars(stored?.name), stored?.city]).toEqual([100, SMILE.repeat(30)]);
});
