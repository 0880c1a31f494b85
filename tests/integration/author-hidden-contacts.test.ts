/**
 * An admin whose role reads only the contacts it created (the Author's "is creator") does not learn of the others'
 * contacts through the duplicates of its own (the edit view's "Possible duplicates" panel, the review list and its
 * totals), nor through an import's company lookup by name: there, a contact it may not read is one that does not
 * exist. A role that reads every contact sees everything, as before.
 */
import { dist, adminClient, contactCreatedBy, docs, UID, useTestApp, type http } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
type Client = ReturnType<typeof http>;

const VAT = 'BE0123456749';
let admin: Client;
let author: Client;
let editor: Client;
// The super admin's Fabrikam NV (created first: CT000001) and the Author's own.
let theirs: any;
let own: any;
let ownTwin: any;

beforeAll(async () => {
  t.strapi.config.set('plugin::marketing-setup.importAutoRun', false);
  admin = await adminClient(t.strapi, 'super@example.com', 'strapi-super-admin');
  author = await adminClient(t.strapi, 'author@example.com', 'strapi-author');
  editor = await adminClient(t.strapi, 'editor@example.com', 'strapi-editor');
  theirs = await contactCreatedBy(admin, {
    type: 'company',
    name: 'Fabrikam NV',
    vatRegistrationNo: VAT,
    email: 'info@fabrikam.be',
    phoneNo: '03 123 45 67',
    city: 'Antwerpen',
    address: 'Kerkstraat 12',
    postCode: '2000',
  });
  own = await contactCreatedBy(author, { type: 'company', name: 'Fabrikam NV', vatRegistrationNo: VAT, city: 'Gent' });
});

describe('duplicates of a contact the Author created', () => {
  const panel = async (client: Client, documentId: string) => {
    const res = await client.get(`/marketing-setup/contacts/${documentId}/duplicates`);
    expect(res.status).toBe(200);
    return res.body.data as any[];
  };

  test('its "Possible duplicates" panel leaves out the contact it may not read: nothing of it in the answer', async () => {
    expect(theirs.no).toBe('CT000001');
    // The pair exists: the super admin sees it from both sides.
    expect((await panel(admin, own.documentId)).map((p) => [p.no, p.name])).toEqual([['CT000001', 'Fabrikam NV']]);
    expect((await panel(admin, theirs.documentId)).map((p) => [p.no, p.name])).toEqual([[own.no, 'Fabrikam NV']]);

    const res = await author.get(`/marketing-setup/contacts/${own.documentId}/duplicates`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [] }); // the panel does not show (no open pairs)
    const body = JSON.stringify(res.body);
    for (const leaked of [theirs.documentId, 'CT000001', 'info@fabrikam.be', '03 123 45 67', 'Antwerpen'])
      expect(body).not.toContain(leaked);
  });

  test('a duplicate it created itself is still listed, the hidden one still not', async () => {
    ownTwin = await contactCreatedBy(author, {
      type: 'company',
      name: 'Fabrikam N.V.',
      vatRegistrationNo: VAT,
      city: 'Gent',
    });
    expect((await panel(author, own.documentId)).map((p) => [p.documentId, p.no, p.name])).toEqual([
      [ownTwin.documentId, ownTwin.no, 'Fabrikam N.V.'],
    ]);
    expect((await panel(author, ownTwin.documentId)).map((p) => p.no)).toEqual([own.no]);
    // Roles that read every contact see every pair, as before.
    for (const client of [admin, editor])
      expect((await panel(client, own.documentId)).map((p) => p.no).sort()).toEqual(['CT000001', ownTwin.no].sort());
  });

  test('a reviewer with the same read condition: the review list, its filter by contact and its total count only its pair', async () => {
    const role = await t.strapi.service('admin::role').create({ name: 'Own reviewer', description: 'test' });
    await t.strapi.service('admin::role').assignPermissions(role.id, [
      { action: 'plugin::marketing-setup.duplicates.review', subject: null, properties: {}, conditions: [] },
      {
        action: 'plugin::content-manager.explorer.read',
        subject: UID.contact,
        properties: {},
        conditions: ['admin::is-creator'],
      },
      { action: 'plugin::content-manager.explorer.create', subject: UID.contact, properties: {}, conditions: [] },
    ]);
    const reviewer = await adminClient(t.strapi, 'reviewer@example.com', role.id);
    const a = await contactCreatedBy(reviewer, { type: 'company', name: 'Fabrikam NV', vatRegistrationNo: VAT });
    const b = await contactCreatedBy(reviewer, { type: 'company', name: 'Fabrikam nv', vatRegistrationNo: VAT });
    const names = (rows: any[]) => rows.map((p) => [p.contact.no, p.duplicateContact.no]);
    for (const query of ['', `&contact=${a.documentId}`]) {
      const list = await reviewer.get(`/marketing-setup/duplicates?pageSize=100${query}`);
      expect(list.status).toBe(200);
      expect(names(list.body.data)).toEqual([[b.no, a.no]]);
      expect(list.body.meta.pagination).toMatchObject({ total: 1, pageCount: 1 });
      expect(JSON.stringify(list.body)).not.toContain('CT000001');
    }
    expect(
      (await reviewer.get(`/marketing-setup/contacts/${a.documentId}/duplicates`)).body.data.map((p: any) => p.no),
    ).toEqual([b.no]);
    // The super admin's list holds the pairs with the others' contacts too.
    const all = await admin.get(`/marketing-setup/duplicates?pageSize=100&contact=${a.documentId}`);
    expect(all.body.meta.pagination.total).toBeGreaterThan(1);
  });
});

