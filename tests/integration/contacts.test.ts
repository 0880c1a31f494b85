import { API, counts, updateSetup, useTestApp, createOk } from '../helpers/fixtures';

const t = useTestApp({ numbering: true, masterData: true });

const POP =
  'populate[salesperson]=true&populate[territory]=true&populate[countryRegion]=true&populate[language]=true&populate[company]=true';
const get = async (documentId: string) => (await t.api.get(`${API}/contacts/${documentId}?${POP}`)).body.data;
const create = async (data: Record<string, any>) => (await createOk(t.api, 'contacts', data)).data;
const put = (documentId: string, data: Record<string, any>) => t.api.put(`${API}/contacts/${documentId}`, { data });

const fabrikamData = () => ({
  type: 'company',
  name: 'Fabrikam',
  address: 'Kerkstraat 1',
  postCode: '9000',
  city: 'Gent',
  countryRegion: t.md.countryRegion.BE.documentId,
  phoneNo: '09 111 11 11',
  email: 'info@fabrikam.be',
  salesperson: t.md.salesperson.AB.documentId,
  territory: t.md.territory.EAST.documentId,
});

describe('contact field rules', () => {
  test('a company gets its number, companyName = name, points to itself, searchName and searchEmail', async () => {
    const c = await create({
      type: 'company',
      name: 'Fabrikam NV',
      email: 'Info@Fabrikam.be',
      vatRegistrationNo: 'be0123456789',
    });
    expect(c).toMatchObject({
      no: expect.stringMatching(/^CT\d{6}$/),
      companyName: 'Fabrikam NV',
      searchName: 'FABRIKAM NV',
      searchEmail: 'INFO@FABRIKAM.BE',
      vatRegistrationNo: 'BE0123456789',
    });
    expect((await get(c.documentId)).company.documentId).toBe(c.documentId);
  });

  test('a person name is split into first, middle and surname, and rebuilt from the parts', async () => {
    const p = await create({ type: 'person', name: 'Anna Maria van Dijk' });
    expect(p).toMatchObject({
      firstName: 'Anna Maria',
      middleName: 'van',
      surname: 'Dijk',
      searchName: 'ANNA MARIA VAN DIJK',
    });
    const renamed = (await put(p.documentId, { firstName: 'Anna' })).body.data;
    expect(renamed).toMatchObject({ name: 'Anna van Dijk', searchName: 'ANNA VAN DIJK' });
  });

  test('surname particles: with a capital part of the surname, in lower case the middle name', async () => {
    expect(await create({ type: 'person', name: 'Pieter Van den Broeck' })).toMatchObject({
      name: 'Pieter Van den Broeck',
      firstName: 'Pieter',
      middleName: null,
      surname: 'Van den Broeck',
    });
    expect(await create({ type: 'person', name: 'Pieter van den Broek' })).toMatchObject({
      firstName: 'Pieter',
      middleName: 'van den',
      surname: 'Broek',
    });
    expect(await create({ type: 'person', name: 'De Smet Geert' })).toMatchObject({
      firstName: 'Geert',
      middleName: null,
      surname: 'De Smet',
    });
  });

  test('a name sent with only its surname: the rest of the name is the first name, the name is rebuilt', async () => {
    const p = await create({ type: 'person', name: 'Peeters Xandro', surname: 'Peeters' });
    expect(p).toMatchObject({
      name: 'Xandro Peeters',
      firstName: 'Xandro',
      middleName: null,
      surname: 'Peeters',
      searchName: 'XANDRO PEETERS',
    });
    const renamed = (await put(p.documentId, { name: 'Wuyts Yorick', firstName: 'Yorick' })).body.data;
    expect(renamed).toMatchObject({ name: 'Yorick Wuyts', firstName: 'Yorick', middleName: null, surname: 'Wuyts' });
  });

  test('the e-mail tells which word is the first name when the first names cannot', async () => {
    const p = await create({ type: 'person', name: 'Wuyts Xandro', email: 'Xandro.Wuyts@telenet.be' });
    expect(p).toMatchObject({ name: 'Wuyts Xandro', firstName: 'Xandro', middleName: null, surname: 'Wuyts' });
    // On update, the stored e-mail is read.
    const renamed = (await put(p.documentId, { name: 'Wuyts Xander' })).body.data;
    expect(renamed).toMatchObject({ firstName: 'Wuyts', surname: 'Xander' });
    const again = (await put(p.documentId, { name: 'Wuyts Xandro' })).body.data;
    expect(again).toMatchObject({ firstName: 'Xandro', surname: 'Wuyts' });
  });

  test('a search name set by hand survives a rename', async () => {
    const c = await create({ type: 'company', name: 'Contoso', searchName: 'CONTO' });
    const renamed = (await put(c.documentId, { name: 'Contoso Belgium' })).body.data;
    expect(renamed).toMatchObject({ name: 'Contoso Belgium', searchName: 'CONTO', companyName: 'Contoso Belgium' });
  });

  test.each([
    [{ type: 'company', name: 'Letters', phoneNo: '09 12AB' }, ['phoneNo'], /Phone No\./],
    [{ type: 'company', name: 'Bad mail', email: 'not-an-address' }, ['email'], /E-Mail/],
    [{ type: 'company', name: '' }, ['name'], /Name must not be blank/],
  ])('bad field %j → 400 on %j, nothing written', async (data, path, message) => {
    const before = await counts(t.strapi);
    const res = await t.api.post(`${API}/contacts`, { data });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details.errors[0].path).toEqual(path);
    expect(await counts(t.strapi)).toEqual(before);
  });
});

