/**
 * The Content Manager's views of the plugin's records, as the admin loads them: Business Central
 * captions and card order written at start-up, kept when an admin changes a view; contact pickers that
 * search by name and number (a person's company picker: companies only); internal types not offered.
 */
import { adminClient, API, createOk, useTestApp, type TestContext } from '../helpers/fixtures';
import { configureContentManager } from '../../src/plugins/marketing-setup/server/src/content-manager/configure';

const ctx: TestContext = useTestApp({ numbering: true, masterData: true });
let admin: Awaited<ReturnType<typeof adminClient>>;
const CONTACT = 'plugin::marketing-setup.contact';
const configuration = async (uid: string) => {
  const res = await admin.get(`/content-manager/content-types/${uid}/configuration`);
  expect(res.status).toBe(200);
  return res.body.data.contentType;
};

beforeAll(async () => {
  admin = await adminClient(ctx.strapi, 'cm-admin@example.com', 'strapi-super-admin');
});

describe('the contact edit view', () => {
  test('captions as Business Central names them, the card order, the name as title', async () => {
    const conf = await configuration(CONTACT);
    const label = (f: string) => conf.metadatas[f].edit.label;
    expect(
      [
        'no',
        'name2',
        'searchName',
        'postCode',
        'vatRegistrationNo',
        'phoneNo',
        'mobilePhoneNo',
        'email',
        'email2',
        'homePage',
        'salesperson',
      ].map(label),
    ).toEqual([
      'No.',
      'Name 2',
      'Search Name',
      'Post Code',
      'VAT Registration No.',
      'Phone No.',
      'Mobile Phone No.',
      'E-Mail',
      'E-Mail 2',
      'Home Page',
      'Salesperson',
    ]);
    expect(conf.metadatas.postCode.list.label).toBe('Post Code');
    expect(conf.settings.mainField).toBe('name');
    expect(conf.metadatas.company.edit.mainField).toBe('name');
    expect(conf.metadatas.salesperson.edit.mainField).toBe('name');
    const order = conf.layouts.edit.flat().map((f: any) => f.name);
    expect(order.slice(0, 4)).toEqual(['no', 'type', 'name', 'name2']);
    // General, then Address, then Communication, then Segmentation
    const at = (f: string) => order.indexOf(f);
    expect(at('salesperson')).toBeLessThan(at('address'));
    expect(at('countryRegion')).toBeLessThan(at('phoneNo'));
    expect(at('pager')).toBeLessThan(at('territory'));
    expect(at('territory')).toBeLessThan(at('privacyBlocked'));
    expect(conf.layouts.list).toEqual(['no', 'name', 'type', 'city']);
  });

  test('the number is read-only; computed and system fields are not in the form', async () => {
    const conf = await configuration(CONTACT);
    const order = conf.layouts.edit.flat().map((f: any) => f.name);
    expect(conf.metadatas.no.edit.editable).toBe(false);
    for (const f of ['companyName', 'searchEmail', 'noSeries', 'inheritanceOverrides', 'businessRelation'])
      expect(order).not.toContain(f);
    expect(conf.metadatas.companyName.edit.visible).toBe(false);
  });

  test("an admin's change of the view survives the next start; an untouched view is left as the plugin wrote it", async () => {
    const before = await configuration(CONTACT);
    // What "Configure the view" sends: the metadatas without the list's resolved main field.
    const metadatas = Object.fromEntries(
      Object.entries(before.metadatas).map(([f, m]: [string, any]) => {
        const { mainField: _resolved, ...list } = m.list;
        return [f, { edit: f === 'city' ? { ...m.edit, label: 'Town' } : m.edit, list }];
      }),
    );
    const put = await admin.put(`/content-manager/content-types/${CONTACT}/configuration`, {
      settings: before.settings,
      metadatas,
      layouts: before.layouts,
    });
    expect([put.status, put.body.error]).toEqual([200, undefined]);
    const customer = await configuration('plugin::marketing-setup.customer');
    await configureContentManager(ctx.strapi); // what the next start does
    expect((await configuration(CONTACT)).metadatas.city.edit.label).toBe('Town');
    expect(await configuration('plugin::marketing-setup.customer')).toEqual(customer);
  });
});