describe("an Author's import naming its own company by name", () => {
  const csv = 'Voornaam;Achternaam;Bedrijf\nTine;Goossens;Fabrikam NV\n';

  test('the dry run counts only companies it may read: the row links to its own Fabrikam NV', async () => {
    const mine = await author.post('/marketing-setup/contacts/import/dry-run', { csv });
    expect(mine.status).toBe(200);
    expect(mine.body.data.counts).toMatchObject({ created: 1, error: 0 });
    expect(mine.body.data.rows[0]).toMatchObject({ outcome: 'created' });
    expect(mine.body.data.rows[0].error ?? null).toBeNull();
    // By No. as well: the hidden company's No. names no company it knows, its own is found.
    const byNo = await author.post('/marketing-setup/contacts/import/dry-run', {
      csv: `Voornaam;Achternaam;Bedrijf\nJef;Peeters;${theirs.no}\nLies;Peeters;${own.no}\n`,
    });
    expect(byNo.body.data.rows.map((r: any) => [r.outcome, r.error ?? null])).toEqual([
      ['error', `Company "${theirs.no}" does not exist (give the company's No.).`],
      ['created', null],
    ]);
    // The super admin reads both companies of that name: for it the name is ambiguous, as before.
    const all = await admin.post('/marketing-setup/contacts/import/dry-run', { csv });
    expect(all.body.data.rows[0]).toMatchObject({
      outcome: 'error',
      error: 'More than one company is named "Fabrikam NV"; give the company\'s No. in the Company column instead.',
    });
  });

  test("the real run writes the person under the Author's own company, not the hidden one", async () => {
    const { driveImport } = require(dist('jobs/contact-import'));
    const started = await author.post('/marketing-setup/contacts/import/jobs', { csv });
    expect(started.status).toBe(202);
    expect(await driveImport(t.strapi, started.body.data.id)).toMatchObject({ state: 'done', created: 1, failed: 0 });
    const person = await t.strapi.db.query(UID.contact).findOne({
      where: { name: 'Tine Goossens' },
      populate: { company: { select: ['documentId', 'no'] } },
    });
    expect(person).toMatchObject({
      type: 'person',
      company: { documentId: own.documentId, no: own.no },
      city: 'Gent', // inherited from its own company, not Antwerpen
    });
    expect(person.address ?? null).toBeNull();
    // The hidden company gained no person.
    const persons = { type: 'person', company: { documentId: theirs.documentId } };
    expect(await docs(t.strapi, UID.contact).count({ filters: persons })).toBe(0);
  });

  test.each([
    ['set-based', true, 'Atelier Noord'],
    ['one by one', false, 'Atelier Zuid'],
  ])(
    'a company created earlier in the same file is found by name beside a hidden one of that name (%s)',
    async (_path, setBased, company) => {
      const { driveImport } = require(dist('jobs/contact-import'));
      await contactCreatedBy(admin, { type: 'company', name: company, city: 'Brussel' });
      const email = `info@${company.replace(' ', '').toLowerCase()}.be`;
      const file = ['Name;Company;E-Mail', `${company};;${email}`, `Sara ${company};${company};sara.${email}`];
      // One chunk for the whole file: Sara's row must find the company the row before it created, which must be the
      // Author's already (its creator was stamped only at the chunk's end: refused as "does not exist").
      t.strapi.config.set('plugin::marketing-setup.importChunkSize', 10);
      t.strapi.config.set('plugin::marketing-setup.importSetBased', setBased);
      try {
        const started = await author.post('/marketing-setup/contacts/import/jobs', { csv: file.join('\n') });
        expect(await driveImport(t.strapi, started.body.data.id)).toMatchObject({
          state: 'done',
          created: 2,
          failed: 0,
        });
      } finally {
        t.strapi.config.set('plugin::marketing-setup.importSetBased', true);
      }
      const sara = await t.strapi.db.query(UID.contact).findOne({
        where: { name: `Sara ${company}` },
        populate: { company: { select: ['email'] }, createdBy: { select: ['email'] } },
      });
      expect(sara).toMatchObject({ type: 'person', company: { email }, createdBy: { email: 'author@example.com' } });
    },
  );
});
