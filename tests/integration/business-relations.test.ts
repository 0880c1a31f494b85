import { startStrapi, apiToken, isPostgres, type TestApp } from '../helpers/strapi';
import {
  API,
  counts,
  createSeries,
  docs,
  http,
  masterData,
  standardNumbering,
  updateSetup,
  UID,
  createOk,
} from '../helpers/fixtures';

let app: TestApp;
let api: ReturnType<typeof http>;
let md: Awaited<ReturnType<typeof masterData>>;
const BR = 'plugin::marketing-setup.business-relation';
const codes: Record<string, any> = {};

beforeAll(async () => {
  app = await startStrapi();
  api = http(app.strapi, await apiToken(app.strapi));
  await standardNumbering(app.strapi);
  md = await masterData(app.strapi);
  for (const code of ['CUST', 'VEND', 'BANK', 'PRESS'])
    codes[code] = await docs(app.strapi, BR).create({ data: { code, description: code } });
  const cust = await createSeries(app.strapi, 'CUST', { startingNo: 'C00001', endingNo: 'C99999' });
  const vend = await createSeries(app.strapi, 'VEND', { startingNo: 'V00001', endingNo: 'V99999' });
  const bank = await createSeries(app.strapi, 'BANK', { startingNo: 'B001', endingNo: 'B999' });
  await updateSetup(app.strapi, {
    customerNos: cust.series.documentId,
    vendorNos: vend.series.documentId,
    bankAccountNos: bank.series.documentId,
    busRelCodeForCustomers: codes.CUST.documentId,
    busRelCodeForVendors: codes.VEND.documentId,
    busRelCodeForBankAccounts: codes.BANK.documentId,
  });
});
afterAll(async () => app?.stop());

const create = async (path: string, data: Record<string, any>) => (await createOk(api, path, data)).data;
const getContact = async (documentId: string) => (await api.get(`${API}/contacts/${documentId}`)).body.data;
const company = (name: string, extra: Record<string, any> = {}) =>
  create('contacts', {
    type: 'company',
    name,
    address: 'Kerkstraat 1',
    postCode: '9000',
    city: 'Gent',
    phoneNo: '09 111 11 11',
    ...extra,
  });
const linksOf = (contactDocumentId: string) =>
  docs(app.strapi, UID.contact)
    .findOne({ documentId: contactDocumentId })
    .then(async (c: any) =>
      docs(app.strapi, 'plugin::marketing-setup.contact-business-relation').findMany({
        filters: { contact: { documentId: c.documentId } },
        populate: ['businessRelation', 'customer', 'vendor', 'bankAccount'],
      }),
    );

test('create-as customer: the customer gets the contact\'s name, address and phone; link CUST; businessRelation "customer"', async () => {
  const fab = await company('Fabrikam');
  const res = await api.post(`${API}/contacts/${fab.documentId}/create-as`, { kind: 'customer' });
  expect(res.status).toBe(201);
  expect(res.body.data).toMatchObject({
    no: 'C00001',
    name: 'Fabrikam',
    address: 'Kerkstraat 1',
    city: 'Gent',
    phoneNo: '09 111 11 11',
    contactType: 'company',
  });
  const [link] = await linksOf(fab.documentId);
  expect(link).toMatchObject({
    linkToTable: 'customer',
    businessRelation: { code: 'CUST' },
    customer: { no: 'C00001' },
  });
  expect((await getContact(fab.documentId)).businessRelation).toBe('customer');
  const filtered = (await api.get(`${API}/contacts?filters[businessRelation]=customer`)).body.data.map(
    (c: any) => c.name,
  );
  expect(filtered).toContain('Fabrikam');

  const again = await api.post(`${API}/contacts/${fab.documentId}/create-as`, { kind: 'customer' });
  expect(again.status).toBe(400);
  expect(again.body.error.message).toBe(
    `Contact ${fab.no} already has a Contact Business Relation with Customer C00001.`,
  );
});

