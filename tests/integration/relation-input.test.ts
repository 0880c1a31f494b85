/**
 * A save that does not touch a relation must keep it: the Content Manager sends `{ connect: [], disconnect: [] }`
 * for every relation the admin left alone (this used to wipe a person's company and salesperson).
 */
import { API, createOk, docs, UID, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true, masterData: true });

const UNTOUCHED = { connect: [], disconnect: [] };
const POP = ['salesperson', 'territory', 'countryRegion', 'language', 'company']
  .map((f) => `populate[${f}]=true`)
  .join('&');
const get = async (documentId: string) => (await t.api.get(`${API}/contacts/${documentId}?${POP}`)).body.data;
const create = async (data: Record<string, any>) => (await createOk(t.api, 'contacts', data)).data;
const put = (documentId: string, data: Record<string, any>) => t.api.put(`${API}/contacts/${documentId}`, { data });
const codes = (c: any) => ({
  company: c.company?.name ?? null,
  salesperson: c.salesperson?.code ?? null,
  territory: c.territory?.code ?? null,
  countryRegion: c.countryRegion?.code ?? null,
  language: c.language?.code ?? null,
});

async function companyAndPerson() {
  const company = await create({
    type: 'company',
    name: `Fabrikam ${Date.now()}`,
    address: 'Kerkstraat 1',
    city: 'Gent',
    postCode: '9000',
    salesperson: t.md.salesperson.AB.documentId,
    territory: t.md.territory.EAST.documentId,
    countryRegion: t.md.countryRegion.BE.documentId,
    language: t.md.language.NLB.documentId,
  });
  const person = await create({ type: 'person', name: 'Geert De Smet', company: company.documentId, city: 'Brugge' });
  return { company, person };
}

