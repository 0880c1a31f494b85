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
  const contacts = await docs(app.strapi, UID.contact).findMany({ sort: 'no', populate: ['territory', 'language'], limit: 100 });
  expect(contacts).toHaveLength(10);
  expect(contacts[0]).toMatchObject({ no: 'CT000001', name: 'Fabrikam NV', type: 'company' });
  const jan = contacts.find((c: any) => c.name === 'Jan Peeters');
  expect(jan).toMatchObject({ firstName: 'Jan', surname: 'Peeters', companyName: 'Fabrikam NV', city: 'Gent', phoneNo: '09 111 11 11', territory: { code: 'EAST' }, language: { code: 'NLB' } });
  const camille = contacts.find((c: any) => c.name === 'Camille Dubois');
  expect(camille.language.code).toBe('FRB'); // inherited from the company, over the default NLB
  const [opp] = await docs(app.strapi, UID.opportunity).findMany({});
  expect(opp.no).toBe('OP000001');
});