test('a person under a company creates the customer for the company; its phone change does not reach the customer', async () => {
  const co = await company('Person Co');
  const p = await create('contacts', { type: 'person', name: 'John Smith', company: co.documentId });
  const customer = (await api.post(`${API}/contacts/${p.documentId}/create-as`, { kind: 'customer' })).body.data;
  expect(customer.name).toBe('Person Co');
  expect((await getContact(p.documentId)).businessRelation).toBe('customer'); // a person sees its company's relations
  await api.put(`${API}/contacts/${p.documentId}`, { data: { phoneNo: '0499 99 99 99' } });
  expect((await api.get(`${API}/customers/${customer.documentId}`)).body.data.phoneNo).toBe('09 111 11 11');
  await api.put(`${API}/contacts/${co.documentId}`, { data: { city: 'Brugge', postCode: '8000' } });
  expect((await api.get(`${API}/customers/${customer.documentId}`)).body.data).toMatchObject({
    city: 'Brugge',
    postCode: '8000',
  });
});

test('a customer phone change reaches the contact, and persons who inherited the old phone follow', async () => {
  const co = await company('Sync Back NV');
  const p = await create('contacts', { type: 'person', name: 'Ann Follows', company: co.documentId });
  const customer = (await api.post(`${API}/contacts/${co.documentId}/create-as`, { kind: 'customer' })).body.data;
  expect((await api.put(`${API}/customers/${customer.documentId}`, { data: { phoneNo: '09 333 33 33' } })).status).toBe(
    200,
  );
  expect((await getContact(co.documentId)).phoneNo).toBe('09 333 33 33');
  expect((await getContact(p.documentId)).phoneNo).toBe('09 333 33 33');
});

test('a vendor keeps its purchaser when the company salesperson changes', async () => {
  const co = await company('Supplier BV', { salesperson: md.salesperson.AB.documentId });
  const vendor = (await api.post(`${API}/contacts/${co.documentId}/create-as`, { kind: 'vendor' })).body.data;
  await api.put(`${API}/vendors/${vendor.documentId}`, { data: { purchaser: md.salesperson.KL.documentId } });
  await api.put(`${API}/contacts/${co.documentId}`, { data: { salesperson: md.salesperson.CD.documentId } });
  const after = (await api.get(`${API}/vendors/${vendor.documentId}?populate[purchaser]=true`)).body.data;
  expect(after.purchaser.code).toBe('KL');
  expect(vendor.no).toBe('V00001');
});

test('a vendor or bank account for a person without company is refused', async () => {
  const p = await create('contacts', { type: 'person', name: 'Lone Wolf' });
  const res = await api.post(`${API}/contacts/${p.documentId}/create-as`, { kind: 'vendor' });
  expect(res.status).toBe(400);
  expect(res.body.error.message).toMatch(/person without a company/);
});

test('a customer created directly gets a company contact with its own number and no marketing defaults', async () => {
  await updateSetup(app.strapi, { defaultTerritory: md.territory.NORTH.documentId });
  const customer = await create('customers', { name: 'Direct Klant BV', city: 'Leuven' });
  const [link] = await docs(app.strapi, 'plugin::marketing-setup.contact-business-relation').findMany({
    filters: { customer: { documentId: customer.documentId } },
    populate: { contact: { populate: ['territory'] } },
  });
  expect(link.contact).toMatchObject({
    type: 'company',
    name: 'Direct Klant BV',
    city: 'Leuven',
    no: expect.stringMatching(/^CT\d{6}$/),
    businessRelation: 'customer',
  });
  expect(link.contact.territory).toBeNull();
  await updateSetup(app.strapi, { defaultTerritory: null });
});

test('businessRelation: none, other (PRESS only), multiple (customer + vendor)', async () => {
  const none = await company('No Links');
  expect((await getContact(none.documentId)).businessRelation).toBe('none');
  const press = await company('Press Only');
  await create('contact-business-relations', { contact: press.documentId, businessRelation: codes.PRESS.documentId });
  expect((await getContact(press.documentId)).businessRelation).toBe('other');
  const both = await company('Both Ways');
  await api.post(`${API}/contacts/${both.documentId}/create-as`, { kind: 'customer' });
  await api.post(`${API}/contacts/${both.documentId}/create-as`, { kind: 'vendor' });
  expect((await getContact(both.documentId)).businessRelation).toBe('multiple');
});

