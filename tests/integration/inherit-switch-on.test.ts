/**
 * An Inherit switch turned back on: the persons that do not override its fields take their company's current
 * values in the setup save's transaction (only those whose value differs are written), and those whose
 * duplicate-search input changed are queued for re-indexing.
 */
import { API, UID, adminClient, createOk, updateSetup, useTestApp, type http } from '../helpers/fixtures';

const t = useTestApp({ numbering: true, masterData: true });
const QUEUE = 'ms_contact_reindex_queue';

const POP = 'populate[salesperson]=true&populate[territory]=true';
const get = async (documentId: string) => (await t.api.get(`${API}/contacts/${documentId}?${POP}`)).body.data;
const create = async (data: Record<string, any>) => (await createOk(t.api, 'contacts', data)).data;
const put = (documentId: string, data: Record<string, any>) => t.api.put(`${API}/contacts/${documentId}`, { data });
const idOf = async (documentId: string) =>
  Number((await t.strapi.db.query(UID.contact).findOne({ where: { documentId } })).id);
const queued = async () =>
  ((await t.strapi.db.connection(QUEUE).select('contact_id')) as { contact_id: unknown }[])
    .map((r) => Number(r.contact_id))
    .sort((a, b) => a - b);

let admin: ReturnType<typeof http>;

beforeAll(async () => {
  // The worker's timer paused: the queue is read as the setup save left it.
  t.strapi.config.set('plugin::marketing-setup.duplicateWorkerIntervalMs', 0);
  admin = await adminClient(t.strapi, 'switch@example.com', 'strapi-super-admin');
});

test('Inherit Address and Salesperson back on: Els takes the company address and salesperson; overrides stay, equal persons are not written', async () => {
  const deKlok = await create({
    type: 'company',
    name: 'De Klok',
    address: 'Grote Markt 12',
    postCode: '9000',
    city: 'Gent',
    salesperson: t.md.salesperson.AB.documentId,
    territory: t.md.territory.EAST.documentId,
  });
  const els = await create({ type: 'person', name: 'Els Peeters', company: deKlok.documentId });
  const ownCity = await create({ type: 'person', name: 'Jan Eigenstad', company: deKlok.documentId });
  expect((await put(ownCity.documentId, { city: 'Antwerpen' })).body.data.inheritanceOverrides).toEqual(['address']);
  const ownSales = await create({
    type: 'person',
    name: 'Karel Eigenverkoper',
    company: deKlok.documentId,
    salesperson: t.md.salesperson.KL.documentId,
  });
  expect(ownSales.inheritanceOverrides).toEqual(['salesperson']);
  const other = await create({ type: 'company', name: 'Stil BV', address: 'Kerkstraat 1', city: 'Lier' });
  const still = await create({ type: 'person', name: 'Stan Stil', company: other.documentId });

  // 1. Switches off (the admin settings route), 2. the company moves and changes salesperson: nobody follows.
  const off = await admin.put('/marketing-setup/settings', { inheritAddressDetails: false, inheritSalesperson: false });
  expect(off.status).toBe(200);
  expect(
    (await put(deKlok.documentId, { address: 'Markt 99', salesperson: t.md.salesperson.CD.documentId })).status,
  ).toBe(200);
  expect(await get(els.documentId)).toMatchObject({ address: 'Grote Markt 12', salesperson: { code: 'AB' } });

  const before: Record<string, any> = {};
  for (const p of [els, still]) before[p.documentId] = await get(p.documentId);
  await t.strapi.db.connection(QUEUE).delete();
  await new Promise((r) => setTimeout(r, 5)); // a write now has a later updatedAt

  // 3. Switches back on, over REST.
  const on = await t.api.put(`${API}/setup`, { data: { inheritAddressDetails: true, inheritSalesperson: true } });
  expect(on.status).toBe(200);

  const elsNow = await get(els.documentId);
  expect(elsNow).toMatchObject({
    address: 'Markt 99',
    postCode: '9000',
    city: 'Gent',
    salesperson: { code: 'CD' },
    territory: { code: 'EAST' },
    inheritanceOverrides: [],
  });
  expect(elsNow.updatedAt).not.toBe(before[els.documentId].updatedAt);
  // The hand-set address is kept whole; the inherited salesperson follows.
  expect(await get(ownCity.documentId)).toMatchObject({
    address: 'Grote Markt 12',
    city: 'Antwerpen',
    salesperson: { code: 'CD' },
    inheritanceOverrides: ['address'],
  });
  // The hand-set salesperson is kept; the inherited address follows.
  expect(await get(ownSales.documentId)).toMatchObject({
    address: 'Markt 99',
    salesperson: { code: 'KL' },
    inheritanceOverrides: ['salesperson'],
  });
  // Already equal to its company's values: not written, so an open form of it is not stale.
  const stillNow = await get(still.documentId);
  expect(stillNow).toMatchObject({ address: 'Kerkstraat 1', city: 'Lier' });
  expect(stillNow.updatedAt).toBe(before[still.documentId].updatedAt);

  // The persons whose address (a duplicate-search input) changed are queued for re-indexing.
  expect(await queued()).toEqual([await idOf(els.documentId), await idOf(ownSales.documentId)].sort((a, b) => a - b));

  // The Inheritance panel: inherited, and the same value on both sides.
  const panel = (await admin.get(`/marketing-setup/contacts/${els.documentId}/inheritance`)).body.data;
  const address = panel.groups.find((g: any) => g.flag === 'inheritAddressDetails').keys[0];
  expect(address.overridden).toBe(false);
  expect(address.fields.find((f: any) => f.field === 'address')).toEqual({
    field: 'address',
    person: 'Markt 99',
    company: 'Markt 99',
  });
});

test('a switch left on, or turned off, writes no person', async () => {
  const co = await create({ type: 'company', name: 'Rust NV', address: 'Dorp 1' });
  const p = await create({ type: 'person', name: 'Rita Rust', company: co.documentId });
  const before = (await get(p.documentId)).updatedAt;
  await new Promise((r) => setTimeout(r, 5));
  await updateSetup(t.strapi, { inheritAddressDetails: true, inheritTerritory: false });
  await updateSetup(t.strapi, { inheritTerritory: true }); // the company's territory is blank, as is hers
  expect((await get(p.documentId)).updatedAt).toBe(before);
});
