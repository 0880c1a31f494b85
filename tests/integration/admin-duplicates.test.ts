/**
 * Admin API of the duplicates review (admin JWT + RBAC): open pairs, "not a duplicate", a contact's pairs
 * for the side panel, and the search-string lines editor whose writes go through the write rules.
 */
import request from 'supertest';
import { startStrapi, apiToken, type TestApp } from '../helpers/strapi';
import { API, adminClient, docs, http, standardNumbering, createOk } from '../helpers/fixtures';

let app: TestApp;
let api: ReturnType<typeof http>;
let admin: ReturnType<typeof http>;
let editor: ReturnType<typeof http>;
const SEARCH_SETUP = 'plugin::marketing-setup.duplicate-search-setup';

beforeAll(async () => {
  app = await startStrapi();
  api = http(app.strapi, await apiToken(app.strapi));
  await standardNumbering(app.strapi);
  admin = await adminClient(app.strapi, 'admin@example.com', 'strapi-super-admin');
  editor = await adminClient(app.strapi, 'editor@example.com', 'strapi-editor');
});
afterAll(async () => app?.stop());

const create = async (data: Record<string, any>) => (await createOk(api, 'contacts', data)).data;
const TWIN = {
  type: 'company',
  address: 'Kerkstraat 1',
  postCode: '9000',
  city: 'Gent',
  phoneNo: '09 111 11 11',
  email: 'info@fabrikam.be',
};