describe('contact pickers', () => {
  let fabrikam: any;
  let contoso: any;
  let person: any;
  beforeAll(async () => {
    fabrikam = (await createOk(ctx.api, 'contacts', { type: 'company', name: 'Fabrikam NV' })).data;
    contoso = (await createOk(ctx.api, 'contacts', { type: 'company', name: 'Contoso BV' })).data;
    person = (
      await createOk(ctx.api, 'contacts', { type: 'person', name: 'Fabienne Peeters', company: contoso.documentId })
    ).data;
  });
  /** The options as the picker shows them: "<No.> <Name>". */
  const names = (res: any) => res.body.results.map((r: any) => r.name).sort();
  const caption = (c: any) => `${c.no} ${c.name}`;

  test("a person's company picker offers companies only, and finds them by name or by number", async () => {
    const all = await admin.get(`/content-manager/relations/${CONTACT}/company`);
    expect(all.status).toBe(200);
    expect(names(all)).toEqual([caption(contoso), caption(fabrikam)].sort());
    expect(caption(fabrikam)).toMatch(/^CT\d{6} Fabrikam NV$/);
    const byName = await admin.get(`/content-manager/relations/${CONTACT}/company?_q=fab`);
    expect(names(byName)).toEqual([caption(fabrikam)]); // not the person Fabienne
    const byNo = await admin.get(`/content-manager/relations/${CONTACT}/company?_q=${contoso.no}`);
    expect(names(byNo)).toEqual([caption(contoso)]);
  });

  test("an opportunity's contact picker offers persons too, by name or number", async () => {
    const res = await admin.get(
      `/content-manager/relations/plugin::marketing-setup.opportunity/contact?_q=${person.no}`,
    );
    expect(res.status).toBe(200);
    expect(names(res)).toEqual([caption(person)]);
    expect(
      names(await admin.get('/content-manager/relations/plugin::marketing-setup.opportunity/contact?_q=fab')),
    ).toEqual([caption(fabrikam), caption(person)].sort());
  });

  test('editing an existing person: the linked company is left out of the picker, and its chip shows number and name', async () => {
    const res = await admin.get(`/content-manager/relations/${CONTACT}/company?id=${person.documentId}`);
    expect(res.status).toBe(200);
    expect(names(res)).toEqual([caption(fabrikam)]);
    // The chip of the linked company reads the same.
    const linked = await admin.get(`/content-manager/relations/${CONTACT}/${person.documentId}/company`);
    expect(linked.status).toBe(200);
    expect(names(linked)).toEqual([caption(contoso)]);
  });
});

describe('what the Content Manager offers', () => {
  test('internal records and the raw setup are not in its list; the records a user edits are', async () => {
    const res = await admin.get('/content-manager/content-types');
    const displayed = Object.fromEntries(res.body.data.map((ct: any) => [ct.uid, ct.isDisplayed]));
    for (const name of [
      'setup',
      'interaction-template-setup',
      'contact-duplicate',
      'duplicate-search-setup',
      'merge-log',
      'no-series-line',
      'interaction-rule',
      'email-review',
    ]) {
      expect([name, displayed[`plugin::marketing-setup.${name}`]]).toEqual([name, false]);
    }
    for (const name of ['contact', 'opportunity', 'customer', 'vendor', 'bank-account', 'no-series', 'salesperson']) {
      expect([name, displayed[`plugin::marketing-setup.${name}`]]).toEqual([name, true]);
    }
  });

  test('REST still serves the hidden types', async () => {
    expect((await ctx.api.get(`${API}/setup`)).status).toBe(200);
    expect((await ctx.api.get(`${API}/no-series-lines`)).status).toBe(200);
  });

  test('the settings page reads and saves the customer series and the business relation codes', async () => {
    const series = (await createOk(ctx.api, 'no-series-list', { code: 'CUST', description: 'Customers' })).data;
    const cust = (await createOk(ctx.api, 'business-relations', { code: 'CUST', description: 'Customer' })).data;
    const put = await admin.put('/marketing-setup/settings', {
      customerNos: series.documentId,
      busRelCodeForCustomers: cust.documentId,
    });
    expect(put.status).toBe(200);
    const got = await admin.get('/marketing-setup/settings');
    expect(got.body.data.customerNos).toMatchObject({ documentId: series.documentId, code: 'CUST' });
    expect(got.body.data.busRelCodeForCustomers).toMatchObject({
      documentId: cust.documentId,
      code: 'CUST',
      name: 'Customer',
    });
    const lookups = await admin.get('/marketing-setup/lookups/business-relation');
    expect(lookups.body.data.map((r: any) => r.code)).toContain('CUST');
  });

  test('settings sent as a list → 400 in words, nothing saved', async () => {
    const before = (await admin.get('/marketing-setup/settings')).body.data.searchHitPercent;
    for (const [body, what] of [
      [[1], 'a list'],
      [[{ searchHitPercent: 80 }], 'a list'],
    ] as const) {
      const res = await admin.put('/marketing-setup/settings', body as any);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `Send the fields as one object, e.g. { "searchHitPercent": 60 }; ${what} was sent.`,
      );
    }
    expect((await admin.get('/marketing-setup/settings')).body.data.searchHitPercent).toBe(before);
  });
});