test('link with existing: contact is master; a record linked elsewhere is refused; unknown kind/target → 400/404', async () => {
  await updateSetup(app.strapi, { busRelCodeForCustomers: null });
  const orphan = await create('customers', { name: 'Old Customer', city: 'Mechelen' }); // no code → no contact created
  await updateSetup(app.strapi, { busRelCodeForCustomers: codes.CUST.documentId });
  const co = await company('Linker NV');
  const res = await api.post(`${API}/contacts/${co.documentId}/link`, {
    kind: 'customer',
    target: orphan.documentId,
    master: 'contact',
  });
  expect(res.status).toBe(200);
  expect(res.body.data).toMatchObject({ name: 'Linker NV', city: 'Gent' });
  const other = await company('Other NV');
  const before = await counts(app.strapi);
  const twice = await api.post(`${API}/contacts/${other.documentId}/link`, {
    kind: 'customer',
    target: orphan.documentId,
  });
  expect(twice.status).toBe(400);
  expect(twice.body.error.message).toMatch(/is already linked with contact/);
  expect(
    (await api.post(`${API}/contacts/${other.documentId}/link`, { kind: 'employee', target: orphan.documentId }))
      .status,
  ).toBe(400);
  expect(
    (
      await api.post(`${API}/contacts/${other.documentId}/link`, {
        kind: 'customer',
        target: 'doesnotexist0000000000000',
      })
    ).status,
  ).toBe(404);
  expect((await api.post(`${API}/contacts/${other.documentId}/create-as`, { kind: 'robot' })).status).toBe(400);
  expect(await counts(app.strapi)).toEqual(before);
});

test('setup code blank → create-as customer refused', async () => {
  await updateSetup(app.strapi, { busRelCodeForCustomers: null });
  const co = await company('Blank Code');
  const res = await api.post(`${API}/contacts/${co.documentId}/create-as`, { kind: 'customer' });
  expect(res.status).toBe(400);
  expect(res.body.error.message).toBe(
    'Set "Bus. Rel. Code for Customers" in the Marketing Setup before linking contacts with customers.',
  );
  await updateSetup(app.strapi, { busRelCodeForCustomers: codes.CUST.documentId });
});

test('deleting a contact keeps its customer; deleting a customer keeps its contact', async () => {
  const a = await company('Delete Contact');
  const ca = (await api.post(`${API}/contacts/${a.documentId}/create-as`, { kind: 'customer' })).body.data;
  expect((await api.del(`${API}/contacts/${a.documentId}`)).status).toBe(204);
  expect((await api.get(`${API}/customers/${ca.documentId}`)).status).toBe(200);
  const b = await company('Delete Customer');
  const cb = (await api.post(`${API}/contacts/${b.documentId}/create-as`, { kind: 'customer' })).body.data;
  expect((await api.del(`${API}/customers/${cb.documentId}`)).status).toBe(204);
  expect(await getContact(b.documentId)).toMatchObject({ name: 'Delete Customer', businessRelation: 'none' });
  expect(await linksOf(b.documentId)).toHaveLength(0);
});

test('a failure in the middle of a sync leaves both sides unchanged', async () => {
  const co = await company('Atomic NV');
  const customer = (await api.post(`${API}/contacts/${co.documentId}/create-as`, { kind: 'customer' })).body.data;
  const knex = app.strapi.db.connection;
  const sql = isPostgres()
    ? [
        `CREATE FUNCTION ms_fail_cust() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected sync failure'; END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER ms_fail_cust BEFORE UPDATE ON ms_customers FOR EACH ROW WHEN (NEW.city = 'Oostende') EXECUTE FUNCTION ms_fail_cust()`,
      ]
    : [
        `CREATE TRIGGER ms_fail_cust BEFORE UPDATE ON ms_customers WHEN NEW.city = 'Oostende' BEGIN SELECT RAISE(ABORT, 'injected sync failure'); END`,
      ];
  for (const s of sql) await knex.raw(s);
  const failed = await docs(app.strapi, UID.contact)
    .update({ documentId: co.documentId, data: { city: 'Oostende' } })
    .then(
      (r: any) => r,
      (e: any) => e,
    );
  expect(String(failed)).toMatch(/injected sync failure/);
  expect((await getContact(co.documentId)).city).toBe('Gent');
  expect((await api.get(`${API}/customers/${customer.documentId}`)).body.data.city).toBe('Gent');
  await knex.raw('DROP TRIGGER ms_fail_cust' + (isPostgres() ? ' ON ms_customers' : ''));
});