describe('open pairs', () => {
  let fabrikam: any;
  let fabrikkam: any;
  let contoso: any;
  let contoso2: any;

  beforeAll(async () => {
    fabrikam = await create({ ...TWIN, name: 'Fabrikam NV' });
    fabrikkam = await create({ ...TWIN, name: 'Fabrikkam N.V.' });
    contoso = await create({
      type: 'company',
      name: 'Contoso BV',
      address: 'Stationsstraat 5',
      postCode: '2000',
      city: 'Antwerpen',
      vatRegistrationNo: 'BE0999888777',
    });
    contoso2 = await create({
      type: 'company',
      name: 'Contoso BV',
      address: 'Stationsstraat 5',
      postCode: '2000',
      city: 'Antwerpen',
      vatRegistrationNo: 'BE0999888777',
    });
  });

  test('lists each open pair once, newest first, with both contacts, the rules and the breakdown', async () => {
    const res = await admin.get('/marketing-setup/duplicates?page=1&pageSize=10');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 2 });
    const [newest, older] = res.body.data;
    expect(newest.contact).toEqual({
      documentId: contoso2.documentId,
      no: contoso2.no,
      name: 'Contoso BV',
      type: 'company',
      city: 'Antwerpen',
    });
    expect(newest.duplicateContact.documentId).toBe(contoso.documentId);
    expect(older.contact.name).toBe('Fabrikkam N.V.');
    expect(older.duplicateContact).toMatchObject({
      documentId: fabrikam.documentId,
      no: fabrikam.no,
      name: 'Fabrikam NV',
    });
    expect(older.rules).toContain('fuzzy');
    expect(older.fuzzyScore).toBeGreaterThan(0.9);
    expect(older.breakdown.find((b: any) => b.field === 'name')).toMatchObject({ values: ['fabrikkam', 'fabrikam'] });
    expect(typeof older.pairDocumentId).toBe('string');
  });

  test('pages: pageSize 1, page 2 is the older pair', async () => {
    const res = await admin.get('/marketing-setup/duplicates?page=2&pageSize=1');
    expect(res.body.meta.pagination).toEqual({ page: 2, pageSize: 1, pageCount: 2, total: 2 });
    expect(res.body.data.map((p: any) => p.contact.name)).toEqual(['Fabrikkam N.V.']);
    const bad = await admin.get('/marketing-setup/duplicates?pageSize=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/pageSize is at most 100/);
    // A page number past any list (it was served as page 1, labelled 1e20).
    const far = await admin.get('/marketing-setup/duplicates?page=99999999999999999999');
    expect([far.status, far.body.error.message]).toEqual([400, 'page is at most 1000000.']);
    const merges = await admin.get('/marketing-setup/merge-logs?page=99999999999999999999');
    expect([merges.status, merges.body.error.message]).toEqual([400, 'page is at most 1000000.']);
    // One message, not "2 errors occurred", for a page that is no number a list has (1e400 is Infinity).
    const infinite = await admin.get('/marketing-setup/duplicates?page=1e400');
    expect([infinite.status, infinite.body.error.message]).toEqual([400, 'page is at most 1000000.']);
    const half = await admin.get('/marketing-setup/duplicates?page=1.5');
    expect([half.status, half.body.error.message]).toEqual([400, 'page must be a whole number.']);
  });

  test('?contact= keeps the pairs of that contact only', async () => {
    const res = await admin.get(`/marketing-setup/duplicates?contact=${fabrikam.documentId}`);
    expect(res.body.data.map((p: any) => [p.contact.name, p.duplicateContact.name])).toEqual([
      ['Fabrikkam N.V.', 'Fabrikam NV'],
    ]);
    expect(res.body.meta.pagination.total).toBe(1);
  });

  test("the side panel route lists a contact's open pairs with the other contact", async () => {
    const res = await admin.get(`/marketing-setup/contacts/${fabrikam.documentId}/duplicates`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({ documentId: fabrikkam.documentId, name: 'Fabrikkam N.V.', separateContacts: false }),
    ]);
  });

  test('"not a duplicate" marks the pair separate: it leaves the list and the panel, and stays separate', async () => {
    const list = (await admin.get('/marketing-setup/duplicates')).body.data;
    const pair = list.find((p: any) => p.contact.name === 'Contoso BV');
    const res = await admin.post(`/marketing-setup/duplicates/${pair.pairDocumentId}/separate`, {});
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ pairDocumentId: pair.pairDocumentId, separateContacts: true });
    const after = (await admin.get('/marketing-setup/duplicates')).body;
    expect(after.data.map((p: any) => p.contact.name)).toEqual(['Fabrikkam N.V.']);
    expect(after.meta.pagination.total).toBe(1);
    expect((await admin.get(`/marketing-setup/contacts/${contoso.documentId}/duplicates`)).body.data).toEqual([]);
    // Saving the contact again does not bring the pair back.
    expect(
      (await api.put(`${API}/contacts/${contoso2.documentId}`, { data: { phoneNo: '03 222 22 22' } })).status,
    ).toBe(200);
    expect((await admin.get('/marketing-setup/duplicates')).body.meta.pagination.total).toBe(1);
    const missing = await admin.post('/marketing-setup/duplicates/nope/separate', {});
    expect(missing.status).toBe(404);
  });

  test('an editor without duplicates.review gets 403, and nothing changes', async () => {
    expect((await editor.get('/marketing-setup/duplicates')).status).toBe(403);
    const [pair] = (await admin.get('/marketing-setup/duplicates')).body.data;
    expect((await editor.post(`/marketing-setup/duplicates/${pair.pairDocumentId}/separate`, {})).status).toBe(403);
    expect((await admin.get('/marketing-setup/duplicates')).body.meta.pagination.total).toBe(1);
    expect((await request(app.strapi.server.httpServer).get('/marketing-setup/duplicates')).status).toBe(401);
  });
});

