import { API, docs, updateSetup, useTestApp, createOk } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
const SEARCH_SETUP = 'plugin::marketing-setup.duplicate-search-setup';
const STRINGS = 'ms_contact_search_strings';

const create = (data: Record<string, any>) => createOk(t.api, 'contacts', data);
const update = async (documentId: string, data: Record<string, any>) => {
  const res = await t.api.put(`${API}/contacts/${documentId}`, { data });
  if (res.status !== 200) throw new Error(`update failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};
const pairsOf = async (documentId: string, includeSeparate = false) => {
  const res = await t.api.get(
    `${API}/contacts/${documentId}/duplicates${includeSeparate ? '?includeSeparate=true' : ''}`,
  );
  expect(res.status).toBe(200);
  return res.body.data;
};
const stringsOf = async (documentId: string) => {
  const { id } = await t.strapi.db
    .query('plugin::marketing-setup.contact')
    .findOne({ where: { documentId }, select: ['id'] });
  return t.strapi.db
    .connection(STRINGS)
    .where('contact_id', id)
    .select('field', 'part', 'value')
    .orderBy(['field', 'part']);
};
const setLines = async (lines: { field: string; part: string; length: number }[]) => {
  for (const l of await docs(t.strapi, SEARCH_SETUP).findMany({}))
    await docs(t.strapi, SEARCH_SETUP).delete({ documentId: l.documentId });
  for (const l of lines) expect((await t.api.post(`${API}/duplicate-search-setups`, { data: l })).status).toBe(201);
};
const DEFAULT_LINES = [
  'name',
  'address',
  'city',
  'phoneNo',
  'vatRegistrationNo',
  'postCode',
  'email',
  'mobilePhoneNo',
].flatMap((field) => ['first', 'last'].map((part) => ({ field, part, length: 5 })));

describe('default setup (16 lines, hit 60 %)', () => {
  test("a fresh install has the reference's 16 search-string lines", async () => {
    const lines = (await t.api.get(`${API}/duplicate-search-setups?pagination[pageSize]=100&sort=id`)).body.data;
    expect(lines.map((l: any) => ({ field: l.field, part: l.part, length: l.length }))).toEqual(DEFAULT_LINES);
  });

  test('two companies with equal name, address, city, post code, phone, VAT and e-mail → a pair with 14 matching strings', async () => {
    const data = {
      type: 'company',
      name: 'Northwind Traders NV',
      address: 'Industrieweg 12',
      city: 'Mechelen',
      postCode: '2800',
      phoneNo: '015 12 34 56',
      vatRegistrationNo: 'BE0123456789',
      email: 'info@northwind.be',
    };
    const a = await create(data);
    expect(a.meta.duplicates).toBeUndefined();
    expect(await stringsOf(a.data.documentId)).toHaveLength(14);
    const b = await create(data);
    expect(b.meta.duplicates).toEqual([
      expect.objectContaining({
        documentId: a.data.documentId,
        no: a.data.no,
        name: 'Northwind Traders NV',
        matchingStrings: 14,
        hitPercent: 88,
        rules: ['searchStrings', 'fuzzy'],
      }),
    ]);
    const [pair] = await pairsOf(a.data.documentId);
    expect(pair).toMatchObject({ documentId: b.data.documentId, matchingStrings: 14, separateContacts: false });
    expect(pair.fuzzyScore).toBe(1);
  });

  test('"Fabrikam NV" vs "Fabrikkam N.V." in the same city → a fuzzy pair with its breakdown; "Contoso NV" → none', async () => {
    const a = await create({ name: 'Fabrikam NV', address: 'Kerkstraat 1', city: 'Gent', postCode: '9000' });
    const b = await create({ name: 'Fabrikkam N.V.', address: 'Kerkstraat 1', city: 'Gent', postCode: '9000' });
    expect(b.meta.duplicates).toEqual([expect.objectContaining({ documentId: a.data.documentId, rules: ['fuzzy'] })]);
    const [pair] = await pairsOf(b.data.documentId);
    expect(pair.rules).toEqual(['fuzzy']);
    expect(pair.breakdown.map((f: any) => f.field)).toEqual(
      expect.arrayContaining(['name', 'address', 'postCode', 'city']),
    );
    expect(pair.breakdown.find((f: any) => f.field === 'name').score).toBeGreaterThan(0.9);
    const c = await create({ name: 'Contoso NV', address: 'Kerkstraat 3', city: 'Gent', postCode: '9000' });
    expect(c.meta.duplicates).toBeUndefined();
    expect(await pairsOf(c.data.documentId)).toEqual([]);
  });

  test('persons are paired with persons only: a company and a person with equal data → no pair', async () => {
    const data = {
      name: 'Jan Peeters',
      address: 'Dorpstraat 5',
      city: 'Lier',
      postCode: '2500',
      phoneNo: '03 480 11 22',
      email: 'jan.peeters@telenet.be',
    };
    const company = await create({ ...data, type: 'company' });
    const person = await create({ ...data, type: 'person' });
    expect(person.meta.duplicates).toBeUndefined();
    expect(await pairsOf(company.data.documentId)).toEqual([]);
    const person2 = await create({ ...data, type: 'person' });
    expect(person2.meta.duplicates).toEqual([expect.objectContaining({ documentId: person.data.documentId })]);
  });

  test("colleagues who inherit their company's address, phone and e-mail are no pair; the same person entered twice is", async () => {
    const co = await create({
      name: 'Tailspin Toys',
      address: 'Markt 7',
      city: 'Tienen',
      postCode: '3300',
      phoneNo: '016 81 81 81',
      email: 'info@tailspin.be',
    });
    const jan = await create({ type: 'person', name: 'Jan Smets', company: co.data.documentId });
    const ann = await create({ type: 'person', name: 'Ann Wouters', company: co.data.documentId });
    expect(ann.meta.duplicates).toBeUndefined();
    const jan2 = await create({ type: 'person', name: 'Jan Smets', company: co.data.documentId });
    expect(jan2.meta.duplicates).toEqual([
      expect.objectContaining({ documentId: jan.data.documentId, rules: ['fuzzy'] }),
    ]);
  });

  test('a pair marked separate stays separate after a re-save and is not reported again', async () => {
    const data = {
      name: 'Globex Holding',
      address: 'Meir 1',
      city: 'Antwerpen',
      postCode: '2000',
      phoneNo: '03 222 33 44',
      email: 'info@globex.be',
    };
    const a = await create(data);
    const b = await create(data);
    const [{ pairDocumentId }] = b.meta.duplicates;
    const put = await t.api.put(`${API}/contact-duplicates/${pairDocumentId}`, {
      data: { separateContacts: true, matchingStrings: 99 },
    });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ separateContacts: true, matchingStrings: 12 }); // only the flag is a person's to set
    const again = await update(b.data.documentId, { address: 'Meir 1A' });
    expect(again.meta.duplicates).toBeUndefined();
    expect(await pairsOf(a.data.documentId)).toEqual([]);
    expect(await pairsOf(a.data.documentId, true)).toEqual([
      expect.objectContaining({ pairDocumentId, separateContacts: true }),
    ]);
    const found = await t.api.post(`${API}/contacts/${a.data.documentId}/find-duplicates`, {});
    expect(found.status).toBe(200);
    expect(found.body.data).toEqual([]);

    // The decision is kept: it cannot be blanked, nor deleted (the next search would report the pair again).
    const blank = await t.api.put(`${API}/contact-duplicates/${pairDocumentId}`, { data: { separateContacts: null } });
    expect([blank.status, blank.body.error?.message]).toEqual([
      400,
      'Separate Contacts is either true (not duplicates) or false.',
    ]);
    const del = await t.api.del(`${API}/contact-duplicates/${pairDocumentId}`);
    expect([del.status, del.body.error?.message]).toEqual([
      400,
      'This pair is marked as separate contacts (not duplicates); deleting it would let the search report them again. Set separateContacts to false first.',
    ]);
    expect(await pairsOf(a.data.documentId, true)).toEqual([
      expect.objectContaining({ pairDocumentId, separateContacts: true }),
    ]);
    // Once reopened, a pair may be deleted.
    await t.api.put(`${API}/contact-duplicates/${pairDocumentId}`, { data: { separateContacts: false } });
    expect((await t.api.del(`${API}/contact-duplicates/${pairDocumentId}`)).status).toBe(204);
  });

  test('pairs are made by the search only', async () => {
    const res = await t.api.post(`${API}/contact-duplicates`, { data: { matchingStrings: 3 } });
    expect(res.status).toBe(400);
  });

  test('find-duplicates runs the search on demand; an unknown contact → 404', async () => {
    const a = await create({
      name: 'Initech BV',
      city: 'Leuven',
      postCode: '3000',
      phoneNo: '016 11 22 33',
      vatRegistrationNo: 'BE0999888777',
    });
    await updateSetup(t.strapi, { maintainDuplSearchStrings: false });
    const b = await create({
      name: 'Initech BV',
      city: 'Leuven',
      postCode: '3000',
      phoneNo: '016 11 22 33',
      vatRegistrationNo: 'BE0999888777',
    });
    expect(b.meta.duplicates).toBeUndefined();
    await updateSetup(t.strapi, { maintainDuplSearchStrings: true, autosearchForDuplicates: true });
    const res = await t.api.post(`${API}/contacts/${b.data.documentId}/find-duplicates`, {});
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({
        documentId: a.data.documentId,
        matchingStrings: 10,
        rules: ['searchStrings', 'fuzzy'],
      }),
    ]);
    expect((await t.api.post(`${API}/contacts/nope/find-duplicates`, {})).status).toBe(404);
  });

  test('autosearch off + maintain on → the pair is stored, no meta.duplicates', async () => {
    await updateSetup(t.strapi, { autosearchForDuplicates: false });
    try {
      const data = {
        name: 'Umbrella Corp',
        address: 'Stationsplein 4',
        city: 'Hasselt',
        postCode: '3500',
        phoneNo: '011 44 55 66',
      };
      const a = await create(data);
      const b = await create(data);
      expect(b.meta.duplicates).toBeUndefined();
      expect(await pairsOf(a.data.documentId)).toEqual([expect.objectContaining({ documentId: b.data.documentId })]);
    } finally {
      await updateSetup(t.strapi, { autosearchForDuplicates: true });
    }
  });

  test('maintain off → the strings stay as they were on a rename', async () => {
    const a = await create({ name: 'Wayne Enterprises', city: 'Brugge' });
    const before = await stringsOf(a.data.documentId);
    await updateSetup(t.strapi, { maintainDuplSearchStrings: false });
    try {
      await update(a.data.documentId, { name: 'Stark Industries' });
      expect(await stringsOf(a.data.documentId)).toEqual(before);
    } finally {
      await updateSetup(t.strapi, { maintainDuplSearchStrings: true, autosearchForDuplicates: true });
    }
    await update(a.data.documentId, { name: 'Stark Industries NV' });
    expect((await stringsOf(a.data.documentId)).find((s: any) => s.field === 'name' && s.part === 'first').value).toBe(
      'STARK',
    );
  });

  test('deleting a contact removes its strings and its pairs', async () => {
    const data = {
      name: 'Soylent Foods',
      address: 'Veldstraat 9',
      city: 'Kortrijk',
      postCode: '8500',
      phoneNo: '056 12 12 12',
    };
    const a = await create(data);
    const b = await create(data);
    expect(await pairsOf(a.data.documentId)).toHaveLength(1);
    expect((await t.api.del(`${API}/contacts/${b.data.documentId}`)).status).toBe(204);
    expect(await pairsOf(a.data.documentId, true)).toEqual([]);
    for (const table of [STRINGS, 'ms_contact_blocking_keys']) {
      const [{ n }] = await t.strapi.db
        .connection(table)
        .whereNotIn('contact_id', t.strapi.db.connection('ms_contacts').select('id'))
        .count({ n: '*' });
      expect(Number(n)).toBe(0);
    }
  });
});

test('the search costs a handful of statements per contact write, not one per contact or per setup line', async () => {
  const statements = async (fn: () => Promise<unknown>) => {
    let n = 0;
    // Only the write's own transaction: Strapi's entry.* event after the commit reads the record again
    // without being awaited, so counting every statement made the figure depend on timing.
    const count = (q: { __knexTxId?: string }) => {
      if (q.__knexTxId) n++;
    };
    t.strapi.db.connection.on('query', count);
    try {
      await fn();
    } finally {
      t.strapi.db.connection.off('query', count);
    }
    return n;
  };
  // The background worker's tick would be counted too: pause it for the count.
  t.strapi.config.set('plugin::marketing-setup.duplicateWorkerIntervalMs', 0);
  const data = (i: number) => ({
    name: `Counting Co ${i}`,
    address: `Laan ${i}`,
    city: 'Aalst',
    postCode: '9300',
    phoneNo: `053 00 00 0${i}`,
  });
  await create(data(0)); // warm-up
  const withSearch = Math.min(await statements(() => create(data(1))), await statements(() => create(data(2))));
  await updateSetup(t.strapi, { maintainDuplSearchStrings: false });
  await create(data(3));
  const without = Math.min(await statements(() => create(data(4))), await statements(() => create(data(5))));
  await updateSetup(t.strapi, { maintainDuplSearchStrings: true, autosearchForDuplicates: true });
  // Lines (1), strings delete + insert (2), keys delete + insert (2), candidates (1), candidate rows (≤ 1).
  t.strapi.config.set('plugin::marketing-setup.duplicateWorkerIntervalMs', 2000);
  if (process.env.SHOW_STATEMENTS) console.log({ withSearch, without });
  expect(withSearch - without).toBeLessThanOrEqual(7);
});

describe('persons written surname first, with initials, and households (issue 14)', () => {
  const get = async (documentId: string) => (await t.api.get(`${API}/contacts/${documentId}`)).body.data;
  const dupIds = (res: any) => (res.meta.duplicates ?? []).map((d: any) => d.documentId);

  test('"De Smet Geert" is found as "Geert De Smet" and stored with the surname "De Smet"', async () => {
    const home = { type: 'person', address: 'Kapelstraat 4', postCode: '9300', city: 'Aalst' };
    const a = await create({
      ...home,
      name: 'Geert De Smet',
      mobilePhoneNo: '0475 12 34 56',
      email: 'geert.desmet@telenet.be',
    });
    const b = await create({
      ...home,
      name: 'De Smet Geert',
      mobilePhoneNo: '+32 475/12.34.56',
      email: 'Geert.DeSmet@Telenet.be',
    });
    expect(dupIds(b)).toEqual([a.data.documentId]);
    expect(await get(b.data.documentId)).toMatchObject({
      name: 'De Smet Geert',
      firstName: 'Geert',
      middleName: null,
      surname: 'De Smet',
    });
    const [pair] = await pairsOf(b.data.documentId);
    const name = pair.breakdown.find((f: any) => f.field === 'name');
    expect(name).toMatchObject({ score: 1, parts: { surname: 1, firstName: 1 } });
    expect(pair.breakdown.find((f: any) => f.field === 'phone')).toMatchObject({
      score: 1,
      method: 'exact (mobile number)',
    });
  });

  test('surname first with a typo: "Verhoven Koen" is "Koen Verhoeven" at the same address and landline', async () => {
    const home = {
      type: 'person',
      address: 'Molenstraat 17',
      postCode: '3300',
      city: 'Tienen',
      phoneNo: '016 81 22 33',
    };
    const a = await create({ ...home, name: 'Koen Verhoeven' });
    const b = await create({ ...home, name: 'Verhoven Koen' });
    expect(dupIds(b)).toEqual([a.data.documentId]);
    const name = (await pairsOf(b.data.documentId))[0].breakdown.find((f: any) => f.field === 'name');
    expect(name.score).toBeGreaterThan(0.9);
    expect(name.score).toBeLessThan(1);
  });

  test('an initial: "M. Janssens" is "Marc Janssens"; "Janssens M." too', async () => {
    const home = {
      type: 'person',
      address: 'Veldstraat 88',
      postCode: '2300',
      city: 'Turnhout',
      mobilePhoneNo: '0486 55 44 33',
    };
    const a = await create({ ...home, name: 'Marc Janssens' });
    const b = await create({ ...home, name: 'M. Janssens' });
    expect(dupIds(b)).toEqual([a.data.documentId]);
    const c = await create({ ...home, name: 'Janssens M.' });
    expect(dupIds(c).sort()).toEqual([a.data.documentId, b.data.documentId].sort());
    expect(await get(c.data.documentId)).toMatchObject({ firstName: 'M.', surname: 'Janssens' });
    expect(
      (await pairsOf(c.data.documentId))
        .find((p: any) => p.documentId === a.data.documentId)
        .breakdown.find((f: any) => f.field === 'name'),
    ).toMatchObject({ score: 0.9, parts: { surname: 1, firstName: 0.9 } });
  });

  test('a household stays apart: "Anna De Smet" at the same address, landline and family mailbox as "Geert De Smet"', async () => {
    const house = {
      type: 'person',
      address: 'Schoolstraat 9',
      postCode: '8500',
      city: 'Kortrijk',
      phoneNo: '056 12 12 12',
      email: 'desmet.familie@gmail.com',
    };
    const geert = await create({ ...house, name: 'Geert De Smet', mobilePhoneNo: '0477 10 20 30' });
    const anna = await create({ ...house, name: 'Anna De Smet', mobilePhoneNo: '0477 40 50 60' });
    expect(anna.meta.duplicates).toBeUndefined();
    const anna2 = await create({ ...house, name: 'De Smet Anna' });
    expect(dupIds(anna2)).toEqual([anna.data.documentId]);
    expect(dupIds(anna2)).not.toContain(geert.data.documentId);
  });

  test('e-mail addresses are a set: one of two in E-Mail, or E-Mail 2, is the same e-mail, and is found in another town (session 14)', async () => {
    const a = await create({
      type: 'person',
      name: 'Karen Baertsoen',
      city: 'Gent',
      email: 'karen.baertsoen@gmail.com; k.baertsoen@kbc.be',
    });
    const b = await create({ type: 'person', name: 'Karen Baertsoen', city: 'Leuven', email: 'kb@telenet.be' });
    expect(b.meta.duplicates).toBeUndefined();
    // E-Mail 2 is read by the search: changing it re-indexes the contact and finds the pair.
    await update(b.data.documentId, { email2: 'K.Baertsoen@kbc.be' });
    const [pair] = await pairsOf(b.data.documentId);
    expect(pair.documentId).toBe(a.data.documentId);
    expect(pair.breakdown.find((f: any) => f.field === 'email')).toMatchObject({ score: 1, method: 'exact' });
  });

  test('the caller can say which part is the surname: parts sent win over the split of the name', async () => {
    const res = await create({
      type: 'person',
      name: 'Peeters Xandro',
      firstName: 'Xandro',
      surname: 'Peeters',
      city: 'Lier',
    });
    expect(await get(res.data.documentId)).toMatchObject({
      name: 'Xandro Peeters',
      firstName: 'Xandro',
      surname: 'Peeters',
    });
  });
});

describe('four lines (Name, City first/last 5)', () => {
  beforeAll(async () => {
    await setLines([
      { field: 'name', part: 'first', length: 5 },
      { field: 'name', part: 'last', length: 5 },
      { field: 'city', part: 'first', length: 5 },
      { field: 'city', part: 'last', length: 5 },
    ]);
  });

  test('hit 50: "Alpha Trading"/Oslo vs "Alpha Trading"/Bergen → a pair on 2 strings; hit 51 → no pair', async () => {
    await updateSetup(t.strapi, { searchHitPercent: 50 });
    const a = await create({ name: 'Alpha Trading', city: 'Oslo' });
    const b = await create({ name: 'Alpha Trading', city: 'Bergen' });
    expect(b.meta.duplicates).toEqual([
      expect.objectContaining({
        documentId: a.data.documentId,
        matchingStrings: 2,
        hitPercent: 50,
        rules: ['searchStrings'],
      }),
    ]);

    await updateSetup(t.strapi, { searchHitPercent: 51 });
    const c = await create({ name: 'Alpha Trading', city: 'Trondheim' });
    expect(c.meta.duplicates).toBeUndefined();
    expect(await pairsOf(c.data.documentId)).toEqual([]);
    await updateSetup(t.strapi, { searchHitPercent: 60 });
  });

  test('deleting a setup line removes its stored strings', async () => {
    const a = await create({ name: 'Beta Logistics', city: 'Namen' });
    expect((await stringsOf(a.data.documentId)).map((s: any) => `${s.field}.${s.part}`)).toEqual([
      'city.first',
      'city.last',
      'name.first',
      'name.last',
    ]);
    const [line] = await docs(t.strapi, SEARCH_SETUP).findMany({ filters: { field: 'city', part: 'last' } });
    expect((await t.api.del(`${API}/duplicate-search-setups/${line.documentId}`)).status).toBe(204);
    expect((await stringsOf(a.data.documentId)).map((s: any) => `${s.field}.${s.part}`)).toEqual([
      'city.first',
      'name.first',
      'name.last',
    ]);
  });

  test.each([1, 11, 5.5])('a search line of length %p → 400, nothing saved', async (length) => {
    const before = await docs(t.strapi, SEARCH_SETUP).count({});
    const res = await t.api.post(`${API}/duplicate-search-setups`, { data: { field: 'email', part: 'first', length } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Length for E-Mail \(first\) must be a whole number from 2 to 10/);
    expect(await docs(t.strapi, SEARCH_SETUP).count({})).toBe(before);
  });

  test('an unknown field, or a field and part twice → 400', async () => {
    expect(
      (await t.api.post(`${API}/duplicate-search-setups`, { data: { field: 'salesperson', part: 'first', length: 5 } }))
        .status,
    ).toBe(400);
    const twice = await t.api.post(`${API}/duplicate-search-setups`, {
      data: { field: 'name', part: 'first', length: 4 },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toBe('Name (first) is already in the search string setup.');
  });
});
