/**
 * A contact's edit form left open while the contact changes underneath it. The Content Manager sends every field
 * back on save, so a person's form opened before the company moved used to save the old address as the person's own
 * (an override: the person stopped following the company) and a second admin's form silently undid the first
 * admin's edit. Now the form carries the contact's revision (its last write, hidden) and such a save is a 409 with
 * nothing written; a client that sends no revision keeps last-write-wins.
 */
import { adminClient, API, contentManagerForm, createOk, docs, UID, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
const CM = `/content-manager/collection-types/${UID.contact}`;
let admin: Awaited<ReturnType<typeof adminClient>>;
let other: Awaited<ReturnType<typeof adminClient>>;

beforeAll(async () => {
  admin = await adminClient(t.strapi, 'stale-a@example.com', 'strapi-super-admin');
  other = await adminClient(t.strapi, 'stale-b@example.com', 'strapi-super-admin');
});

const openForm = contentManagerForm;
const save = (client: typeof admin, documentId: string, form: Record<string, unknown>, edits = {}) =>
  client.put(`${CM}/${documentId}`, { ...form, ...edits });

const stored = async (documentId: string) => docs(t.strapi, UID.contact).findOne({ documentId });

async function companyWithPerson(name: string) {
  const company = (
    await createOk(t.api, 'contacts', {
      type: 'company',
      name,
      address: 'Kerkstraat 1',
      city: 'Gent',
      postCode: '9000',
    })
  ).data;
  const person = (
    await createOk(t.api, 'contacts', { type: 'person', name: 'Jan Peeters', company: company.documentId })
  ).data;
  return { company, person };
}

const STALE =
  /^This contact was changed after you opened it \(last saved at \d\d:\d\d:\d\d UTC, by another user or by a change of its company\)\. Nothing was saved: reload the page to see the current values, then make your change again\.$/;

describe('an edit form opened before the contact changed', () => {
  test('the form carries the revision: the moment of the last write, as REST shows it too', async () => {
    const { person } = await companyWithPerson('Revisie BV');
    const form = await openForm(admin, person.documentId);
    const row = await stored(person.documentId);
    expect(form.revision).toBe(new Date(row.updatedAt).toISOString());
    const rest = await t.api.get(`${API}/contacts/${person.documentId}`);
    expect(rest.body.data.revision).toBe(form.revision);
    // Created with a revision of its own: ignored, the new contact gets its own.
    const created = (await createOk(t.api, 'contacts', { name: 'Nieuw NV', revision: '2020-01-01T00:00:00.000Z' }))
      .data;
    expect(created.revision).toBe(new Date((await stored(created.documentId)).updatedAt).toISOString());
  });

  test("the company moved while the person's form was open: 409, the person keeps following the company", async () => {
    const { company, person } = await companyWithPerson('Alfa BV');
    const form = await openForm(admin, person.documentId);
    expect(form).toMatchObject({ address: 'Kerkstraat 1', city: 'Gent' });

    const moved = await t.api.put(`${API}/contacts/${company.documentId}`, {
      data: { address: 'Stationsstraat 5', city: 'Brugge', postCode: '8000' },
    });
    expect(moved.status).toBe(200);
    expect(await stored(person.documentId)).toMatchObject({ address: 'Stationsstraat 5', city: 'Brugge' });

    const res = await save(admin, person.documentId, form, { jobTitle: 'Buyer' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(STALE);
    expect(await stored(person.documentId)).toMatchObject({
      address: 'Stationsstraat 5',
      city: 'Brugge',
      postCode: '8000',
      jobTitle: null,
      inheritanceOverrides: [],
    });

    // Reloaded, the same edit is saved and the person still follows the company.
    const again = await save(admin, person.documentId, await openForm(admin, person.documentId), { jobTitle: 'Buyer' });
    expect(again.status).toBe(200);
    expect(await stored(person.documentId)).toMatchObject({
      address: 'Stationsstraat 5',
      city: 'Brugge',
      jobTitle: 'Buyer',
      inheritanceOverrides: [],
    });
    await t.api.put(`${API}/contacts/${company.documentId}`, { data: { city: 'Oostende', postCode: '8400' } });
    expect(await stored(person.documentId)).toMatchObject({ city: 'Oostende', postCode: '8400' });
  });

  test("two admins on one contact: the second save does not undo the first admin's edit", async () => {
    const { person } = await companyWithPerson('Beta BV');
    const formA = await openForm(admin, person.documentId);
    const formB = await openForm(other, person.documentId);

    expect((await save(admin, person.documentId, formA, { mobilePhoneNo: '0470 11 22 33' })).status).toBe(200);
    const res = await save(other, person.documentId, formB, { jobTitle: 'Director' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(STALE);
    expect(await stored(person.documentId)).toMatchObject({ mobilePhoneNo: '0470 11 22 33', jobTitle: null });

    // The first admin saves again from the form the save gave back: its revision is the new one.
    const after = await admin.get(`${CM}/${person.documentId}`);
    expect(after.body.data.revision).toBe(new Date((await stored(person.documentId)).updatedAt).toISOString());
    expect(
      (await save(other, person.documentId, await openForm(other, person.documentId), { jobTitle: 'Director' })).status,
    ).toBe(200);
    expect(await stored(person.documentId)).toMatchObject({ mobilePhoneNo: '0470 11 22 33', jobTitle: 'Director' });
  });

  test('REST: without a revision the last write wins; with the one read, a stale write is a 409', async () => {
    const { person } = await companyWithPerson('Gamma BV');
    const read = (await t.api.get(`${API}/contacts/${person.documentId}`)).body.data;
    expect((await t.api.put(`${API}/contacts/${person.documentId}`, { data: { jobTitle: 'A' } })).status).toBe(200);
    expect((await t.api.put(`${API}/contacts/${person.documentId}`, { data: { jobTitle: 'B' } })).status).toBe(200);

    const stale = await t.api.put(`${API}/contacts/${person.documentId}`, {
      data: { jobTitle: 'C', revision: read.revision },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      status: 409,
      name: 'ConflictError',
      message: expect.stringMatching(STALE),
    });
    expect((await stored(person.documentId)).jobTitle).toBe('B');

    const fresh = (await t.api.get(`${API}/contacts/${person.documentId}`)).body.data;
    const ok = await t.api.put(`${API}/contacts/${person.documentId}`, {
      data: { jobTitle: 'C', revision: fresh.revision },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ jobTitle: 'C', revision: expect.any(String) });
    expect(ok.body.data.revision).not.toBe(fresh.revision);
  });

  test('a revision that is no date: 400 saying what it must be, nothing written', async () => {
    const { person } = await companyWithPerson('Delta BV');
    const answers: Record<string, unknown> = {};
    for (const revision of ['yesterday', 12]) {
      const res = await t.api.put(`${API}/contacts/${person.documentId}`, { data: { jobTitle: 'X', revision } });
      answers[String(revision)] = [res.status, res.body.error.message];
    }
    expect(answers).toEqual({
      yesterday: [
        400,
        'Revision must be the value read with the contact (a date and time such as 2026-12-07T10:15:00.000Z), or left out.',
      ],
      12: [400, 'revision must be a string, not number.'],
    });
    expect((await stored(person.documentId)).jobTitle).toBeNull();
  });
});
