import { API, counts, useTestApp } from '../helpers/fixtures';

const t = useTestApp({});

test('a fresh install has the reference defaults', async () => {
  const { data } = (await t.api.get(`${API}/setup`)).body;
  expect(data).toMatchObject({
    inheritSalesperson: true,
    inheritTerritory: true,
    inheritCountryRegion: true,
    inheritLanguage: true,
    inheritAddressDetails: true,
    inheritCommunicationDetails: true,
    inheritFormatRegion: true,
    maintainDuplSearchStrings: true,
    autosearchForDuplicates: true,
    searchHitPercent: 60,
  });
});

test.each([0, 101, 50.5, '60'])('search hit %% %p → 400, nothing saved', async (value) => {
  const res = await t.api.put(`${API}/setup`, { data: { searchHitPercent: value } });
  expect(res.status).toBe(400);
  expect((await t.api.get(`${API}/setup`)).body.data.searchHitPercent).toBe(60);
});

test.each([
  ['emailCheckIntervalSeconds', 5, 'Check at most every 10 seconds: enter 10 or more.'],
  ['emailBatchSize', -1, 'Enter 0 (no limit) or a positive number.'],
  ['emailImapPort', 70000, 'Enter a port from 1 to 65535.'],
])('%s %p → 400 in the words of the settings page, not the attribute name', async (field, value, message) => {
  const res = await t.api.put(`${API}/setup`, { data: { [field]: value } });
  expect(res.status).toBe(400);
  expect(res.body.error.message).toBe(message);
  expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: [field], message })]);
});

test('100 is stored; autosearch on forces maintain on; maintain off forces autosearch off', async () => {
  expect((await t.api.put(`${API}/setup`, { data: { searchHitPercent: 100 } })).body.data.searchHitPercent).toBe(100);
  let s = (await t.api.put(`${API}/setup`, { data: { maintainDuplSearchStrings: false } })).body.data;
  expect(s).toMatchObject({ maintainDuplSearchStrings: false, autosearchForDuplicates: false });
  s = (await t.api.put(`${API}/setup`, { data: { autosearchForDuplicates: true } })).body.data;
  expect(s).toMatchObject({ maintainDuplSearchStrings: true, autosearchForDuplicates: true });
  s = (await t.api.put(`${API}/setup`, { data: { autosearchForDuplicates: false } })).body.data;
  expect(s).toMatchObject({ maintainDuplSearchStrings: true, autosearchForDuplicates: false });
});

test('the setup cannot be deleted, and nothing is public', async () => {
  const before = await counts(t.strapi);
  expect((await t.api.del(`${API}/setup`)).status).toBe(400);
  expect(await counts(t.strapi)).toEqual(before);
  expect((await t.api.raw().get(`${API}/contacts`)).status).toBe(403);
  expect((await t.api.raw().get(`${API}/setup`)).status).toBe(403);
});

test('a setup relation to a record that does not exist → 400 naming the field, not Strapi\'s "Document with id"', async () => {
  const res = await t.api.put(`${API}/setup`, { data: { contactNos: 'nosuchseries0000000000000' } });
  expect(res.status).toBe(400);
  expect(res.body.error.message).toBe('The Contact Nos. given does not exist.');
  expect(res.body.error.details.errors[0].path).toEqual(['contactNos']);
});

test.each([
  ['salespeople', ''],
  ['business-relations', ''],
  ['interaction-groups', ''],
  ['interaction-templates', ''],
  ['territories', '   '],
  ['territories', undefined],
])('a code table refuses a blank code: %s %p → 400 "Code must not be blank.", nothing written', async (path, code) => {
  const before = await counts(t.strapi);
  const res = await t.api.post(`${API}/${path}`, { data: code === undefined ? { name: 'No code' } : { code } });
  expect(res.status).toBe(400);
  expect(res.body.error.message).toBe('Code must not be blank.');
  expect(res.body.error.details.errors[0].path).toEqual(['code']);
  expect(await counts(t.strapi)).toEqual(before);
});

test('a code cannot be cleared on update; an update without code keeps it', async () => {
  const created = await t.api.post(`${API}/territories`, { data: { code: 'EU', name: 'Europe' } });
  expect(created.status).toBe(201);
  const id = created.body.data.documentId;
  const cleared = await t.api.put(`${API}/territories/${id}`, { data: { code: '  ' } });
  expect(cleared.status).toBe(400);
  expect(cleared.body.error.message).toBe('Code must not be blank.');
  const renamed = await t.api.put(`${API}/territories/${id}`, { data: { name: 'Europa' } });
  expect(renamed.status).toBe(200);
  expect(renamed.body.data).toMatchObject({ code: 'EU', name: 'Europa' });
});
