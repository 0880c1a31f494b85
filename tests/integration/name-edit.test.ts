/**
 * Editing a person's name where the whole record is sent back (the Content Manager's form, an import row with
 * every column): the field the user changed wins. A rename in the Name field used to be lost — "Saved document",
 * yet the unchanged First Name and Surname sent with it rebuilt the old name. Also: one word is the surname.
 */
import { dist, adminClient, API, contentManagerForm, createOk, docs, UID, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
const CM = `/content-manager/collection-types/${UID.contact}`;
let admin: Awaited<ReturnType<typeof adminClient>>;

beforeAll(async () => {
  t.strapi.config.set('plugin::marketing-setup.importAutoRun', false);
  admin = await adminClient(t.strapi, 'name-edit@example.com', 'strapi-super-admin');
});

const sofie = async () => (await createOk(t.api, 'contacts', { type: 'person', name: 'Sofie Claes' })).data;
const stored = async (documentId: string) => {
  const c = await docs(t.strapi, UID.contact).findOne({ documentId });
  return {
    name: c.name,
    firstName: c.firstName,
    middleName: c.middleName,
    surname: c.surname,
    searchName: c.searchName,
  };
};

/** The Content Manager's edit form as loaded for `documentId`, with the user's edits: every field is sent. */
async function cmSave(documentId: string, edits: Record<string, unknown>) {
  const body = await contentManagerForm(admin, documentId);
  expect(body).toMatchObject({ name: expect.any(String), firstName: expect.anything(), surname: expect.anything() });
  return admin.put(`${CM}/${documentId}`, { ...body, ...edits });
}

describe('Content Manager: the field the user changed wins', () => {
  test('Name "Sofie Claes" → "Sofie Janssens" with First Name and Surname sent unchanged: renamed and split', async () => {
    const p = await sofie();
    const res = await cmSave(p.documentId, { name: 'Sofie Janssens' });
    expect(res.status).toBe(200);
    expect(await stored(p.documentId)).toEqual({
      name: 'Sofie Janssens',
      firstName: 'Sofie',
      middleName: null,
      surname: 'Janssens',
      searchName: 'SOFIE JANSSENS',
    });
    // Then Surname changed, Name sent unchanged: the name is rebuilt from the parts (as before).
    expect((await cmSave(p.documentId, { surname: 'Peeters' })).status).toBe(200);
    expect(await stored(p.documentId)).toMatchObject({ name: 'Sofie Peeters', surname: 'Peeters' });
  });

  test('Name and Surname both changed and in disagreement: 400 naming both fields, nothing written', async () => {
    const p = await sofie();
    const res = await cmSave(p.documentId, { name: 'Sofie Janssens', surname: 'Peeters' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Name "Sofie Janssens" and Surname "Peeters" were both changed and do not agree (the parts make ' +
        '"Sofie Peeters"): change the name or its parts, or make the parts spell the name.',
    );
    expect(await stored(p.documentId)).toMatchObject({ name: 'Sofie Claes', surname: 'Claes' });
    // Both changed and agreeing: saved.
    expect((await cmSave(p.documentId, { name: 'Sofie Janssens', surname: 'Janssens' })).status).toBe(200);
    expect(await stored(p.documentId)).toMatchObject({
      name: 'Sofie Janssens',
      firstName: 'Sofie',
      surname: 'Janssens',
    });
  });

  test('a save of another field keeps a name that is not its parts (a title)', async () => {
    const p = (await createOk(t.api, 'contacts', { type: 'person', name: 'Dr. Lies Peeters' })).data;
    expect((await cmSave(p.documentId, { city: 'Gent' })).status).toBe(200);
    expect(await stored(p.documentId)).toMatchObject({
      name: 'Dr. Lies Peeters',
      firstName: 'Lies',
      surname: 'Peeters',
    });
  });
});

describe('REST', () => {
  test('a PUT of the whole record with only the name changed renames; a PUT of the name alone still does', async () => {
    const p = await sofie();
    const res = await t.api.put(`${API}/contacts/${p.documentId}`, {
      data: {
        name: 'Sofie Janssens',
        firstName: 'Sofie',
        middleName: null,
        surname: 'Claes',
        searchName: 'SOFIE CLAES',
      },
    });
    expect(res.status).toBe(200);
    expect(await stored(p.documentId)).toEqual({
      name: 'Sofie Janssens',
      firstName: 'Sofie',
      middleName: null,
      surname: 'Janssens',
      searchName: 'SOFIE JANSSENS',
    });
    const alone = await t.api.put(`${API}/contacts/${p.documentId}`, { data: { name: 'Sofie Maes' } });
    expect(alone.status).toBe(200);
    expect(await stored(p.documentId)).toMatchObject({ name: 'Sofie Maes', firstName: 'Sofie', surname: 'Maes' });
  });

  test('POST of a person named "Peeters": the surname, no first name', async () => {
    const res = await t.api.post(`${API}/contacts`, { data: { type: 'person', name: 'Peeters' } });
    expect(res.status).toBe(201);
    expect(await stored(res.body.data.documentId)).toEqual({
      name: 'Peeters',
      firstName: null,
      middleName: null,
      surname: 'Peeters',
      searchName: 'PEETERS',
    });
  });
});

describe('REST: tester findings on the name split', () => {
  test('POST "Verbruggen, Tom": surname first, no comma in a part, the name as typed', async () => {
    const res = await t.api.post(`${API}/contacts`, { data: { type: 'person', name: 'Verbruggen, Tom' } });
    expect(res.status).toBe(201);
    expect(await stored(res.body.data.documentId)).toEqual({
      name: 'Verbruggen, Tom',
      firstName: 'Tom',
      middleName: null,
      surname: 'Verbruggen',
      searchName: 'VERBRUGGEN, TOM',
    });
  });

  test('a part longer than 30 characters is shortened to whole names and said in meta.warnings', async () => {
    const res = await t.api.post(`${API}/contacts`, {
      data: { type: 'person', name: 'Jan Pieter Karel Frans Jozef Marie Albert Willem Hendrik Peeters' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ firstName: 'Jan Pieter Karel Frans Jozef', middleName: 'Hendrik' });
    expect(res.body.meta.warnings).toEqual([
      'First Name was shortened to 30 characters: "Jan Pieter Karel Frans Jozef Marie Albert Willem" is stored as ' +
        '"Jan Pieter Karel Frans Jozef" (the name keeps it whole).',
    ]);
    const renamed = await t.api.put(`${API}/contacts/${res.body.data.documentId}`, {
      data: { name: 'Maximiliaan-Alexander-Christiaan-Frederik Peeters' },
    });
    expect(renamed.status).toBe(200);
    expect(await stored(res.body.data.documentId)).toMatchObject({
      name: 'Maximiliaan-Alexander-Christiaan-Frederik Peeters',
      firstName: 'Maximiliaan-Alexander',
      middleName: null,
      surname: 'Peeters',
    });
    expect(renamed.body.meta.warnings).toEqual([
      'First Name was shortened to 30 characters: "Maximiliaan-Alexander-Christiaan-Frederik" is stored as ' +
        '"Maximiliaan-Alexander" (the name keeps it whole).',
    ]);
    // A name that fits has no warning.
    const short = await t.api.post(`${API}/contacts`, { data: { type: 'person', name: 'Jan Peeters' } });
    expect(short.body.meta?.warnings).toBeUndefined();
    // A part the caller sends is the caller's: one too long is refused, with a name or without.
    const long = 'Maximiliaan-Alexander-Christiaan';
    for (const data of [
      { firstName: long, surname: 'Peeters' },
      { name: `${long} Peeters`, firstName: long },
    ]) {
      const refused = await t.api.post(`${API}/contacts`, { data: { type: 'person', ...data } });
      expect(refused.status).toBe(400);
    }
  });
});

describe('CSV import: an update row with every name column', () => {
  const importCsv = async (csv: string) => {
    const { driveImport } = require(dist('jobs/contact-import'));
    const started = await admin.post('/marketing-setup/contacts/import/jobs', { csv });
    expect(started.status).toBe(202);
    return driveImport(t.strapi, started.body.data.id);
  };

  test.each([
    ['set-based (query engine)', true],
    ['one by one (document service)', false],
  ])('%s: Name changed, First Name and Surname as stored → renamed and split', async (_, setBased) => {
    t.strapi.config.set('plugin::marketing-setup.importSetBased', setBased);
    try {
      const p = await sofie();
      const status = await importCsv(`No.;Name;First Name;Surname\n${p.no};Sofie Janssens;Sofie;Claes\n`);
      expect(status).toMatchObject({ state: 'done', updated: 1, failed: 0 });
      expect(await stored(p.documentId)).toEqual({
        name: 'Sofie Janssens',
        firstName: 'Sofie',
        middleName: null,
        surname: 'Janssens',
        searchName: 'SOFIE JANSSENS',
      });
      // Name and Surname both changed and in disagreement: the row fails with the sentence, the contact stays.
      const refused = await importCsv(`No.;Name;First Name;Surname\n${p.no};Sofie Maes;Sofie;Peeters\n`);
      expect(refused).toMatchObject({ state: 'done', updated: 0, failed: 1 });
      expect((await stored(p.documentId)).name).toBe('Sofie Janssens');
    } finally {
      t.strapi.config.set('plugin::marketing-setup.importSetBased', true);
    }
  });
});