describe('search-string lines', () => {
  const lines = async () => (await admin.get('/marketing-setup/duplicate-search-lines')).body;

  test('lists the 16 default lines with the fields one can choose', async () => {
    const body = await lines();
    expect(body.data).toHaveLength(16);
    expect(body.data[0]).toEqual({ documentId: expect.any(String), field: 'name', part: 'first', length: 5 });
    expect(body.meta.fields).toContainEqual({ value: 'email2', label: 'E-Mail 2' });
    expect(body.meta).toMatchObject({ lengthMin: 2, lengthMax: 10 });
  });

  test('adds, changes and deletes a line', async () => {
    const created = await admin.post('/marketing-setup/duplicate-search-lines', {
      field: 'email2',
      part: 'first',
      length: 6,
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ documentId: expect.any(String), field: 'email2', part: 'first', length: 6 });
    const { documentId } = created.body.data;
    const changed = await admin.put(`/marketing-setup/duplicate-search-lines/${documentId}`, { length: 8 });
    expect(changed.status).toBe(200);
    expect(changed.body.data.length).toBe(8);
    expect((await docs(app.strapi, SEARCH_SETUP).findOne({ documentId })).length).toBe(8);
    expect((await admin.del(`/marketing-setup/duplicate-search-lines/${documentId}`)).status).toBe(200);
    expect((await lines()).data).toHaveLength(16);
    expect((await admin.del(`/marketing-setup/duplicate-search-lines/${documentId}`)).status).toBe(404);
  });

  test("the write rules' 400s arrive with the field path, and nothing is written", async () => {
    const tooLong = await admin.post('/marketing-setup/duplicate-search-lines', {
      field: 'email2',
      part: 'first',
      length: 11,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toBe('Length for E-Mail 2 (first) must be a whole number from 2 to 10, not 11.');
    const twice = await admin.post('/marketing-setup/duplicate-search-lines', {
      field: 'name',
      part: 'first',
      length: 4,
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details.errors[0]).toMatchObject({
      path: ['field'],
      message: 'Name (first) is already in the search string setup.',
    });
    const [first] = (await lines()).data;
    const badUpdate = await admin.put(`/marketing-setup/duplicate-search-lines/${first.documentId}`, { length: 1 });
    expect(badUpdate.status).toBe(400);
    const unknown = await admin.post('/marketing-setup/duplicate-search-lines', {
      field: 'name',
      part: 'first',
      length: 4,
      extra: 1,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/cannot be set here: extra/);
    const body = await lines();
    expect(body.data).toHaveLength(16);
    expect(body.data[0]).toMatchObject({ field: 'name', part: 'first', length: 5 });
  });

  test('an editor may neither read nor change the lines', async () => {
    expect((await editor.get('/marketing-setup/duplicate-search-lines')).status).toBe(403);
    expect(
      (await editor.post('/marketing-setup/duplicate-search-lines', { field: 'email2', part: 'last', length: 5 }))
        .status,
    ).toBe(403);
    expect((await lines()).data).toHaveLength(16);
  });
});

describe('Content Manager visibility', () => {
  const CONTACT = 'plugin::marketing-setup.contact';

  test("the plugin-written contact fields are not in the contact's edit view, but still in REST", async () => {
    const conf = await admin.get(`/content-manager/content-types/${CONTACT}/configuration`);
    expect(conf.status).toBe(200);
    const editFields = conf.body.data.contentType.layouts.edit.flat().map((f: any) => f.name);
    expect(editFields).toEqual(expect.arrayContaining(['name', 'city']));
    expect(editFields).not.toContain('inheritanceOverrides');
    expect(editFields).not.toContain('businessRelation');
    expect(conf.body.data.contentType.layouts.list).not.toContain('businessRelation');
    const company = await create({ type: 'company', name: 'Visible Ltd' });
    const person = await create({ type: 'person', name: 'Vera Visible', company: company.documentId, city: 'Brugge' });
    expect(person.inheritanceOverrides).toEqual(['address']);
    expect(person.businessRelation).toBe('none');
  });

  test('the benchmark-only plain contact is not displayed in the Content Manager', async () => {
    const res = await admin.get('/content-manager/content-types');
    expect(res.status).toBe(200);
    const byUid = Object.fromEntries(res.body.data.map((ct: any) => [ct.uid, ct.isDisplayed]));
    expect(byUid['api::plain-contact.plain-contact']).toBe(false);
    expect(byUid[CONTACT]).toBe(true);
  });
});