describe('relation input as the Content Manager sends it', () => {
  test('a person saved with every relation untouched keeps company, inherited relations and overrides', async () => {
    const { company, person } = await companyAndPerson();
    const before = await get(person.documentId);
    expect(codes(before)).toEqual({
      company: company.name,
      salesperson: 'AB',
      territory: 'EAST',
      countryRegion: 'BE',
      language: 'NLB',
    });
    expect(before.inheritanceOverrides).toEqual(['address']);

    const res = await put(person.documentId, {
      jobTitle: 'CEO',
      company: UNTOUCHED,
      salesperson: UNTOUCHED,
      territory: UNTOUCHED,
      countryRegion: UNTOUCHED,
      language: UNTOUCHED,
      salutation: UNTOUCHED,
    });
    expect(res.status).toBe(200);
    const after = await get(person.documentId);
    expect(after.jobTitle).toBe('CEO');
    expect(codes(after)).toEqual(codes(before));
    expect(after.inheritanceOverrides).toEqual(['address']);
    expect(after.companyName).toBe(company.name);

    // Still inheriting: a company change reaches the person.
    await put(company.documentId, { salesperson: t.md.salesperson.JR.documentId });
    expect((await get(person.documentId)).salesperson.code).toBe('JR');
  });

  test('a company saved with every relation untouched keeps them and stays its own company', async () => {
    const { company } = await companyAndPerson();
    const res = await put(company.documentId, {
      phoneNo: '09 222 22 22',
      company: UNTOUCHED,
      salesperson: UNTOUCHED,
      territory: UNTOUCHED,
      countryRegion: UNTOUCHED,
      language: UNTOUCHED,
    });
    expect(res.status).toBe(200);
    expect(codes(await get(company.documentId))).toEqual({
      company: company.name,
      salesperson: 'AB',
      territory: 'EAST',
      countryRegion: 'BE',
      language: 'NLB',
    });
  });

  test("the form's full body of an unchanged person (every field as loaded) changes nothing", async () => {
    const { person } = await companyAndPerson();
    const loaded = await get(person.documentId);
    const body: Record<string, any> = {};
    for (const [k, v] of Object.entries(loaded)) {
      // inheritanceOverrides and businessRelation are not writable over REST (the Content Manager sends it; the plugin ignores it).
      if (
        [
          'id',
          'documentId',
          'createdAt',
          'updatedAt',
          'publishedAt',
          'locale',
          'inheritanceOverrides',
          'businessRelation',
        ].includes(k)
      )
        continue;
      body[k] = v && typeof v === 'object' && !Array.isArray(v) && 'documentId' in v ? UNTOUCHED : v;
    }
    const res = await put(person.documentId, body);
    expect(res.body.error?.message ?? 'saved').toBe('saved');
    const after = await get(person.documentId);
    expect(codes(after)).toEqual(codes(loaded));
    expect(after.inheritanceOverrides).toEqual(loaded.inheritanceOverrides);
  });

  test('disconnecting the current target clears only that relation; disconnecting another record changes nothing', async () => {
    const { person } = await companyAndPerson();
    const loaded = await get(person.documentId);
    const other = await put(person.documentId, {
      territory: { connect: [], disconnect: [{ documentId: t.md.territory.SOUTH.documentId }] },
    });
    expect(other.status).toBe(200);
    expect(codes(await get(person.documentId)).territory).toBe('EAST');

    const cleared = await put(person.documentId, {
      salesperson: {
        connect: [],
        disconnect: [{ id: loaded.salesperson.id, documentId: loaded.salesperson.documentId, locale: null }],
      },
      territory: UNTOUCHED,
    });
    expect(cleared.status).toBe(200);
    const after = await get(person.documentId);
    expect(after.salesperson).toBeNull();
    expect(after.territory.code).toBe('EAST');
    expect(after.inheritanceOverrides).toEqual(['address', 'salesperson']);
  });

  test("disconnecting the person's company (the form's remove button) leaves it without company", async () => {
    const { company, person } = await companyAndPerson();
    const res = await put(person.documentId, {
      company: { connect: [], disconnect: [{ documentId: company.documentId }] },
    });
    expect(res.status).toBe(200);
    const after = await get(person.documentId);
    expect(after.company).toBeNull();
    expect(after.companyName).toBeNull();
  });

  test('connecting another company in the form moves the person and it inherits the new company', async () => {
    const { person } = await companyAndPerson();
    const contoso = await create({
      type: 'company',
      name: `Contoso ${Date.now()}`,
      salesperson: t.md.salesperson.KL.documentId,
      territory: t.md.territory.NORTH.documentId,
    });
    const res = await put(person.documentId, {
      company: {
        connect: [{ id: contoso.id, documentId: contoso.documentId, locale: null, position: { end: true } }],
        disconnect: [],
      },
    });
    expect(res.status).toBe(200);
    const after = await get(person.documentId);
    expect(after.company.name).toBe(contoso.name);
    expect(after.salesperson.code).toBe('KL');
    expect(after.territory.code).toBe('NORTH');
  });

  test.each([
    ['{} as a territory', { territory: {} }, ['territory']],
    ['1.5 as a company', { company: 1.5 }, ['company']],
    ['2147483648 as a company', { company: 2147483648 }, ['company']],
    ['-999999999999 as a salesperson', { salesperson: -999999999999 }, ['salesperson']],
    ['unknown key beside connect', { language: { connect: [], foo: [] } }, ['language']],
  ])('%s → 400 naming the field, nothing changed', async (_name, data, path) => {
    const { person } = await companyAndPerson();
    const before = await get(person.documentId);
    const res = await put(person.documentId, data);
    expect(res.status).toBe(400);
    // Strapi's own input check answers some shapes first ({ key, path }); the plugin's names the field in errors[].
    const details = res.body.error.details;
    expect(details.errors?.[0].path ?? [details.path]).toEqual(path);
    expect(await get(person.documentId)).toEqual(before);
  });

  test('opportunity, number-series line and customer keep their relations on an untouched save', async () => {
    const { company } = await companyAndPerson();
    const opp = (await createOk(t.api, 'opportunities', { description: 'Big deal', contact: company.documentId })).data;
    const oppRes = await t.api.put(`${API}/opportunities/${opp.documentId}`, {
      data: { description: 'Bigger deal', contact: UNTOUCHED, salesCycle: UNTOUCHED, salesperson: UNTOUCHED },
    });
    expect(oppRes.status).toBe(200);
    const oppAfter = (await t.api.get(`${API}/opportunities/${opp.documentId}?populate[contact]=true`)).body.data;
    expect(oppAfter.contact.documentId).toBe(company.documentId);

    const line = await docs(t.strapi, UID.noSeriesLine).findFirst({
      filters: { series: { code: 'CONT' } },
      populate: { series: true },
    });
    const lineRes = await t.api.put(`${API}/no-series-lines/${line.documentId}`, {
      data: { warningNo: 'CT999000', series: UNTOUCHED },
    });
    expect(lineRes.status).toBe(200);
    const lineAfter = (await t.api.get(`${API}/no-series-lines/${line.documentId}?populate[series]=true`)).body.data;
    expect(lineAfter.series.code).toBe(line.series.code);

    const customer = (
      await createOk(t.api, 'customers', {
        no: `C${Date.now()}`,
        name: 'Cust NV',
        salesperson: t.md.salesperson.AB.documentId,
      })
    ).data;
    const custRes = await t.api.put(`${API}/customers/${customer.documentId}`, {
      data: { name: 'Cust NV 2', salesperson: UNTOUCHED },
    });
    expect(custRes.status).toBe(200);
    const custAfter = (await t.api.get(`${API}/customers/${customer.documentId}?populate[salesperson]=true`)).body.data;
    expect(custAfter.salesperson?.code ?? null).toBe('AB');
  });
});
