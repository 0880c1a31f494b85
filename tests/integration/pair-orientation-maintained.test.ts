/**
 * Two tester findings. (1) A pair's stored figures are in the pair's orientation: re-scoring it after a write of
 * its `duplicateContact` (or in a re-index batch that settles it from that side) keeps each value under the
 * contact it belongs to. (2) Company Name and No. Series are the plugin's: a value sent over REST, the Content
 * Manager or an import is ignored and the field keeps the value its rule gives.
 */
import { dist, API, adminClient, createOk, docs, UID, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
let admin: Awaited<ReturnType<typeof adminClient>>;

beforeAll(async () => {
  t.strapi.config.set('plugin::marketing-setup.importAutoRun', false);
  admin = await adminClient(t.strapi, 'pairs@example.com', 'strapi-super-admin');
});

const create = async (data: Record<string, unknown>) => (await createOk(t.api, 'contacts', data)).data;
const put = (documentId: string, data: Record<string, unknown>) => t.api.put(`${API}/contacts/${documentId}`, { data });
const stored = (documentId: string) =>
  t.strapi.db.query(UID.contact).findOne({ where: { documentId }, select: ['name', 'companyName', 'noSeries'] });

/** The open pairs of a contact as the admin's Duplicates review lists them (contact, duplicate, breakdown). */
const reviewRows = async (documentId: string) => {
  const res = await admin.get(`/marketing-setup/duplicates?contact=${documentId}`);
  expect(res.status).toBe(200);
  return res.body.data as {
    contact: { no: string };
    duplicateContact: { no: string };
    breakdown: { field: string; values: [string, string] }[];
  }[];
};
const valuesOf = (row: { breakdown: { field: string; values: [string, string] }[] }, field: string) =>
  row.breakdown.find((b) => b.field === field)?.values;

describe("a pair's values stay under the contact they belong to", () => {
  const GARAGE = {
    type: 'company',
    address: 'Kerkstraat 1',
    postCode: '2000',
    city: 'Antwerpen',
    email: 'info@garageverlinden.be',
  };

  test("the tester's case: the first contact's phone changes; the pair keeps its sides and its values", async () => {
    const first = await create({ ...GARAGE, name: 'Garage Verlinden BV', phoneNo: '03 480 11 11' });
    const second = await create({ ...GARAGE, name: 'Garage Verlinden', phoneNo: '03 480 22 22' });
    const [before] = await reviewRows(first.documentId);
    expect([before.contact.no, before.duplicateContact.no]).toEqual([second.no, first.no]);
    expect(valuesOf(before, 'phone')).toEqual(['34802222', '34801111']);

    expect((await put(first.documentId, { phoneNo: '03 480 11 12' })).status).toBe(200);
    const rows = await reviewRows(first.documentId);
    expect(rows).toHaveLength(1);
    const [after] = rows;
    // Contact = the second (its values first), Possible duplicate = the first (its new phone second).
    expect([after.contact.no, after.duplicateContact.no]).toEqual([second.no, first.no]);
    expect(valuesOf(after, 'phone')).toEqual(['34802222', '34801112']);
    expect(valuesOf(after, 'email')).toEqual(['info@garageverlinden.be', 'info@garageverlinden.be']);

    // A write of the pair's contact keeps the orientation as it was.
    expect((await put(second.documentId, { phoneNo: '03 480 22 23' })).status).toBe(200);
    const [again] = await reviewRows(first.documentId);
    expect([again.contact.no, again.duplicateContact.no]).toEqual([second.no, first.no]);
    expect(valuesOf(again, 'phone')).toEqual(['34802223', '34801112']);

    // A contact's own list (the edit view's panel, REST and admin) puts the asking contact's values first.
    for (const [asking, phones] of [
      [first, ['34801112', '34802223']],
      [second, ['34802223', '34801112']],
    ] as const) {
      const viaAdmin = await admin.get(`/marketing-setup/contacts/${asking.documentId}/duplicates`);
      const viaRest = await t.api.get(`${API}/contacts/${asking.documentId}/duplicates`);
      for (const res of [viaAdmin, viaRest]) {
        expect(res.status).toBe(200);
        expect(valuesOf(res.body.data[0], 'phone')).toEqual(phones);
      }
    }
  });

  test('a re-index batch that settles a pair from its duplicateContact keeps the values in place', async () => {
    const { drainQueue } = require(dist('duplicate-search/reindex-queue'));
    const alpha = await create({ type: 'company', name: 'Alpha Bouw NV', phoneNo: '09 111 11 11', city: 'Gent' });
    const beta = await create({ type: 'company', name: 'Beta Hout BV', phoneNo: '03 222 22 22', city: 'Antwerpen' });
    const person = {
      type: 'person',
      name: 'Geert De Smet',
      mobilePhoneNo: '0475 12 34 56',
      email: 'geert.desmet@telenet.be',
    };
    // Geert at Alpha first, Geert at Beta second: the pair is (Beta's Geert, Alpha's Geert).
    const atAlpha = await create({ ...person, company: alpha.documentId });
    const atBeta = await create({ ...person, company: beta.documentId });
    const [before] = await reviewRows(atAlpha.documentId);
    expect([before.contact.no, before.duplicateContact.no]).toEqual([atBeta.no, atAlpha.no]);
    expect(valuesOf(before, 'phone')).toEqual(['32222222, 475123456', '91111111, 475123456']);

    // Alpha's new switchboard reaches its Geert through the re-index queue: the queue settles the pair from his side.
    expect((await put(alpha.documentId, { phoneNo: '09 111 11 99' })).status).toBe(200);
    while ((await drainQueue(t.strapi, 500)) > 0);
    const [after] = await reviewRows(atAlpha.documentId);
    expect([after.contact.no, after.duplicateContact.no]).toEqual([atBeta.no, atAlpha.no]);
    expect(valuesOf(after, 'phone')).toEqual(['32222222, 475123456', '91111199, 475123456']);
  });
});

describe('Company Name and No. Series are filled in by the plugin; a value sent is ignored', () => {
  let fabrikam: any;
  let ann: any;
  beforeAll(async () => {
    fabrikam = await create({ type: 'company', name: 'Fabrikam', city: 'Gent' });
    ann = await create({ type: 'person', name: 'Ann Peeters', company: fabrikam.documentId });
  });

  test("REST: a company's Company Name stays its name, a person's its company's name, No. Series the series'", async () => {
    const company = await put(fabrikam.documentId, { companyName: 'Hacked' });
    expect(company.status).toBe(200);
    expect(company.body.data).toMatchObject({ name: 'Fabrikam', companyName: 'Fabrikam', noSeries: 'CONT' });
    expect(await stored(fabrikam.documentId)).toEqual({ name: 'Fabrikam', companyName: 'Fabrikam', noSeries: 'CONT' });

    const person = await put(ann.documentId, { companyName: 'Other Co', noSeries: 'OPP', jobTitle: 'Buyer' });
    expect(person.status).toBe(200);
    expect(person.body.data).toMatchObject({ companyName: 'Fabrikam', noSeries: 'CONT', jobTitle: 'Buyer' });
    expect(await stored(ann.documentId)).toEqual({ name: 'Ann Peeters', companyName: 'Fabrikam', noSeries: 'CONT' });

    // On create too; a renamed company still gives its name to itself and its persons.
    const made = await create({ type: 'company', name: 'Contoso', companyName: 'Not Contoso', noSeries: 'OPP' });
    expect(made).toMatchObject({ companyName: 'Contoso', noSeries: 'CONT' });
    expect((await put(fabrikam.documentId, { name: 'Fabrikam NV', companyName: 'Hacked' })).body.data).toMatchObject({
      companyName: 'Fabrikam NV',
    });
    expect(await stored(ann.documentId)).toMatchObject({ companyName: 'Fabrikam NV' });
  });

  test("REST: an opportunity's No. Series stays the series its number came from", async () => {
    const opp = (await createOk(t.api, 'opportunities', { description: 'Deal', contact: fabrikam.documentId })).data;
    expect(opp.noSeries).toBe('OPP');
    const res = await t.api.put(`${API}/opportunities/${opp.documentId}`, { data: { noSeries: 'CONT' } });
    expect(res.status).toBe(200);
    expect(res.body.data.noSeries).toBe('OPP');
  });

  test('Content Manager: the same', async () => {
    const url = `/content-manager/collection-types/${UID.contact}/${fabrikam.documentId}`;
    const res = await admin.put(url, { companyName: 'Hacked', noSeries: 'OPP', city: 'Brugge' });
    expect(res.status).toBe(200);
    expect(await docs(t.strapi, UID.contact).findOne({ documentId: fabrikam.documentId })).toMatchObject({
      name: 'Fabrikam NV',
      companyName: 'Fabrikam NV',
      noSeries: 'CONT',
      city: 'Brugge',
    });
  });

  test("import: a Company Name cell changes nothing, and a row with only that is 'unchanged'", async () => {
    const { driveImport } = require(dist('jobs/contact-import'));
    const current = await stored(ann.documentId);
    const csv = [
      'No.;Name;Company Name;Job Title',
      `${fabrikam.no};Fabrikam NV;Hacked;`,
      `${ann.no};Ann Peeters;Other Co;Manager`,
      `;Wingtip;Not Wingtip;`,
    ].join('\n');
    const started = await admin.post('/marketing-setup/contacts/import/jobs', {
      csv,
      mapping: { 'No.': 'no', Name: 'name', 'Company Name': 'companyName', 'Job Title': 'jobTitle' },
    });
    expect(started.status).toBe(202);
    const status = await driveImport(t.strapi, started.body.data.id);
    expect(status).toMatchObject({ state: 'done', created: 1, updated: 1, unchanged: 1, failed: 0 });
    expect(await stored(fabrikam.documentId)).toMatchObject({ companyName: 'Fabrikam NV' });
    expect(await stored(ann.documentId)).toEqual({ ...current, companyName: 'Fabrikam NV' });
    expect(
      await docs(t.strapi, UID.contact).findFirst({ filters: { name: 'Wingtip' }, fields: ['companyName'] }),
    ).toMatchObject({ companyName: 'Wingtip' });
  });
});
