/**
 * Automatic interaction recording from any content type (issue 7 item 4): the demo documents with
 * their default rules, a rule on a host type configured only through the admin API, the transaction
 * around document + entry, and the checks on rules.
 */
import path from 'path';
import request from 'supertest';
import { startStrapi, apiToken, type TestApp } from '../helpers/strapi';
import { API, createSeries, docs, http, masterData, standardNumbering, updateSetup } from '../helpers/fixtures';

let app: TestApp;
let api: ReturnType<typeof http>;
let md: Awaited<ReturnType<typeof masterData>>;
let adminJwt: string;
const P = 'plugin::marketing-setup';
const U = {
  rule: `${P}.interaction-rule`,
  entry: `${P}.interaction-log-entry`,
  template: `${P}.interaction-template`,
  group: `${P}.interaction-group`,
  templateSetup: `${P}.interaction-template-setup`,
  link: `${P}.contact-business-relation`,
  quote: 'api::sales-quote.sales-quote',
  invoice: 'api::sales-invoice.sales-invoice',
  order: 'api::purchase-order.purchase-order',
  plain: 'api::plain-contact.plain-contact',
};
const tpl: Record<string, any> = {};
let fabrikam: any; // company CT000001, salesperson AB
let c1: any; // customer C1, linked with CT000001

