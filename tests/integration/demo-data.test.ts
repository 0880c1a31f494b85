import { startStrapi, type TestApp } from '../helpers/strapi';
import { docs, UID } from '../helpers/fixtures';

let app: TestApp;
beforeAll(async () => {
  process.env.SEED_DEMO_DATA = 'true';
  app = await startStrapi();
});
afterAll(async () => {
  delete process.env.SEED_DEMO_DATA;
  await app?.stop();
});

test('the demo data set loads through the plugin rules: numbers, inheritance and defaults', async () => {
  const contacts = await docs(app.strapi, UID.contact).findMany({
    sort: 'no',
    populate: ['territory', 'language'],
    limit: 100,
  });
  expect(contacts).toHaveLength(10);
  expect(contacts[0]).toMatchObject({ no: 'CT000001', name: 'Fabrikam NV', type: 'company' });
  const jan = contacts.find((c: any) => c.name === 'Jan Peeters');
  expect(jan).toMatchObject({
    firstName: 'Jan',
    surname: 'Peeters',
    companyName: 'Fabrikam NV',
    city: 'Gent',
    phoneNo: '09 111 11 11',
    territory: { code: 'EAST' },
    language: { code: 'NLB' },
  });
  const camille = contacts.find((c: any) => c.name === 'Camille Dubois');
  expect(camille.language.code).toBe('FRB'); // inherited from the company, over the default NLB
  const [opp] = await docs(app.strapi, UID.opportunity).findMany({});
  expect(opp.no).toBe('OP000001');
});

test('the demo documents were recorded as interactions by the default rules', async () => {
  const entries = await docs(app.strapi, 'plugin::marketing-setup.interaction-log-entry').findMany({
    sort: 'entryNo',
    populate: ['contact', 'contactCompany', 'interactionTemplate'],
  });
  expect(
    entries.map((e: any) => [
      e.documentNo,
      e.documentKind,
      e.contact.name,
      e.contactCompany.name,
      e.interactionTemplate.code,
      e.description,
    ]),
  ).toEqual([
    ['SQ1001', 'salesQuotes', 'Fabrikam NV', 'Fabrikam NV', 'S_QUOTE', 'Printers voor kantoor Gent'],
    ['SI1001', 'salesInvoices', 'Jan Peeters', 'Fabrikam NV', 'S_INVOICE', 'Onderhoudscontract 2026'],
    [
      'PO1001',
      'purchaseOrders',
      'Havenlogistiek Antwerpen',
      'Havenlogistiek Antwerpen',
      'P_ORDER',
      'Transport printers',
    ],
  ]);
});