describe('bad input', () => {
  test('malformed JSON → 400', async () => {
    const res = await t.api
      .raw()
      .post(`${API}/contacts`)
      .set('Authorization', ((await t.api.get('/').request) as any).header?.Authorization ?? '')
      .set('Content-Type', 'application/json')
      .send('{"data": {"name": ');
    expect([400, 401, 403]).toContain(res.status); // never a 500
    const authed = await t.api
      .post(`${API}/contacts`)
      .set('Content-Type', 'application/json')
      .send('{"data": {"name": ');
    expect(authed.status).toBe(400);
  });

  test('unknown field, wrong type, missing relation, person under a person → 400, nothing written', async () => {
    const person = await create({ type: 'person', name: 'Jo Peeters' });
    const before = await counts(t.strapi);
    const cases: [Record<string, any>, RegExp][] = [
      [{ name: 'X', colour: 'red' }, /^There is no field "colour" on a Contact record; leave it out\.$/],
      [{ name: 'X', type: 'robot' }, /^Type must be one of/],
      [{ name: { first: 'X' } }, /name must be a string, not object/],
      [{ name: 'X', type: 'person', company: 'doesnotexist0000000000000' }, /./],
      [{ name: 'X', type: 'person', company: person.documentId }, /is a person, not a company/],
      [
        { name: 'X', salesperson: { connect: [t.md.salesperson.AB.documentId, t.md.salesperson.JR.documentId] } },
        /^Salesperson takes one record; 2 were given\.$/,
      ],
      [{ name: 'X', salesperson: 'doesnotexist0000000000000' }, /./],
    ];
    for (const [data, message] of cases) {
      const res = await t.api.post(`${API}/contacts`, { data });
      expect({ data, status: res.status }).toEqual({ data, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
    expect(await counts(t.strapi)).toEqual(before);
  });

  test('a company cannot be given a company; a company with persons cannot become a person', async () => {
    const a = await create({ type: 'company', name: 'Alpha' });
    const b = await create({ type: 'company', name: 'Beta' });
    expect((await put(a.documentId, { company: b.documentId })).status).toBe(400);
    await create({ type: 'person', name: 'Piet Alpha', company: a.documentId });
    const res = await put(a.documentId, { type: 'person' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/cannot become a person because 1 person belongs to it/);
  });

  test('unknown contact → 404', async () => {
    expect((await put('doesnotexist0000000000000', { name: 'X' })).status).toBe(404);
  });
});

describe('one-line fields', () => {
  test('a line break or tab in a one-line field becomes one space (REST create and update)', async () => {
    const c = await create({ type: 'company', name: 'Tab\tCo', address: 'Straat 1\r\nbus 2', city: 'Gent\n' });
    expect(c).toMatchObject({ name: 'Tab Co', address: 'Straat 1 bus 2', city: 'Gent' });
    const res = await put(c.documentId, { address2: 'Blok A\n\n  verdieping 3' });
    expect(res.status).toBe(200);
    expect(res.body.data.address2).toBe('Blok A verdieping 3');
  });
});

describe('inheritance from company to person', () => {
  let fabrikam: any;
  beforeAll(async () => {
    fabrikam = await create(fabrikamData());
  });

  test('a person created for Fabrikam inherits address, communication, salesperson and territory', async () => {
    const john = await get(
      (await create({ type: 'person', name: 'John Smith', company: fabrikam.documentId })).documentId,
    );
    expect(john).toMatchObject({
      companyName: 'Fabrikam',
      address: 'Kerkstraat 1',
      postCode: '9000',
      city: 'Gent',
      phoneNo: '09 111 11 11',
      email: 'info@fabrikam.be',
      salesperson: { code: 'AB' },
      territory: { code: 'EAST' },
      countryRegion: { code: 'BE' },
      inheritanceOverrides: [],
    });
  });

  test('with Inherit Address off the person gets no address but still the phone', async () => {
    await updateSetup(t.strapi, { inheritAddressDetails: false });
    const p = await create({ type: 'person', name: 'Jane Doe', company: fabrikam.documentId });
    expect(p).toMatchObject({ address: null, city: null, phoneNo: '09 111 11 11' });
    await updateSetup(t.strapi, { inheritAddressDetails: true });
  });

  test('inheritance overwrites defaults, defaults fill what stays blank', async () => {
    await updateSetup(t.strapi, {
      defaultLanguage: t.md.language.NLB.documentId,
      defaultTerritory: t.md.territory.NORTH.documentId,
    });
    const german = await create({ type: 'company', name: 'Deutsche GmbH', language: t.md.language.DEU.documentId });
    const hans = await get(
      (await create({ type: 'person', name: 'Hans Müller', company: german.documentId })).documentId,
    );
    expect(hans.language.code).toBe('DEU');
    expect(hans.territory.code).toBe('NORTH'); // the company's territory was blank: inherited blank, then the default
    await updateSetup(t.strapi, { defaultLanguage: null, defaultTerritory: null });
  });

  test('a company city change reaches persons with an untouched address; a hand-set city keeps the whole old address', async () => {
    const co = await create({ ...fabrikamData(), name: 'Moves NV' });
    const untouched = await create({ type: 'person', name: 'Ann Untouched', company: co.documentId });
    const own = await create({ type: 'person', name: 'Bert Own', company: co.documentId });
    const ownCity = (await put(own.documentId, { city: 'Antwerpen' })).body.data;
    expect(ownCity.inheritanceOverrides).toEqual(['address']);

    const preview = (
      await t.api.post(`${API}/contacts/${co.documentId}/propagation-preview`, {
        data: { city: 'Brugge', postCode: '8000', address: 'Markt 1' },
      })
    ).body.data;
    expect(preview).toEqual([
      {
        documentId: untouched.documentId,
        no: untouched.no,
        name: 'Ann Untouched',
        fields: ['address', 'city', 'postCode'],
      },
    ]);

    expect((await put(co.documentId, { city: 'Brugge', postCode: '8000', address: 'Markt 1' })).status).toBe(200);
    expect(await get(untouched.documentId)).toMatchObject({ city: 'Brugge', postCode: '8000', address: 'Markt 1' });
    expect(await get(own.documentId)).toMatchObject({ city: 'Antwerpen', postCode: '9000', address: 'Kerkstraat 1' });
  });

  test('the fields the plugin fills in, sent over REST, are ignored (not refused): a contact read can be written back', async () => {
    const co = await create({ ...fabrikamData(), name: 'Round Trip NV' });
    const person = await create({ type: 'person', name: 'Rita Roundtrip', company: co.documentId });
    const own = (await put(person.documentId, { city: 'Antwerpen' })).body.data;
    expect(own).toMatchObject({ inheritanceOverrides: ['address'], businessRelation: 'none' });
    for (const data of [
      { inheritanceOverrides: [] },
      { businessRelation: 'vendor' },
      { inheritanceOverrides: ['phoneNo'], businessRelation: 'customer', companyName: 'Other', noSeries: 'X' },
    ]) {
      const res = await put(person.documentId, data);
      expect({ data, status: res.status, error: res.body.error?.message }).toEqual({
        data,
        status: 200,
        error: undefined,
      });
    }
    const read = (await t.api.get(`${API}/contacts/${person.documentId}`)).body.data;
    const system = ['documentId', 'id', 'createdAt', 'updatedAt', 'publishedAt', 'revision'];
    const whole = Object.fromEntries(Object.entries(read).filter(([k]) => !system.includes(k)));
    expect(whole).toHaveProperty('inheritanceOverrides');
    expect((await put(person.documentId, { ...whole, jobTitle: 'Buyer' })).status).toBe(200);
    expect(await get(person.documentId)).toMatchObject({
      jobTitle: 'Buyer',
      city: 'Antwerpen',
      inheritanceOverrides: ['address'],
      businessRelation: 'none',
      companyName: 'Round Trip NV',
    });
    const created = await t.api.post(`${API}/contacts`, {
      data: { type: 'company', name: 'Sent Back NV', inheritanceOverrides: ['x'], businessRelation: 'vendor' },
    });
    expect([created.status, created.body.data?.businessRelation]).toEqual([201, 'none']);
  });

  test('a company phone change: inherited phones follow, hand-set and hand-cleared ones stay; reset restores the company phone', async () => {
    const co = await create({ ...fabrikamData(), name: 'Phones NV' });
    const follows = await create({ type: 'person', name: 'Cas Follows', company: co.documentId });
    const mobile = await create({
      type: 'person',
      name: 'Dirk Mobile',
      company: co.documentId,
      phoneNo: '0499 12 34 56',
    });
    const cleared = await create({ type: 'person', name: 'Eva Cleared', company: co.documentId });
    expect((await put(cleared.documentId, { phoneNo: null })).body.data.inheritanceOverrides).toEqual(['phoneNo']);

    await put(co.documentId, { phoneNo: '09 222 22 22' });
    expect((await get(follows.documentId)).phoneNo).toBe('09 222 22 22');
    expect((await get(mobile.documentId)).phoneNo).toBe('0499 12 34 56');
    expect((await get(cleared.documentId)).phoneNo).toBeNull();

    const reset = await t.api.post(`${API}/contacts/${cleared.documentId}/reset-inheritance`, { fields: ['phoneNo'] });
    expect(reset.status).toBe(200);
    expect(reset.body.data).toMatchObject({ phoneNo: '09 222 22 22', inheritanceOverrides: [] });
  });

  test('a standalone person keeps its own city when assigned to a company, but takes the salesperson', async () => {
    const p = await create({ type: 'person', name: 'Fien Leuven', city: 'Leuven', postCode: '3000' });
    expect(p.inheritanceOverrides).toEqual(['address']);
    await put(p.documentId, { company: fabrikam.documentId });
    expect(await get(p.documentId)).toMatchObject({
      city: 'Leuven',
      postCode: '3000',
      salesperson: { code: 'AB' },
      companyName: 'Fabrikam',
    });
  });

  test("a company rename updates every person's companyName, even with all Inherit flags off", async () => {
    const co = await create({ type: 'company', name: 'Rename BV' });
    const p = await create({ type: 'person', name: 'Gert Rename', company: co.documentId });
    await updateSetup(t.strapi, {
      inheritSalesperson: false,
      inheritTerritory: false,
      inheritCountryRegion: false,
      inheritLanguage: false,
      inheritAddressDetails: false,
      inheritCommunicationDetails: false,
      inheritFormatRegion: false,
    });
    await put(co.documentId, { name: 'Rename NV', salesperson: t.md.salesperson.CD.documentId });
    const after = await get(p.documentId);
    expect(after.companyName).toBe('Rename NV');
    expect(after.salesperson).toBeNull();
    await updateSetup(t.strapi, {
      inheritSalesperson: true,
      inheritTerritory: true,
      inheritCountryRegion: true,
      inheritLanguage: true,
      inheritAddressDetails: true,
      inheritCommunicationDetails: true,
      inheritFormatRegion: true,
    });
  });

  test('salesperson change propagates to persons that inherit it, a relation set-based', async () => {
    const co = await create({ ...fabrikamData(), name: 'Sales NV' });
    const inherits = await create({ type: 'person', name: 'Hilde Inherits', company: co.documentId });
    const own = await create({
      type: 'person',
      name: 'Ivo Own',
      company: co.documentId,
      salesperson: t.md.salesperson.KL.documentId,
    });
    await put(co.documentId, { salesperson: t.md.salesperson.CD.documentId });
    expect((await get(inherits.documentId)).salesperson.code).toBe('CD');
    expect((await get(own.documentId)).salesperson.code).toBe('KL');
  });

  test('reset-inheritance on a company or with unknown fields → 400', async () => {
    expect((await t.api.post(`${API}/contacts/${fabrikam.documentId}/reset-inheritance`, {})).status).toBe(400);
    const p = await create({ type: 'person', name: 'Jos Reset', company: fabrikam.documentId });
    const res = await t.api.post(`${API}/contacts/${p.documentId}/reset-inheritance`, { fields: ['colour'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Unknown field\(s\) for reset-inheritance: colour/);
  });

  test('inheritanceOverrides cannot be written through the API', async () => {
    const p = await create({ type: 'person', name: 'Kim Readonly', company: fabrikam.documentId });
    const res = await put(p.documentId, { inheritanceOverrides: ['address'] });
    expect(res.status === 400 || res.body.data.inheritanceOverrides.length === 0).toBe(true);
  });
});

describe('company lifecycle', () => {
  test('deleting a company deletes its persons', async () => {
    const co = await create({ type: 'company', name: 'Gone BV' });
    const p = await create({ type: 'person', name: 'Lies Gone', company: co.documentId });
    expect((await t.api.del(`${API}/contacts/${co.documentId}`)).status).toBe(204);
    expect((await t.api.get(`${API}/contacts/${p.documentId}`)).status).toBe(404);
  });

  test('a person with an open opportunity blocks the delete of its company; nothing is deleted', async () => {
    const co = await create({ type: 'company', name: 'Stays BV' });
    const p = await create({ type: 'person', name: 'Mo Stays', company: co.documentId });
    const opp = await t.api.post(`${API}/opportunities`, { data: { description: 'Big deal', contact: p.documentId } });
    expect(opp.status).toBe(201);
    const before = await counts(t.strapi);
    const res = await t.api.del(`${API}/contacts/${co.documentId}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/cannot be deleted because of open opportunities: OP\d{6}/);
    expect(await counts(t.strapi)).toEqual(before);
  });

  test('a person moving to another company leaves its opportunities with the old company', async () => {
    const a = await create({ type: 'company', name: 'Old Co' });
    const b = await create({ type: 'company', name: 'New Co' });
    const p = await create({ type: 'person', name: 'Nina Mover', company: a.documentId });
    const opp = (await t.api.post(`${API}/opportunities`, { data: { description: 'History', contact: p.documentId } }))
      .body.data;
    await put(p.documentId, { company: b.documentId });
    const after = (
      await t.api.get(`${API}/opportunities/${opp.documentId}?populate[contact]=true&populate[contactCompany]=true`)
    ).body.data;
    expect(after.contact.documentId).toBe(a.documentId);
    expect(after.contactCompany.documentId).toBe(a.documentId);
  });
});

describe('derived fields follow inherited values', () => {
  test('an inherited e-mail also sets searchEmail, on create and when the company e-mail changes', async () => {
    const co = await create({ type: 'company', name: 'Mail NV', email: 'info@mail.be' });
    const p = await create({ type: 'person', name: 'Piet Mail', company: co.documentId });
    expect(p).toMatchObject({ email: 'info@mail.be', searchEmail: 'INFO@MAIL.BE' });
    await put(co.documentId, { email: 'hallo@mail.be' });
    expect(await get(p.documentId)).toMatchObject({ email: 'hallo@mail.be', searchEmail: 'HALLO@MAIL.BE' });
  });
});