const create = async (path: string, data: Record<string, any>) => {
  const res = await api.post(path, { data });
  if (res.status !== 201) throw new Error(`create ${path} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data;
};
/** The admin API with the super admin's JWT. */
const admin = {
  get: (url: string) => request(app.strapi.server.httpServer).get(url).set('Authorization', `Bearer ${adminJwt}`),
  post: (url: string, body: any) =>
    request(app.strapi.server.httpServer).post(url).set('Authorization', `Bearer ${adminJwt}`).send(body),
  put: (url: string, body: any) =>
    request(app.strapi.server.httpServer).put(url).set('Authorization', `Bearer ${adminJwt}`).send(body),
  del: (url: string) => request(app.strapi.server.httpServer).delete(url).set('Authorization', `Bearer ${adminJwt}`),
};
const setTemplates = async (data: Record<string, string | null>) => {
  const setup = await docs(app.strapi, U.templateSetup).findFirst({});
  await docs(app.strapi, U.templateSetup).update({ documentId: setup.documentId, data });
};
/** The entries recorded for one document, as the contact timeline API shows them. */
const entriesOf = async (sourceDocumentId: string) =>
  docs(app.strapi, U.entry).findMany({
    filters: { sourceDocumentId },
    populate: ['contact', 'contactCompany', 'interactionTemplate', 'interactionGroup', 'salesperson'],
    sort: 'entryNo:asc',
  });
const count = (uid: string) => app.strapi.db.query(uid as any).count({});

beforeAll(async () => {
  app = await startStrapi();
  api = http(app.strapi, await apiToken(app.strapi));
  await standardNumbering(app.strapi);
  md = await masterData(app.strapi);
  const br = async (code: string) =>
    docs(app.strapi, `${P}.business-relation`).create({ data: { code, description: code } });
  const [cust, vend] = [await br('CUST'), await br('VEND')];
  const custNos = await createSeries(app.strapi, 'CUST', { startingNo: 'C1', endingNo: 'C9' });
  const vendNos = await createSeries(app.strapi, 'VEND', { startingNo: 'V1', endingNo: 'V9' });
  await updateSetup(app.strapi, {
    customerNos: custNos.series.documentId,
    vendorNos: vendNos.series.documentId,
    busRelCodeForCustomers: cust.documentId,
    busRelCodeForVendors: vend.documentId,
  });
  const sales = await docs(app.strapi, U.group).create({ data: { code: 'SALES', description: 'Sales' } });
  const purch = await docs(app.strapi, U.group).create({ data: { code: 'PURCH', description: 'Purchases' } });
  const template = async (code: string, description: string, group: any, extra: Record<string, any> = {}) => {
    tpl[code] = await docs(app.strapi, U.template).create({
      data: {
        code,
        description,
        interactionGroup: group.documentId,
        unitCost: 2.5,
        unitDurationMin: 5,
        informationFlow: 'outbound',
        initiatedBy: 'us',
        ...extra,
      },
    });
  };
  await template('S_QUOTE', 'Sales quote', sales);
  await template('S_INVOICE', 'Sales invoice', sales, { unitCost: 1, unitDurationMin: 2 });
  await template('P_ORDER', 'Purchase order', purch, { unitCost: 0.5, unitDurationMin: 1 });
  await template('NOTE', 'Desk note', sales, {
    unitCost: 0,
    unitDurationMin: 3,
    initiatedBy: 'them',
    informationFlow: 'inbound',
  });

  fabrikam = await create(`${API}/contacts`, {
    type: 'company',
    name: 'Fabrikam NV',
    salesperson: md.salesperson.AB.documentId,
  });
  c1 = (await api.post(`${API}/contacts/${fabrikam.documentId}/create-as`, { kind: 'customer' })).body.data;

  const reg = await request(app.strapi.server.httpServer)
    .post('/admin/register-admin')
    .send({ email: 'rules@example.com', password: 'Rules12345!', firstname: 'Rita', lastname: 'Rules' });
  adminJwt = reg.body.data?.token ?? reg.body.data?.accessToken;
  if (!adminJwt) throw new Error(`admin registration failed: ${reg.status} ${JSON.stringify(reg.body)}`);
});
afterAll(async () => app?.stop());
beforeEach(() => setTemplates({ salesQuotes: null, salesInvoices: null, purchaseOrders: null }));

test('the host app starts with a default rule for each demo document type', async () => {
  const res = await admin.get('/marketing-setup/interaction-rules');
  expect(res.status).toBe(200);
  const rules = res.body.data.map((r: any) => [
    r.contentType,
    r.events,
    r.documentKind,
    r.contactField,
    r.contactPersonField,
    r.documentNoField,
    r.enabled,
    r.required,
  ]);
  expect(rules).toEqual(
    expect.arrayContaining([
      [U.order, ['publish'], 'purchaseOrders', 'vendor', 'contactPerson', 'number', true, false],
      [U.invoice, ['create'], 'salesInvoices', 'customer', 'contactPerson', 'number', true, false],
      [U.quote, ['create'], 'salesQuotes', 'customer', 'contactPerson', 'number', true, false],
    ]),
  );
  expect(res.body.data.find((r: any) => r.contentType === U.quote).contentTypeName).toBe('Sales Quote');
});

test('S_QUOTE set for sales quotes: quote SQ1001 for customer C1 records one entry for CT000001 with the template values', async () => {
  expect(c1.no).toBe('C1');
  expect(fabrikam.no).toBe('CT000001');
  await setTemplates({ salesQuotes: tpl.S_QUOTE.documentId });
  const quote = await create('/api/sales-quotes', { number: 'SQ1001', customer: c1.documentId, amount: 1200 });
  const entries = await entriesOf(quote.documentId);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    documentKind: 'salesQuotes',
    documentNo: 'SQ1001',
    description: 'Sales quote',
    informationFlow: 'outbound',
    initiatedBy: 'us',
    sourceUid: U.quote,
    contact: { no: 'CT000001' },
    contactCompany: { no: 'CT000001' },
    interactionTemplate: { code: 'S_QUOTE' },
    interactionGroup: { code: 'SALES' },
    salesperson: { code: 'AB' },
  });
  expect(Number(entries[0].cost)).toBe(2.5);
  expect(Number(entries[0].durationMin)).toBe(5);
  // The company's timeline shows it.
  const timeline = await api.get(`${API}/contacts/${fabrikam.documentId}/interactions`);
  expect(timeline.body.data.map((e: any) => [e.documentNo, e.documentKind, e.cost, e.durationMin])).toEqual([
    ['SQ1001', 'salesQuotes', 2.5, 5],
  ]);
});

test('no template for sales quotes → the quote saves and nothing is recorded', async () => {
  const before = await count(U.entry);
  const quote = await create('/api/sales-quotes', { number: 'SQ1002', customer: c1.documentId });
  expect(quote.number).toBe('SQ1002');
  expect(await count(U.entry)).toBe(before);
});

test('a customer without a contact link → the quote saves and nothing is recorded', async () => {
  await setTemplates({ salesQuotes: tpl.S_QUOTE.documentId });
  const c2 = await create(`${API}/customers`, { name: 'Unlinked BV' });
  await docs(app.strapi, U.link).delete({
    documentId: (await docs(app.strapi, U.link).findFirst({ filters: { customer: { documentId: c2.documentId } } }))
      .documentId,
  });
  const before = await count(U.entry);
  const res = await api.post('/api/sales-quotes', { data: { number: 'SQ1003', customer: c2.documentId } });
  expect(res.status).toBe(201);
  expect(await count(U.entry)).toBe(before);
  expect(await docs(app.strapi, U.quote).findFirst({ filters: { number: 'SQ1003' } })).toBeTruthy();
});

test('a sales invoice with contact person P of CT000001 → the entry is for P, company CT000001, with the invoice description', async () => {
  await setTemplates({ salesInvoices: tpl.S_INVOICE.documentId });
  const p = await create(`${API}/contacts`, { type: 'person', name: 'Pieter Post', company: fabrikam.documentId });
  const invoice = await create('/api/sales-invoices', {
    number: 'SI2001',
    customer: c1.documentId,
    contactPerson: p.documentId,
    description: 'Printers, May',
  });
  const [entry, ...more] = await entriesOf(invoice.documentId);
  expect(more).toHaveLength(0);
  expect(entry).toMatchObject({
    contact: { no: p.no, name: 'Pieter Post' },
    contactCompany: { no: 'CT000001' },
    documentKind: 'salesInvoices',
    documentNo: 'SI2001',
    description: 'Printers, May',
    interactionTemplate: { code: 'S_INVOICE' },
  });
  expect(p.no).toBe('CT000003'); // CT000002 went to the unlinked customer's contact
});

test('purchase orders (draft & publish) are recorded when published, not when saved as a draft', async () => {
  await setTemplates({ purchaseOrders: tpl.P_ORDER.documentId });
  const supplier = await create(`${API}/contacts`, { type: 'company', name: 'Supplier BV' });
  const v1 = (await api.post(`${API}/contacts/${supplier.documentId}/create-as`, { kind: 'vendor' })).body.data;
  const draft = await docs(app.strapi, U.order).create({ data: { number: 'PO3001', vendor: v1.documentId } });
  expect(await entriesOf(draft.documentId)).toHaveLength(0);
  await docs(app.strapi, U.order).publish({ documentId: draft.documentId });
  const [entry] = await entriesOf(draft.documentId);
  expect(entry).toMatchObject({
    documentKind: 'purchaseOrders',
    documentNo: 'PO3001',
    contact: { no: supplier.no },
    interactionGroup: { code: 'PURCH' },
  });
  // The REST API publishes on create: that is a publish too.
  const rest = await create('/api/purchase-orders', { number: 'PO3002', vendor: v1.documentId });
  expect((await entriesOf(rest.documentId)).map((e: any) => e.documentNo)).toEqual(['PO3002']);
});

test('a rule on a host type that is not a demo type, configured only through the admin API, records entries', async () => {
  const types = await admin.get('/marketing-setup/interaction-rules/content-types');
  expect(types.status).toBe(200);
  const plain = types.body.data.find((t: any) => t.uid === U.plain);
  expect(plain.fields.find((f: any) => f.name === 'company')).toEqual({
    name: 'company',
    label: 'company',
    type: 'relation',
    target: `${P}.contact`,
    usableAs: ['contact', 'contactPerson'],
  });
  expect(plain.fields.find((f: any) => f.name === 'name').usableAs).toEqual(['documentNo', 'description']);
  expect(plain.fields.find((f: any) => f.name === 'salesperson')).toBeUndefined();

  const created = await admin.post('/marketing-setup/interaction-rules', {
    contentType: U.plain,
    events: ['update', 'create', 'create'],
    interactionTemplate: tpl.NOTE.documentId,
    contactField: 'company',
    descriptionField: 'name',
  });
  expect(created.status).toBe(201);
  expect(created.body.data).toMatchObject({
    contentType: U.plain,
    events: ['create', 'update'],
    interactionTemplate: { code: 'NOTE' },
    documentKind: null,
    contactField: 'company',
    descriptionField: 'name',
    required: false,
    enabled: true,
  });
  const rule = created.body.data.documentId;

  const note = await create('/api/plain-contacts', { name: 'Called about the invoice', company: fabrikam.documentId });
  await api.put(`/api/plain-contacts/${note.documentId}`, { data: { name: 'Called back' } });
  const entries = await entriesOf(note.documentId);
  expect(
    entries.map((e: any) => [e.description, e.contact.no, e.interactionTemplate.code, e.initiatedBy, e.documentKind]),
  ).toEqual([
    ['Called about the invoice', 'CT000001', 'NOTE', 'them', null],
    ['Called back', 'CT000001', 'NOTE', 'them', null],
  ]);

  // Disabled (the form may send the rule back as it got it): nothing more; deleted: gone from the list.
  const disabled = await admin.put(`/marketing-setup/interaction-rules/${rule}`, {
    ...created.body.data,
    enabled: false,
  });
  expect([disabled.status, disabled.body.data?.enabled, disabled.body.data?.interactionTemplate?.code]).toEqual([
    200,
    false,
    'NOTE',
  ]);
  const quiet = await create('/api/plain-contacts', { name: 'Not logged', company: fabrikam.documentId });
  expect(await entriesOf(quiet.documentId)).toHaveLength(0);
  expect((await admin.del(`/marketing-setup/interaction-rules/${rule}`)).status).toBe(200);
  expect((await admin.get('/marketing-setup/interaction-rules')).body.data.map((r: any) => r.documentId)).not.toContain(
    rule,
  );
});

test('an automatically recorded entry reads and changes like any other: REST, Content Manager, event, next entry number', async () => {
  await setTemplates({ salesQuotes: tpl.S_QUOTE.documentId });
  const events: any[] = [];
  const listener = (e: any) => {
    if (e.uid === U.entry) events.push(e);
  };
  app.strapi.eventHub.on('entry.create', listener);
  let quote: any;
  try {
    quote = await create('/api/sales-quotes', { number: 'SQ1200', customer: c1.documentId });
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    app.strapi.eventHub.off('entry.create', listener);
  }
  const [auto, ...more] = await entriesOf(quote.documentId);
  expect(more).toHaveLength(0);
  expect(auto.documentId).toMatch(/^[a-z0-9]{24}$/);
  expect(events.map((e) => [e.entry.documentId, e.entry.entryNo, e.entry.contact])).toEqual([
    [auto.documentId, auto.entryNo, { id: auto.contact.id }],
  ]);
  // The plugin's REST API: one entry, and in the list.
  const rest = await api.get(
    `${API}/interaction-log-entries/${auto.documentId}?populate[0]=contact&populate[1]=interactionTemplate&populate[2]=contactCompany`,
  );
  expect(rest.status).toBe(200);
  expect(rest.body.data).toMatchObject({
    documentNo: 'SQ1200',
    entryNo: auto.entryNo,
    description: 'Sales quote',
    informationFlow: 'outbound',
    contact: { no: 'CT000001' },
    contactCompany: { no: 'CT000001' },
    interactionTemplate: { code: 'S_QUOTE' },
  });
  // Stored as the document service stores an entry: timestamps read back as the moment of the write.
  const since = Date.now() - 60_000;
  for (const f of ['createdAt', 'updatedAt', 'publishedAt'])
    expect(new Date(rest.body.data[f]).getTime()).toBeGreaterThan(since);
  const list = await api.get(`${API}/interaction-log-entries?filters[documentNo][$eq]=SQ1200`);
  expect(list.body.data.map((e: any) => e.documentId)).toEqual([auto.documentId]);
  // The Content Manager reads it and changes it through the entry rules.
  const cm = `/content-manager/collection-types/${U.entry}`;
  const got = await admin.get(`${cm}/${auto.documentId}`);
  expect(got.status).toBe(200);
  expect(got.body.data).toMatchObject({
    documentId: auto.documentId,
    documentNo: 'SQ1200',
    entryNo: auto.entryNo,
    description: 'Sales quote',
  });
  const listed = await admin.get(`${cm}?filters[documentNo][$eq]=SQ1200`);
  expect(listed.body.results.map((e: any) => e.documentId)).toEqual([auto.documentId]);
  const put = await admin.put(`${cm}/${auto.documentId}`, {
    evaluation: 'positive',
    description: 'Quote sent by post',
  });
  expect(put.status).toBe(200);
  expect((await entriesOf(quote.documentId))[0]).toMatchObject({
    evaluation: 'positive',
    description: 'Quote sent by post',
    entryNo: auto.entryNo,
    contact: { no: 'CT000001' },
    contactCompany: { no: 'CT000001' },
    interactionGroup: { code: 'SALES' },
    salesperson: { code: 'AB' },
  });
  // An entry written over REST takes the next number.
  const next = await api.post(`${API}/interaction-log-entries`, {
    data: { contact: fabrikam.documentId, interactionTemplate: tpl.NOTE.documentId },
  });
  expect(next.status).toBe(201);
  expect(next.body.data.entryNo).toBe(auto.entryNo + 1);
});

test('a failure while recording inside a document save writes neither the document nor the entry', async () => {
  await setTemplates({ salesQuotes: tpl.S_QUOTE.documentId });
  // Automatic recording writes the entry through the shared entry operations (operations/interaction-entries).
  const entriesModule = require(
    path.resolve(__dirname, '../../dist/src/plugins/marketing-setup/server/src/operations/interaction-entries'),
  );
  const original = entriesModule.recordEntry;
  const spy = jest.spyOn(entriesModule, 'recordEntry').mockImplementation(async (...args: any[]) => {
    await original(...args); // the entry is written ...
    throw new Error('disk full'); // ... then the recording fails
  });
  const [quotes, entries] = [await count(U.quote), await count(U.entry)];
  try {
    const e = await docs(app.strapi, U.quote)
      .create({ data: { number: 'SQ1099', customer: c1.documentId } })
      .then(
        (r: any) => r,
        (err: any) => err,
      );
    expect(String(e)).toMatch(/disk full/);
  } finally {
    spy.mockRestore();
  }
  expect(await count(U.quote)).toBe(quotes);
  expect(await count(U.entry)).toBe(entries);
});

test('a required rule without a usable template refuses the save with a 400; without a contact the save goes through', async () => {
  const quoteRule = (await admin.get('/marketing-setup/interaction-rules')).body.data.find(
    (r: any) => r.contentType === U.quote,
  );
  await admin.put(`/marketing-setup/interaction-rules/${quoteRule.documentId}`, { required: true });
  try {
    const [quotes, entries] = [await count(U.quote), await count(U.entry)];
    const res = await api.post('/api/sales-quotes', { data: { number: 'SQ1100', customer: c1.documentId } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Sales Quote entries must be recorded as interactions, but no interaction template is set for the document kind "salesQuotes". Set one in the Interaction Template Setup, or make the rule optional.',
    );
    expect([await count(U.quote), await count(U.entry)]).toEqual([quotes, entries]);
    const noContact = await api.post('/api/sales-quotes', { data: { number: 'SQ1101' } });
    expect(noContact.status).toBe(201);
    expect(await count(U.entry)).toBe(entries);
  } finally {
    await admin.put(`/marketing-setup/interaction-rules/${quoteRule.documentId}`, { required: false });
  }
});

test('a required rule whose own template was deleted refuses the save, naming the missing template', async () => {
  const gone = await docs(app.strapi, U.template).create({
    data: { code: 'GONE', description: 'Gone soon', unitCost: 1, unitDurationMin: 1 },
  });
  const rule = await admin.post('/marketing-setup/interaction-rules', {
    contentType: U.invoice,
    events: ['update'],
    interactionTemplate: gone.documentId,
    contactField: 'customer',
    required: true,
  });
  expect(rule.status).toBe(201);
  const invoice = await create('/api/sales-invoices', { number: 'SI2002', customer: c1.documentId });
  try {
    await docs(app.strapi, U.template).delete({ documentId: gone.documentId });
    const res = await api.put(`/api/sales-invoices/${invoice.documentId}`, { data: { description: 'Changed' } });
    expect([res.status, res.body.error?.message]).toEqual([
      400,
      "Sales Invoice entries must be recorded as interactions, but the rule's interaction template no longer exists. Choose another template, or make the rule optional.",
    ]);
    expect((await docs(app.strapi, U.invoice).findOne({ documentId: invoice.documentId })).description).toBeNull();
  } finally {
    await admin.del(`/marketing-setup/interaction-rules/${rule.body.data.documentId}`);
  }
});

test('bad rules are refused with a 400 naming the problem, and nothing is written', async () => {
  const base = { contentType: U.quote, events: ['create'], documentKind: 'salesQuotes', contactField: 'customer' };
  const cases: [Record<string, any>, string][] = [
    [{ contentType: 'api::nothing.nothing' }, 'There is no content type api::nothing.nothing in this application.'],
    [
      { contentType: `${P}.contact` },
      `Rules listen to this application's own content types (api::…); ${P}.contact is not one of them.`,
    ],
    [{ contactField: 'client' }, 'Sales Quote has no field "client".'],
    [
      { contactField: 'description' },
      'The field "description" of Sales Quote cannot be used here: choose a relation (to one) to a contact, customer or vendor.',
    ],
    [
      { contactPersonField: 'customer' },
      'The field "customer" of Sales Quote cannot be used here: choose a relation (to one) to a contact.',
    ],
    [{ documentNoField: 'number2' }, 'Sales Quote has no field "number2".'],
    [
      { documentNoField: 'customer' },
      'The field "customer" of Sales Quote cannot be used here: choose a text or whole-number field.',
    ],
    [
      { documentKind: null },
      'Choose an interaction template or a document kind (whose template is taken from the Interaction Template Setup).',
    ],
    [{ events: ['create', 'delete'] }, 'Unknown event "delete": use create, update or publish.'],
    [{ events: [] }, 'Choose at least one event: create, update or publish.'],
    [
      { events: ['publish'] },
      'Sales Quote has no draft & publish, so its entries are never published: choose create or update.',
    ],
    [{ documentKind: 'faxes' }, 'Choose a document kind from the list.'],
    [{ interactionTemplate: 'nosuchdocumentid' }, 'The interaction template chosen does not exist (any more).'],
    [{ contactField: null }, 'Choose the field that holds the contact, customer or vendor.'],
    [{ events: 'create' }, 'Choose the events as a list: create, update, publish.'],
    [{ required: 'maybe' }, 'Choose on or off.'],
    [{ colour: 'red' }, 'These fields cannot be set here: colour.'],
  ];
  const rules = await count(U.rule);
  for (const [change, message] of cases) {
    const res = await admin.post('/marketing-setup/interaction-rules', { ...base, ...change });
    expect([res.status, res.body.error?.message]).toEqual([400, message]);
  }
  // Several fields missing: the first one's message heads the answer (was yup's "2 errors occurred").
  const empty = await admin.post('/marketing-setup/interaction-rules', { contentType: U.quote });
  expect([empty.status, empty.body.error?.message, empty.body.error?.details?.errors?.length]).toEqual([
    400,
    'Choose at least one event: create, update or publish. (1 more below)',
    2,
  ]);
  // The content API (core routes of the rule type) checks the same way.
  const rest = await api.post(`${API}/interaction-rules`, { data: { ...base, contactField: 'amount' } });
  expect([rest.status, rest.body.error?.message]).toEqual([
    400,
    'The field "amount" of Sales Quote cannot be used here: choose a relation (to one) to a contact, customer or vendor.',
  ]);
  // An update is checked as the rule will be after it.
  const quoteRule = (await admin.get('/marketing-setup/interaction-rules')).body.data.find(
    (r: any) => r.contentType === U.quote,
  );
  const upd = await admin.put(`/marketing-setup/interaction-rules/${quoteRule.documentId}`, { contactField: 'number' });
  expect(upd.status).toBe(400);
  expect(await count(U.rule)).toBe(rules);
  expect(
    (await admin.get('/marketing-setup/interaction-rules')).body.data.find(
      (r: any) => r.documentId === quoteRule.documentId,
    ).contactField,
  ).toBe('customer');
});

