/**
 * The export of a filtered contact list (the Content Manager's "Export to CSV" → "all contacts matching the
 * list's filters and search"): the list view's own query (its URL's `filters` and `_q`) exports every matching
 * contact, not one page of them; the count route answers how many that is; and the role's record access narrows
 * a filtered export as it narrows the selected one (an Author exports only the contacts it created).
 */
import { adminClient, asText, UID, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
let admin: Awaited<ReturnType<typeof adminClient>>;
let author: Awaited<ReturnType<typeof adminClient>>;

const pad = (i: number) => String(i).padStart(2, '0');
/** The Content Manager's list URL for City = Gent, as the list view writes it (one page of 10, sorted). */
const CM_QUERY = 'page=1&pageSize=10&sort=name:ASC&filters[$and][0][city][$eq]=Gent';
const CM_LIST = `/content-manager/collection-types/${UID.contact}`;

const text = asText;
/** The data lines of an exported file (header and trailing newline off). */
const rows = (body: string) => body.split('\r\n').filter(Boolean).slice(1);

beforeAll(async () => {
  admin = await adminClient(t.strapi, 'export-admin@example.com', 'strapi-super-admin');
  author = await adminClient(t.strapi, 'export-author@example.com', 'strapi-author');
  const contacts = t.strapi.documents(UID.contact as any) as any;
  for (let i = 1; i <= 30; i++)
    await contacts.create({ data: { type: 'company', name: `Gent Co ${pad(i)}`, city: 'Gent' } });
  for (let i = 1; i <= 5; i++)
    await contacts.create({ data: { type: 'company', name: `Brugge Co ${pad(i)}`, city: 'Brugge' } });
  // Three more in Gent, created by the Author in the Content Manager: its own ("is creator").
  for (let i = 1; i <= 3; i++) {
    const res = await author.post(CM_LIST, { type: 'company', name: `Author Gent ${i}`, city: 'Gent' });
    if (res.status !== 201) throw new Error(`CM create failed ${res.status}: ${JSON.stringify(res.body)}`);
  }
});

describe('export of a filtered list', () => {
  test("the list view's query exports every matching contact, not its page (33 in Gent, the CM shows 10)", async () => {
    const list = await admin.get(`${CM_LIST}?${CM_QUERY}`);
    expect(list.status).toBe(200);
    expect([list.body.results.length, list.body.pagination.total]).toEqual([10, 33]);

    // GET with the list's own query string (Strapi parses its brackets as the Content Manager's route does).
    const byGet = await text(admin.get(`/marketing-setup/contacts/export?${CM_QUERY}&fields=no,name,city`));
    expect(byGet.status).toBe(200);
    const lines = rows(byGet.body);
    expect(lines).toHaveLength(33);
    expect(lines.every((l: string) => l.endsWith(',Gent'))).toBe(true);

    // POST with the filters as the admin's bulk action sends them (the list URL parsed), and the count beside it.
    const filters = { $and: [{ city: { $eq: 'Gent' } }] };
    const byPost = await text(admin.post('/marketing-setup/contacts/export', { filters, fields: ['no', 'name'] }));
    expect(rows(byPost.body).map((l: string) => l.split(',')[1])).toEqual([
      ...Array.from({ length: 30 }, (_, i) => `Gent Co ${pad(i + 1)}`),
      'Author Gent 1',
      'Author Gent 2',
      'Author Gent 3',
    ]);
    const count = await admin.post('/marketing-setup/contacts/export/count', { filters });
    expect([count.status, count.body]).toEqual([200, { data: { count: 33 } }]);
  });

  test("the list's search (_q) is applied as the Content Manager applies it", async () => {
    const query = `${CM_QUERY}&_q=${encodeURIComponent('Co 1')}`;
    const list = await admin.get(`${CM_LIST}?${query}`);
    expect(list.body.pagination.total).toBe(10); // Gent Co 10 … Gent Co 19
    const body = { filters: { $and: [{ city: { $eq: 'Gent' } }] }, _q: 'Co 1', fields: ['name'] };
    const file = await text(admin.post('/marketing-setup/contacts/export', body));
    expect(rows(file.body)).toEqual(Array.from({ length: 10 }, (_, i) => `Gent Co ${i + 10}`));
    expect((await admin.post('/marketing-setup/contacts/export/count', body)).body.data.count).toBe(10);
    const byGet = await text(admin.get(`/marketing-setup/contacts/export?${query}&fields=name`));
    expect(rows(byGet.body)).toHaveLength(10);
    // Without filters, the search alone: Brugge Co 01 … 05 do not hold "Co 1", Gent Co 01 … 09 do not either.
    const searchOnly = await admin.post('/marketing-setup/contacts/export/count', { _q: 'co 1' });
    expect(searchOnly.body.data.count).toBe(10);
  });

  test("an Author's filtered export holds only the contacts it may read, as the Content Manager lists them", async () => {
    const list = await author.get(`${CM_LIST}?${CM_QUERY}`);
    expect(list.body.pagination.total).toBe(3);
    const filters = { $and: [{ city: { $eq: 'Gent' } }] };
    const file = await text(author.post('/marketing-setup/contacts/export', { filters, fields: ['name', 'city'] }));
    expect(file.status).toBe(200);
    expect(rows(file.body)).toEqual(['Author Gent 1,Gent', 'Author Gent 2,Gent', 'Author Gent 3,Gent']);
    expect((await author.post('/marketing-setup/contacts/export/count', { filters })).body.data.count).toBe(3);
    // The same narrowing for selected rows: another admin's contacts among them are left out.
    const others = await t.strapi.db.query(UID.contact).findMany({ where: { name: { $startsWith: 'Gent Co' } } });
    const selected = await text(
      author.post('/marketing-setup/contacts/export', {
        documentIds: others.slice(0, 2).map((c: any) => c.documentId),
        fields: ['name'],
      }),
    );
    expect(rows(selected.body)).toEqual([]);
  });

  test('a bad search or count request is a 400 with a message; a role without read gets 403', async () => {
    const bad = await admin.post('/marketing-setup/contacts/export/count', { _q: 5 });
    expect([bad.status, bad.body.error.message]).toEqual([400, '_q must be text.']);
    const unknown = await admin.post('/marketing-setup/contacts/export/count', { filter: {} });
    expect([unknown.status, unknown.body.error.message]).toEqual([400, 'Unknown field(s): filter.']);
    const role = await t.strapi.service('admin::role').create({ name: 'No read', description: 'no read' });
    await t.strapi
      .service('admin::role')
      .assignPermissions(role.id, [{ action: 'plugin::content-manager.explorer.create', subject: UID.contact }]);
    const blind = await adminClient(t.strapi, 'export-blind@example.com', role.id);
    expect((await blind.post('/marketing-setup/contacts/export/count', {})).status).toBe(403);
  });

  test('an export that names no field, no contact or a field it does not write is a 400 saying which (was a file of a BOM, or every contact)', async () => {
    const answer = async (res: Promise<any>) => {
      const r = await res;
      return [r.status, r.body?.error?.message];
    };
    expect(await answer(admin.post('/marketing-setup/contacts/export', { fields: [] }))).toEqual([
      400,
      'Choose at least one field to export, or leave fields out for all of them.',
    ]);
    expect(await answer(admin.post('/marketing-setup/contacts/export', { fields: ['name', 'nope'] }))).toEqual([
      400,
      'fields names "nope", which is not a field the export writes.',
    ]);
    const noContact = 'documentIds names no contact; name at least one, or leave it out to export by filters.';
    expect(await answer(admin.post('/marketing-setup/contacts/export', { documentIds: [] }))).toEqual([400, noContact]);
    expect(await answer(admin.get('/marketing-setup/contacts/export?documentIds=,,,'))).toEqual([400, noContact]);
  });
});
