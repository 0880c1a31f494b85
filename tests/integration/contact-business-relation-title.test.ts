/**
 * A contact business relation (link row) is named by its contact and business relation code: the Content Manager's
 * main field is its `title` ("CT000001 Fabrikam NV – CUST"), which the edit view shows as its heading instead of a
 * documentId, kept up to date when the contact is renamed or the code changes.
 */
import { adminClient, createOk, useTestApp } from '../helpers/fixtures';

const ctx = useTestApp({ numbering: true });
const LINK = 'plugin::marketing-setup.contact-business-relation';
let admin: Awaited<ReturnType<typeof adminClient>>;

beforeAll(async () => {
  admin = await adminClient(ctx.strapi, 'cbr-admin@example.com', 'strapi-super-admin');
});

test("the Content Manager names a link row by its contact and code, in its heading's field and its list", async () => {
  const conf = (await admin.get(`/content-manager/content-types/${LINK}/configuration`)).body.data.contentType;
  expect(conf.settings.mainField).toBe('title');
  expect(conf.metadatas.title.edit).toMatchObject({ label: 'Title', editable: false });
  expect(conf.layouts.list[0]).toBe('title');

  const company = (await createOk(ctx.api, 'contacts', { type: 'company', name: 'Fabrikam NV' })).data;
  const code = (await createOk(ctx.api, 'business-relations', { code: 'PRESS', description: 'Press' })).data;
  // Created in the Content Manager, as a user does (a title sent along is not kept).
  const created = await admin.post(`/content-manager/collection-types/${LINK}`, {
    contact: { connect: [{ documentId: company.documentId }] },
    businessRelation: { connect: [{ documentId: code.documentId }] },
    linkToTable: 'none',
    title: 'typed by hand',
  });
  expect([created.status, created.body.error]).toEqual([201, undefined]);
  const documentId = created.body.data.documentId;
  const title = async () =>
    (await admin.get(`/content-manager/collection-types/${LINK}/${documentId}`)).body.data.title;
  // The edit view's heading is the main field's value.
  expect(await title()).toBe(`${company.no} Fabrikam NV – PRESS`);
  const list = await admin.get(`/content-manager/collection-types/${LINK}`);
  expect(list.body.results.map((r: any) => r.title)).toEqual([`${company.no} Fabrikam NV – PRESS`]);

  // A renamed contact and a changed code are followed.
  expect(
    (await ctx.api.put(`/api/marketing-setup/contacts/${company.documentId}`, { data: { name: 'Fabrikam Group' } }))
      .status,
  ).toBe(200);
  expect(await title()).toBe(`${company.no} Fabrikam Group – PRESS`);
  expect(
    (await ctx.api.put(`/api/marketing-setup/business-relations/${code.documentId}`, { data: { code: 'MEDIA' } }))
      .status,
  ).toBe(200);
  expect(await title()).toBe(`${company.no} Fabrikam Group – MEDIA`);
});

test('a link row stored before titles existed gets its title at the next start', async () => {
  const company = (await createOk(ctx.api, 'contacts', { type: 'company', name: 'Contoso BV' })).data;
  const code = (await createOk(ctx.api, 'business-relations', { code: 'PARTNER', description: 'Partner' })).data;
  const row = (
    await createOk(ctx.api, 'contact-business-relations', {
      contact: company.documentId,
      businessRelation: code.documentId,
    })
  ).data;
  await ctx.strapi.db.query(LINK).update({ where: { documentId: row.documentId }, data: { title: null } });
  const {
    refreshLinkRowTitles,
  } = require('../../dist/src/plugins/marketing-setup/server/src/operations/business-relations');
  await refreshLinkRowTitles({ strapi: ctx.strapi }, { title: { $null: true } }); // what bootstrap runs
  const stored = await ctx.strapi.db.query(LINK).findOne({ where: { documentId: row.documentId } });
  expect(stored.title).toBe(`${company.no} Contoso BV – PARTNER`);
});