test('a body that is no rule: the 400 speaks of an interaction rule (it spoke of Search Hit %, a setup field)', async () => {
  const rules = await count(U.rule);
  const base = { contentType: U.quote, events: ['create'], documentKind: 'salesQuotes', contactField: 'customer' };
  const example = '{ "contentType": "api::sales-quote.sales-quote", "events": ["create"], "contactField": "customer" }';
  const quoteRule = (await admin.get('/marketing-setup/interaction-rules')).body.data.find(
    (r: any) => r.contentType === U.quote,
  );
  const sent: [string, () => Promise<any>][] = [
    ['create', () => admin.post('/marketing-setup/interaction-rules', [base])],
    ['update', () => admin.put(`/marketing-setup/interaction-rules/${quoteRule.documentId}`, [{ contactField: 'x' }])],
  ];
  for (const [what, send] of sent) {
    const res = await send();
    expect([what, res.status, res.body.error?.message]).toEqual([
      what,
      400,
      `Send the fields of one interaction rule as one object, e.g. ${example}; a list was sent.`,
    ]);
    expect(res.body.error.message).not.toMatch(/searchHitPercent/);
  }
  // Entries of the wrong shape in its list of events name the events.
  for (const events of [[{ on: 'create' }], [1], [['create']]]) {
    const res = await admin.post('/marketing-setup/interaction-rules', { ...base, events });
    expect([res.status, res.body.error?.message]).toEqual([400, 'An event is create, update or publish.']);
  }
  expect(await count(U.rule)).toBe(rules);
});

test('the entry-number counter row deleted from the database: the next recorded entry continues after the last number', async () => {
  const knex = app.strapi.db.connection;
  const last = Number((await knex('ms_interaction_log_entries').max({ m: 'entry_no' }))[0].m);
  expect(last).toBeGreaterThan(0);
  await knex('ms_int_tpl_setup').del();
  const res = await api.post(`${API}/interactions`, {
    contact: fabrikam.documentId,
    template: 'NOTE',
    description: 'After the counter was lost',
  });
  expect(res.status).toBe(201);
  expect(res.body.data).toMatchObject({
    entryNo: last + 1,
    description: 'After the counter was lost',
    interactionTemplate: { code: 'NOTE' },
  });
  const next = await api.post(`${API}/interactions`, { contact: fabrikam.documentId, template: 'NOTE' });
  expect(next.body.data.entryNo).toBe(last + 2);
  expect(await count(U.templateSetup)).toBe(1);
});
