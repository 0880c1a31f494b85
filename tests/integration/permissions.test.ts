/**
 * The admin API's contact routes check the admin user's permission on the contact itself, as the Content
 * Manager does: conditions ("is creator") and field-level permissions. Users with the Author, Editor and
 * custom roles, each acting on contacts they created and on contacts created by others.
 */
import { API, UID, adminClient, createOk, docs, type http } from '../helpers/fixtures';
import { useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
const CM = `/content-manager/collection-types/${UID.contact}`;
const READ = 'plugin::content-manager.explorer.read';
const UPDATE = 'plugin::content-manager.explorer.update';
const DELETE = 'plugin::content-manager.explorer.delete';
const CREATE = 'plugin::content-manager.explorer.create';
const REVIEW = 'plugin::marketing-setup.duplicates.review';
const MERGE = 'plugin::marketing-setup.duplicates.merge';

type Client = ReturnType<typeof http>;
type Perm = { action: string; subject?: string | null; fields?: string[]; conditions?: string[] };

/** A role with exactly these permissions, and a logged-in admin user holding it. */
async function userWithRole(name: string, perms: Perm[]): Promise<Client> {
  const role = await t.strapi.service('admin::role').create({ name, description: `${name} (test)` });
  await t.strapi.service('admin::role').assignPermissions(
    role.id,
    perms.map((p) => ({
      action: p.action,
      subject: p.subject ?? null,
      properties: p.fields ? { fields: p.fields } : {},
      conditions: p.conditions ?? [],
    })),
  );
  return adminClient(t.strapi, `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`, role.id);
}

/** A contact created through the Content Manager by this admin user (so it is its creator). */
async function createdBy(client: Client, data: Record<string, any>) {
  const res = await client.post(CM, data);
  if (res.status !== 201 && res.status !== 200) throw new Error(`CM create ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** The contact panel routes: [name, request] for a person and its company. */
const panelRoutes = (person: any, company: any) => ({
  inheritance: (c: Client) => c.get(`/marketing-setup/contacts/${person.documentId}/inheritance`),
  interactions: (c: Client) => c.get(`/marketing-setup/contacts/${person.documentId}/interactions`),
  duplicates: (c: Client) => c.get(`/marketing-setup/contacts/${person.documentId}/duplicates`),
  propagationPreview: (c: Client) =>
    c.post(`/marketing-setup/contacts/${company.documentId}/propagation-preview`, { data: { city: 'Brugge' } }),
  resetInheritance: (c: Client) => c.post(`/marketing-setup/contacts/${person.documentId}/reset-inheritance`, {}),
});

let author: Client;
let editor: Client;
let reader: Client;
let admin: Client;
// Created by others (REST, with an API token) and by the Author through the Content Manager.
let othersCompany: any;
let othersPerson: any;
let ownCompany: any;
let ownPerson: any;

const PHONE = '09 222 33 44';

beforeAll(async () => {
  admin = await adminClient(t.strapi, 'super@example.com', 'strapi-super-admin');
  author = await adminClient(t.strapi, 'author@example.com', 'strapi-author');
  editor = await adminClient(t.strapi, 'editor@example.com', 'strapi-editor');
  reader = await userWithRole('Contact reader', [{ action: READ, subject: UID.contact }]);

  othersCompany = (
    await createOk(t.api, 'contacts', { type: 'company', name: 'Others Company', city: 'Gent', phoneNo: PHONE })
  ).data;
  othersPerson = (
    await createOk(t.api, 'contacts', {
      type: 'person',
      name: 'Olga Other',
      company: othersCompany.documentId,
      city: 'Leuven',
    })
  ).data;
  ownCompany = await createdBy(author, { type: 'company', name: 'Authors Company', city: 'Gent', phoneNo: PHONE });
  ownPerson = await createdBy(author, {
    type: 'person',
    name: 'Anna Author',
    company: ownCompany.documentId,
    city: 'Leuven',
  });
});

describe('Author (Content Manager rights on the contacts it created)', () => {
  test('the Content Manager itself: 200 on its own contact, 403 on a contact of others', async () => {
    expect((await author.get(`${CM}/${ownPerson.documentId}`)).status).toBe(200);
    expect((await author.get(`${CM}/${othersPerson.documentId}`)).status).toBe(403);
  });

  test('every contact panel route: 200 on its own contacts', async () => {
    const statuses = await Promise.all(
      Object.entries(panelRoutes(ownPerson, ownCompany)).map(async ([name, call]) => [
        name,
        (await call(author)).status,
      ]),
    );
    expect(Object.fromEntries(statuses)).toEqual({
      inheritance: 200,
      interactions: 200,
      duplicates: 200,
      propagationPreview: 200,
      resetInheritance: 200,
    });
  });

  test('every contact panel route: 403 on contacts created by others, with a message saying why', async () => {
    const routes = panelRoutes(othersPerson, othersCompany);
    const statuses: Record<string, number> = {};
    for (const [name, call] of Object.entries(routes)) statuses[name] = (await call(author)).status;
    expect(statuses).toEqual({
      inheritance: 403,
      interactions: 403,
      duplicates: 403,
      propagationPreview: 403,
      resetInheritance: 403,
    });
    const res = await routes.inheritance(author);
    expect(res.body.error).toMatchObject({
      status: 403,
      name: 'PolicyError',
      message: `You may not see this contact (${othersPerson.no}); your role does not allow it.`,
    });
  });

  test('a refused reset changes nothing: the override of the other person stays', async () => {
    await t.api.put(`${API}/contacts/${othersPerson.documentId}`, { data: { phoneNo: '0470 00 00 00' } });
    const before = await docs(t.strapi, UID.contact).findOne({ documentId: othersPerson.documentId });
    expect(before.inheritanceOverrides).toContain('phoneNo');
    const res = await author.post(`/marketing-setup/contacts/${othersPerson.documentId}/reset-inheritance`, {
      fields: ['phoneNo'],
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `You may not change this contact (${othersPerson.no}); your role does not allow it.`,
    );
    const after = await docs(t.strapi, UID.contact).findOne({ documentId: othersPerson.documentId });
    expect([after.phoneNo, after.inheritanceOverrides]).toEqual(['0470 00 00 00', before.inheritanceOverrides]);
  });

  test('its own person, with its own company: the reset works and the overview shows both values', async () => {
    await author.put(`${CM}/${ownPerson.documentId}`, { phoneNo: '0471 11 11 11' });
    const res = await author.post(`/marketing-setup/contacts/${ownPerson.documentId}/reset-inheritance`, {
      fields: ['phoneNo'],
    });
    expect(res.status).toBe(200);
    const phone = res.body.data.groups.flatMap((g: any) => g.keys).find((k: any) => k.key === 'phoneNo');
    expect(phone).toEqual({
      key: 'phoneNo',
      overridden: false,
      fields: [{ field: 'phoneNo', person: PHONE, company: PHONE }],
    });
  });

  test('an unknown contact is a 404, not a 403', async () => {
    const res = await author.get('/marketing-setup/contacts/nosuchdocument0000000000/inheritance');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('No contact with documentId nosuchdocument0000000000.');
  });
});

describe('Author: records of its own that point at contacts it may not read', () => {
  const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
  const count = (uid: string) => t.strapi.db.query(uid as any).count({});

  test('a person of a company it may not read: refused as for a company that does not exist, nothing written', async () => {
    const before = await count(UID.contact);
    for (const company of [
      { connect: [{ id: othersCompany.id }] },
      { connect: [{ documentId: othersCompany.documentId }] },
    ]) {
      const res = await author.post(cm(UID.contact), { type: 'person', name: 'Wout Verlinden', company });
      expect([res.status, res.body.error?.message]).toEqual([400, 'The company given does not exist.']);
    }
    // Exactly the answer for an id no contact has: the refusal tells nothing about the hidden one.
    const none = await author.post(cm(UID.contact), {
      type: 'person',
      name: 'Wout Verlinden',
      company: { connect: [{ id: 2_000_000_000 }] },
    });
    expect([none.status, none.body.error?.message]).toEqual([400, 'The company given does not exist.']);
    expect(await count(UID.contact)).toBe(before);
    // Its own company: as before.
    const own = await author.post(cm(UID.contact), {
      type: 'person',
      name: 'Wout Verlinden',
      company: { connect: [{ documentId: ownCompany.documentId }] },
    });
    expect(own.status).toBe(201);
    expect(own.body.data).toMatchObject({ city: 'Gent', phoneNo: PHONE });
  });

  test('an interaction entry or an opportunity on a hidden contact: refused; on its own: written', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['plugin::marketing-setup.interaction-log-entry', { description: 'Gebeld over offerte' }],
      [UID.opportunity, { description: 'Broodmachines' }],
    ];
    for (const [uid, data] of cases) {
      const before = await count(uid);
      const hidden = await author.post(cm(uid), { ...data, contact: { connect: [{ id: othersCompany.id }] } });
      expect([uid, hidden.status, hidden.body.error?.message]).toEqual([uid, 400, 'The contact given does not exist.']);
      expect(await count(uid)).toBe(before);
      const own = await author.post(cm(uid), {
        ...data,
        contact: { connect: [{ documentId: ownCompany.documentId }] },
      });
      expect([uid, own.status]).toEqual([uid, 201]);
    }
    // The admin's contact can still be deleted: no opportunity of the Author blocks it.
    const extra = (await createOk(t.api, 'contacts', { type: 'company', name: 'Bakkerij Verborgen' })).data;
    const blocked = await author.post(cm(UID.opportunity), {
      description: 'Ovens',
      contact: { connect: [{ documentId: extra.documentId }] },
    });
    expect(blocked.status).toBe(400);
    expect((await t.api.del(`${API}/contacts/${extra.documentId}`)).status).toBe(204);
  });

  test('the super admin links any contact, as before', async () => {
    const res = await admin.post(cm('plugin::marketing-setup.interaction-log-entry'), {
      description: 'Bezoek',
      contact: { connect: [{ documentId: othersCompany.documentId }] },
    });
    expect(res.status).toBe(201);
  });
});

describe('Editor (Content Manager rights on every contact)', () => {
  test("every contact panel route: 200 on contacts of others and on the Author's", async () => {
    for (const [person, company] of [
      [othersPerson, othersCompany],
      [ownPerson, ownCompany],
    ]) {
      const statuses: Record<string, number> = {};
      for (const [name, call] of Object.entries(panelRoutes(person, company)))
        statuses[name] = (await call(editor)).status;
      expect(statuses).toEqual({
        inheritance: 200,
        interactions: 200,
        duplicates: 200,
        propagationPreview: 200,
        resetInheritance: 200,
      });
    }
  });
});

describe('custom role: reads every contact, may not update', () => {
  test('the panels that show: 200 on any contact; the reset: 403', async () => {
    for (const [person, company] of [
      [othersPerson, othersCompany],
      [ownPerson, ownCompany],
    ]) {
      const statuses: Record<string, number> = {};
      for (const [name, call] of Object.entries(panelRoutes(person, company)))
        statuses[name] = (await call(reader)).status;
      expect(statuses).toEqual({
        inheritance: 200,
        interactions: 200,
        duplicates: 200,
        propagationPreview: 200,
        resetInheritance: 403,
      });
    }
  });
});

describe('field-level permissions', () => {
  test('a role that may not read the phone number does not get it in the inheritance overview', async () => {
    const fields = [
      'no',
      'type',
      'name',
      'company',
      'address',
      'address2',
      'postCode',
      'city',
      'county',
      'countryRegion',
      'email',
      'language',
    ];
    const limited = await userWithRole('Limited reader', [{ action: READ, subject: UID.contact, fields }]);
    const res = await limited.get(`/marketing-setup/contacts/${othersPerson.documentId}/inheritance`);
    expect(res.status).toBe(200);
    const shown = res.body.data.groups.flatMap((g: any) =>
      g.keys.flatMap((k: any) => k.fields.map((f: any) => f.field)),
    );
    expect(shown).toEqual(expect.arrayContaining(['city', 'email', 'language']));
    expect(shown).not.toContain('phoneNo');
    expect(shown).not.toContain('salesperson');
    expect(JSON.stringify(res.body)).not.toContain(PHONE);
  });

  test('a role that may update all but the phone number may not reset the phone number', async () => {
    const limited = await userWithRole('Limited updater', [
      { action: READ, subject: UID.contact },
      {
        action: UPDATE,
        subject: UID.contact,
        fields: ['name', 'city', 'address', 'address2', 'postCode', 'county', 'countryRegion'],
      },
    ]);
    await t.api.put(`${API}/contacts/${othersPerson.documentId}`, { data: { phoneNo: '0470 00 00 00' } }); // overridden again (the Editor reset it)
    const res = await limited.post(`/marketing-setup/contacts/${othersPerson.documentId}/reset-inheritance`, {
      fields: ['phoneNo'],
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('You may not change these fields of this contact: phoneNo.');
    expect((await docs(t.strapi, UID.contact).findOne({ documentId: othersPerson.documentId })).phoneNo).toBe(
      '0470 00 00 00',
    );
  });
});

describe('merge, undo and the duplicates review: update the survivor, delete the duplicate', () => {
  const TWIN = {
    type: 'company',
    address: 'Kerkstraat 1',
    postCode: '9000',
    city: 'Gent',
    phoneNo: '09 111 11 11',
    email: 'info@twins.be',
  };
  let merger: Client;
  let ownA: any;
  let ownB: any;
  let othersA: any;
  let othersB: any;

  beforeAll(async () => {
    const own = ['admin::is-creator'];
    merger = await userWithRole('Author merger', [
      { action: REVIEW },
      { action: MERGE },
      { action: CREATE, subject: UID.contact },
      { action: READ, subject: UID.contact, conditions: own },
      { action: UPDATE, subject: UID.contact, conditions: own },
      { action: DELETE, subject: UID.contact, conditions: own },
    ]);
    ownA = await createdBy(merger, { ...TWIN, name: 'Twin Own NV' });
    ownB = await createdBy(merger, { ...TWIN, name: 'Twin Own N.V.' });
    othersA = (
      await createOk(t.api, 'contacts', {
        ...TWIN,
        name: 'Twin Others NV',
        email: 'x@others.be',
        phoneNo: '02 999 99 99',
        city: 'Brussel',
        postCode: '1000',
        address: 'Markt 9',
      })
    ).data;
    othersB = (
      await createOk(t.api, 'contacts', {
        ...TWIN,
        name: 'Twin Others N.V.',
        email: 'x@others.be',
        phoneNo: '02 999 99 99',
        city: 'Brussel',
        postCode: '1000',
        address: 'Markt 9',
      })
    ).data;
  });

  test('the review list shows only pairs of two contacts the user may open', async () => {
    const all = (await admin.get('/marketing-setup/duplicates?pageSize=100')).body.data.map((p: any) => [
      p.contact.name,
      p.duplicateContact.name,
    ]);
    expect(all).toEqual(
      expect.arrayContaining([
        ['Twin Own N.V.', 'Twin Own NV'],
        ['Twin Others N.V.', 'Twin Others NV'],
      ]),
    );
    const mine = await merger.get('/marketing-setup/duplicates?pageSize=100');
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((p: any) => [p.contact.name, p.duplicateContact.name])).toEqual([
      ['Twin Own N.V.', 'Twin Own NV'],
    ]);
    expect(mine.body.meta.pagination.total).toBe(1);
  });

  test('a reviewer whose role may not read contacts at all: 403 on the review list', async () => {
    const blind = await userWithRole('Blind reviewer', [{ action: REVIEW }]);
    const res = await blind.get('/marketing-setup/duplicates');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Your role may not read contacts, so it cannot list them or their duplicates.');
  });

  test('"not a duplicate" on a pair of others: 403, the pair stays open', async () => {
    const pair = (await admin.get(`/marketing-setup/duplicates?contact=${othersA.documentId}`)).body.data[0];
    const res = await merger.post(`/marketing-setup/duplicates/${pair.pairDocumentId}/separate`, {});
    expect(res.status).toBe(403);
    expect((await admin.get(`/marketing-setup/duplicates?contact=${othersA.documentId}`)).body.data).toHaveLength(1);
  });

  test("a merge into its own contact of another's contact: 403 and both still exist; the dry run too", async () => {
    const dry = await merger.post(`/marketing-setup/contacts/${ownA.documentId}/merge`, {
      duplicate: othersB.documentId,
      dryRun: true,
    });
    expect(dry.status).toBe(403);
    expect(dry.body.error.message).toBe(
      `You may not see the duplicate contact (${othersB.no}); your role does not allow it.`,
    );
    const res = await merger.post(`/marketing-setup/contacts/${ownA.documentId}/merge`, {
      duplicate: othersB.documentId,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `You may not delete the duplicate contact (${othersB.no}); your role does not allow it.`,
    );
    const intoOthers = await merger.post(`/marketing-setup/contacts/${othersA.documentId}/merge`, {
      duplicate: ownB.documentId,
    });
    expect(intoOthers.status).toBe(403);
    expect(intoOthers.body.error.message).toBe(
      `You may not change the surviving contact (${othersA.no}); your role does not allow it.`,
    );
    for (const c of [ownA, othersA, othersB, ownB])
      expect((await t.api.get(`${API}/contacts/${c.documentId}`)).status).toBe(200);
  });

  test('an undo of a merge of others: 403; its own merge and undo: 200', async () => {
    const others = await admin.post(`/marketing-setup/contacts/${othersA.documentId}/merge`, {
      duplicate: othersB.documentId,
    });
    expect(others.status).toBe(200);
    const undo = await merger.post(`/marketing-setup/merge-logs/${others.body.data.mergeLog}/undo`, {});
    expect(undo.status).toBe(403);
    expect((await t.api.get(`${API}/contacts/${othersB.documentId}`)).status).toBe(404);

    const own = await merger.post(`/marketing-setup/contacts/${ownA.documentId}/merge`, { duplicate: ownB.documentId });
    expect(own.status).toBe(200);
    expect((await t.api.get(`${API}/contacts/${ownB.documentId}`)).status).toBe(404);
    expect((await merger.post(`/marketing-setup/merge-logs/${own.body.data.mergeLog}/undo`, {})).status).toBe(200);
    expect((await t.api.get(`${API}/contacts/${ownB.documentId}`)).status).toBe(200);
  });
});

describe('a route the role has no permission for', () => {
  test('403 naming the permission the role lacks, and nothing changed', async () => {
    const before = (await admin.get('/marketing-setup/settings')).body.data;
    const settings = await author.put('/marketing-setup/settings', { data: { searchHitPercent: 99 } });
    expect(settings.status).toBe(403);
    expect(settings.body.error.message).toBe(
      'Your role does not have the permission "Change the Marketing Setup and number series" (Settings → Roles → Plugins → Marketing Setup).',
    );
    expect((await admin.get('/marketing-setup/settings')).body.data).toEqual(before);
    const undo = await author.post('/marketing-setup/merge-logs/any/undo', {});
    expect(undo.status).toBe(403);
    expect(undo.body.error.message).toBe(
      'Your role does not have the permission "Merge duplicate contacts" (Settings → Roles → Plugins → Marketing Setup).',
    );
    const mails = await author.get('/marketing-setup/email-reviews');
    expect(mails.status).toBe(403);
    expect(mails.body.error.message).toBe(
      'Your role does not have the permission "Review unmatched e-mails (link, create contact, ignore)" (Settings → Roles → Plugins → Marketing Setup).',
    );
    // A role that may read contacts but not change them: the reset of a contact's inheritance.
    const readOnly = await userWithRole('Read only', [{ action: READ, subject: UID.contact }]);
    const reset = await readOnly.post(`/marketing-setup/contacts/${ownPerson.documentId}/reset-inheritance`, {});
    expect(reset.status).toBe(403);
    expect(reset.body.error.message).toBe(
      'Your role may not update contacts (Settings → Roles → Collection Types → Contact).',
    );
  });
});
