/**
 * Field-level read permissions in the duplicates review: a "Reviewer" role that may review duplicates and read
 * contacts' No., name, type, city and company only sees no VAT no., phone, e-mail or address of a pair — not in the
 * review list, not in a contact's "Possible duplicates" panel, not in a merge dry run's differences. The compared
 * fields keep their name and score, marked hidden; a role that reads every field sees every value, as before.
 */
import { UID, adminClient, createOk, type http } from '../helpers/fixtures';
import { useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
type Client = ReturnType<typeof http>;

const VAT = 'BE0123456749';
const SECRETS = [
  '0123456749',
  '03 123 45 67',
  '031234567',
  'info@fabrikam.be',
  'sales@fabrikam.be',
  'Kerkstraat',
  '2000',
];
let reviewer: Client;
let admin: Client;
let first: any;
let second: any;

beforeAll(async () => {
  const role = await t.strapi.service('admin::role').create({ name: 'Reviewer', description: 'reviews duplicates' });
  await t.strapi.service('admin::role').assignPermissions(role.id, [
    { action: 'plugin::marketing-setup.duplicates.review', subject: null, properties: {}, conditions: [] },
    {
      action: 'plugin::content-manager.explorer.read',
      subject: UID.contact,
      properties: { fields: ['no', 'name', 'type', 'city', 'company'] },
      conditions: [],
    },
  ]);
  reviewer = await adminClient(t.strapi, 'reviewer@example.com', role.id);
  admin = await adminClient(t.strapi, 'super@example.com', 'strapi-super-admin');
  const fabrikam = {
    type: 'company',
    vatRegistrationNo: VAT,
    address: 'Kerkstraat 12',
    postCode: '2000',
    city: 'Antwerpen',
  };
  first = (
    await createOk(t.api, 'contacts', {
      ...fabrikam,
      name: 'Fabrikam NV',
      phoneNo: '03 123 45 67',
      email: 'info@fabrikam.be',
    })
  ).data;
  second = (
    await createOk(t.api, 'contacts', {
      ...fabrikam,
      name: 'Fabrikam N.V.',
      phoneNo: '03 123 45 68',
      email: 'sales@fabrikam.be',
    })
  ).data;
});

const byField = (breakdown: any[]) => Object.fromEntries(breakdown.map((b) => [b.field, b]));

test('the review list shows the scores of the fields the Reviewer may not read, not their values', async () => {
  const res = await reviewer.get('/marketing-setup/duplicates');
  expect(res.status).toBe(200);
  expect(res.body.data).toHaveLength(1);
  const [pair] = res.body.data;
  expect(pair.contact).toEqual({
    documentId: second.documentId,
    no: second.no,
    name: 'Fabrikam N.V.',
    type: 'company',
    city: 'Antwerpen',
  });
  const shown = byField(pair.breakdown);
  for (const field of ['vatRegistrationNo', 'phone', 'email', 'address', 'postCode'])
    expect(shown[field]).toEqual(
      expect.objectContaining({ field, values: null, hidden: true, score: expect.any(Number) }),
    );
  expect(shown.vatRegistrationNo.score).toBe(1);
  expect(shown.city).toEqual(expect.objectContaining({ values: ['antwerpen', 'antwerpen'] }));
  expect(shown.city.hidden).toBeUndefined();
  expect(shown.name.values).toEqual([expect.any(String), expect.any(String)]);
  for (const secret of SECRETS) expect(JSON.stringify(res.body)).not.toContain(secret);

  // The super admin reads every field: the values as before.
  const full = byField((await admin.get('/marketing-setup/duplicates')).body.data[0].breakdown);
  expect(full.vatRegistrationNo.values).toEqual([VAT, VAT]);
  expect(full.phone.hidden).toBeUndefined();
});

test("a contact's Possible duplicates panel hides them too", async () => {
  const res = await reviewer.get(`/marketing-setup/contacts/${first.documentId}/duplicates`);
  expect(res.status).toBe(200);
  expect(res.body.data.map((p: any) => [p.no, p.name])).toEqual([[second.no, 'Fabrikam N.V.']]);
  const shown = byField(res.body.data[0].breakdown);
  expect(shown.email).toEqual(expect.objectContaining({ values: null, hidden: true }));
  expect(shown.phone).toEqual(expect.objectContaining({ values: null, hidden: true }));
  for (const secret of SECRETS) expect(JSON.stringify(res.body)).not.toContain(secret);
});

test('the merge dry run names the differing fields it may not read, without their values', async () => {
  const res = await reviewer.post(`/marketing-setup/contacts/${first.documentId}/merge`, {
    duplicate: second.documentId,
    dryRun: true,
  });
  expect(res.status).toBe(200);
  const differences = Object.fromEntries(res.body.data.differences.map((d: any) => [d.field, d]));
  expect(differences.phoneNo).toEqual({ field: 'phoneNo', survivor: null, duplicate: null, hidden: true });
  expect(differences.email).toEqual({ field: 'email', survivor: null, duplicate: null, hidden: true });
  expect(differences.name).toEqual({ field: 'name', survivor: 'Fabrikam NV', duplicate: 'Fabrikam N.V.' });
  for (const secret of SECRETS) expect(JSON.stringify(res.body)).not.toContain(secret);

  const full = await admin.post(`/marketing-setup/contacts/${first.documentId}/merge`, {
    duplicate: second.documentId,
    dryRun: true,
  });
  expect(full.body.data.differences).toContainEqual({
    field: 'phoneNo',
    survivor: '03 123 45 67',
    duplicate: '03 123 45 68',
  });
});
