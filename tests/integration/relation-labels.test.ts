/**
 * The Content Manager's chips of a contact's linked records never show a documentId. An Author (its role reads the
 * records it created, "is creator") whose new contact got the default salutation sees the salutation's name; a role
 * that may not read salutations at all sees "Not visible to your role", and so does anyone for a contact it may not
 * read (nothing of that contact is told).
 */
import { adminClient, contactCreatedBy, createOk, UID, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
const linked = (documentId: string, field: string) =>
  `/content-manager/relations/${UID.contact}/${documentId}/${field}`;
type Client = Awaited<ReturnType<typeof adminClient>>;
let admin: Client;
let author: Client;
let salutation: any;

beforeAll(async () => {
  admin = await adminClient(t.strapi, 'labels-admin@example.com', 'strapi-super-admin');
  author = await adminClient(t.strapi, 'labels-author@example.com', 'strapi-author');
  salutation = (await createOk(t.api, 'salutations', { code: 'COMPANY', description: 'Company salutation' })).data;
  const put = await admin.put('/marketing-setup/settings', { defaultCompanySalutation: salutation.documentId });
  expect(put.status).toBe(200);
});

test("an Author's new contact: the default salutation's chip shows its name, not its documentId", async () => {
  const own = await contactCreatedBy(author, { type: 'company', name: 'Author Co' });
  const res = await author.get(linked(own.documentId, 'salutation'));
  expect(res.status).toBe(200);
  // The chip is named by the view's main field of the relation (description).
  expect(res.body.results).toHaveLength(1);
  expect(res.body.results[0]).toMatchObject({ documentId: salutation.documentId, description: 'Company salutation' });
  // As the super admin sees it.
  expect((await admin.get(linked(own.documentId, 'salutation'))).body.results[0].description).toBe(
    'Company salutation',
  );
});

test('a role that may not read salutations, and a company the Author may not read: "Not visible to your role"', async () => {
  // A role with the Author's rights on contacts only.
  const authorRole = await t.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } });
  const role = await t.strapi.service('admin::role').create({ name: 'Contacts only', description: 'own contacts' });
  const permissions = await t.strapi.db
    .query('admin::permission')
    .findMany({ where: { role: authorRole.id, subject: UID.contact } });
  await t.strapi.service('admin::role').assignPermissions(
    role.id,
    permissions.map(({ action, subject, properties, conditions }: any) => ({
      action,
      subject,
      properties,
      conditions,
    })),
  );
  const narrow = await adminClient(t.strapi, 'labels-narrow@example.com', role.id);
  const own = await contactCreatedBy(narrow, { type: 'company', name: 'Narrow Co' });
  const res = await narrow.get(linked(own.documentId, 'salutation'));
  expect(res.status).toBe(200);
  expect(res.body.results[0].description).toBe('Not visible to your role');
  expect(JSON.stringify(res.body)).not.toContain('Company salutation');

  // The Author's person of another admin's company: the company chip names nobody.
  const theirs = await contactCreatedBy(admin, { type: 'company', name: 'Hidden Holding NV' });
  // (Linked over REST: the Author itself cannot pick a company it may not read.)
  const person = await contactCreatedBy(author, { type: 'person', name: 'Piet Peeters' });
  const moved = await t.api.put(`/api/marketing-setup/contacts/${person.documentId}`, {
    data: { company: theirs.documentId },
  });
  expect(moved.status).toBe(200);
  const company = await author.get(linked(person.documentId, 'company'));
  expect(company.status).toBe(200);
  expect(company.body.results[0].name).toBe('Not visible to your role');
  expect(JSON.stringify(company.body)).not.toContain('Hidden Holding');
});
