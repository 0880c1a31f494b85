import path from 'path';
import request from 'supertest';
import { startStrapi, apiToken, type TestApp } from '../helpers/strapi';
import { API, docs, http, masterData, standardNumbering, UID, adminLogin } from '../helpers/fixtures';

const IUID = {
  group: 'plugin::marketing-setup.interaction-group',
  template: 'plugin::marketing-setup.interaction-template',
  entry: 'plugin::marketing-setup.interaction-log-entry',
  setup: 'plugin::marketing-setup.interaction-template-setup',
};

let app: TestApp;
let api: ReturnType<typeof http>;
let adminJwt: string;
const tpl: Record<string, any> = {};
const contacts: Record<string, any> = {};

const admin = {
  get: (url: string) => request(app.strapi.server.httpServer).get(url).set('Authorization', `Bearer ${adminJwt}`),
  put: (url: string, body: any) =>
    request(app.strapi.server.httpServer).put(url).set('Authorization', `Bearer ${adminJwt}`).send(body),
};

beforeAll(async () => {
  app = await startStrapi();
  api = http(app.strapi, await apiToken(app.strapi));
  await standardNumbering(app.strapi);
  await masterData(app.strapi);
  const sales = await docs(app.strapi, IUID.group).create({ data: { code: 'SALES', description: 'Sales contacts' } });
  const letters = await docs(app.strapi, IUID.group).create({ data: { code: 'LETTERS', description: 'Letters' } });
  const make = (data: Record<string, any>) => docs(app.strapi, IUID.template).create({ data });
  tpl.OUTCALL = await make({
    code: 'OUTCALL',
    description: 'Outgoing call',
    interactionGroup: sales.documentId,
    unitCost: 2.5,
    unitDurationMin: 5,
    informationFlow: 'outbound',
    initiatedBy: 'us',
  });
  tpl.MEETINV = await make({
    code: 'MEETINV',
    description: 'Meeting invitation',
    interactionGroup: sales.documentId,
    unitCost: 10,
    unitDurationMin: 60,
    informationFlow: 'outbound',
    initiatedBy: 'us',
    correspondenceType: 'email',
  });
  tpl.COVERSH = await make({
    code: 'COVERSH',
    description: 'Cover sheet',
    interactionGroup: letters.documentId,
    unitCost: 0.5,
    unitDurationMin: 0,
    informationFlow: 'outbound',
    initiatedBy: 'us',
    correspondenceType: 'hardCopy',
    ignoreContactCorrespondenceType: true,
  });
  tpl.INCALL = await make({
    code: 'INCALL',
    description: 'Incoming call',
    interactionGroup: sales.documentId,
    unitCost: 0,
    unitDurationMin: 3,
    informationFlow: 'inbound',
    initiatedBy: 'them',
  });

  // Admin (super admin) for the admin API: set up the templates of three kinds there.
  adminJwt = await adminLogin(app.strapi, 'icore@example.com', 'strapi-super-admin');
  const put = await admin.put('/marketing-setup/interaction-template-setup', {
    outgoingCalls: tpl.OUTCALL.documentId,
    meetingInvitations: tpl.MEETINV.documentId,
    coverSheets: tpl.COVERSH.documentId,
  });
  expect(put.status).toBe(200);

  const create = async (data: Record<string, any>) => (await api.post(`${API}/contacts`, { data })).body.data;
  contacts.company = await create({ type: 'company', name: 'Fabrikam' }); // CT000001
  contacts.anna = await create({
    type: 'person',
    name: 'Anna Peeters',
    company: contacts.company.documentId,
    correspondenceType: 'hardCopy',
  });
  contacts.bert = await create({ type: 'person', name: 'Bert Claes', company: contacts.company.documentId });
  contacts.other = await create({ type: 'company', name: 'Litware' });
});
afterAll(async () => app?.stop());

const log = (body: Record<string, any>) => api.post(`${API}/interactions`, body);
const entryCount = () => app.strapi.db.query(IUID.entry as any).count({});

test('template setup over the admin API: the three kinds set, the others empty, templates listed for the pickers', async () => {
  const res = await admin.get('/marketing-setup/interaction-template-setup');
  expect(res.status).toBe(200);
  expect(res.body.data.outgoingCalls).toEqual({
    documentId: tpl.OUTCALL.documentId,
    code: 'OUTCALL',
    name: 'Outgoing call',
  });
  expect(res.body.data.coverSheets.code).toBe('COVERSH');
  expect(res.body.data.emails).toBeNull();
  expect(res.body.data.salesInvoices).toBeNull();
  expect(res.body.meta.groups.general).toEqual([
    'emails',
    'emailDrafts',
    'coverSheets',
    'outgoingCalls',
    'meetingInvitations',
  ]);
  expect(res.body.meta.templates.map((t: any) => t.code)).toEqual(['COVERSH', 'INCALL', 'MEETINV', 'OUTCALL']);

  const bad = await admin.put('/marketing-setup/interaction-template-setup', { phoneCalls: tpl.OUTCALL.documentId });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/^Unknown kind "phoneCalls"/);
  const unknown = await admin.put('/marketing-setup/interaction-template-setup', { emails: 'nope' });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.message).toBe('emails: no interaction template nope.');
});

test('Outgoing call with attempt failed → entry with the outgoing-calls template values and attempt failed', async () => {
  const res = await log({
    contact: contacts.anna.documentId,
    kind: 'outgoingCalls',
    attemptFailed: true,
    subject: 'Quote follow-up',
    date: '2024-03-04',
    time: '10:15',
  });
  expect(res.status).toBe(201);
  expect(res.body.data).toMatchObject({
    entryNo: 1,
    date: '2024-03-04',
    time: '10:15:00',
    description: 'Outgoing call',
    subject: 'Quote follow-up',
    informationFlow: 'outbound',
    initiatedBy: 'us',
    cost: 2.5,
    durationMin: 5,
    attemptFailed: true,
    documentKind: 'outgoingCalls',
    contact: { documentId: contacts.anna.documentId, no: 'CT000002', name: 'Anna Peeters' },
    contactCompany: { documentId: contacts.company.documentId, no: 'CT000001', name: 'Fabrikam' },
    interactionTemplate: { code: 'OUTCALL' },
    interactionGroup: { code: 'SALES' },
    // The contact prefers hard copy and the template does not ignore it.
    correspondenceType: 'hardCopy',
  });
  expect(res.body.data.createdAt).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(res.body.data.salesperson).toBeNull();
});

test('template values default (2.50, 5 min, outbound, us, group SALES); explicit values win', async () => {
  const dflt = (await log({ contact: contacts.bert.documentId, template: 'OUTCALL', date: '2024-03-05' })).body.data;
  expect(dflt).toMatchObject({
    cost: 2.5,
    durationMin: 5,
    informationFlow: 'outbound',
    initiatedBy: 'us',
    interactionGroup: { code: 'SALES' },
    description: 'Outgoing call',
    attemptFailed: false,
  });
  const own = await log({
    contact: contacts.bert.documentId,
    template: 'OUTCALL',
    date: '2024-03-05',
    cost: 4,
    durationMin: 12,
    informationFlow: 'inbound',
    initiatedBy: 'them',
    description: 'Called back about the quote',
  });
  expect(own.status).toBe(201);
  expect(own.body.data).toMatchObject({
    cost: 4,
    durationMin: 12,
    informationFlow: 'inbound',
    initiatedBy: 'them',
    description: 'Called back about the quote',
    interactionGroup: { code: 'SALES' },
  });
  // The cover sheet template ignores the contact's correspondence type (Anna: hard copy; template: hard copy anyway) …
  const cover = (await log({ contact: contacts.bert.documentId, kind: 'coverSheets', date: '2024-03-06' })).body.data;
  expect(cover).toMatchObject({
    cost: 0.5,
    durationMin: 0,
    correspondenceType: 'hardCopy',
    interactionGroup: { code: 'LETTERS' },
  });
  // … the meeting template does not: Bert has none, so the template's e-mail.
  const meeting = (await log({ contact: contacts.bert.documentId, kind: 'meetingInvitations', date: '2024-03-07' }))
    .body.data;
  expect(meeting).toMatchObject({
    cost: 10,
    durationMin: 60,
    correspondenceType: 'email',
    description: 'Meeting invitation',
  });
});

test('entry number and contact company cannot be set by an API caller', async () => {
  const res = await api.post(`${API}/interaction-log-entries`, {
    data: {
      contact: contacts.bert.documentId,
      interactionTemplate: tpl.INCALL.documentId,
      entryNo: 999,
      contactCompany: contacts.other.documentId,
      date: '2024-03-08',
    },
  });
  expect(res.status).toBe(201);
  const entry = await docs(app.strapi, IUID.entry).findOne({
    documentId: res.body.data.documentId,
    populate: ['contactCompany'],
  });
  expect(entry.entryNo).not.toBe(999);
  expect(entry.contactCompany.name).toBe('Fabrikam');
  expect(entry).toMatchObject({ informationFlow: 'inbound', initiatedBy: 'them', durationMin: 3 });
  const upd = await api.put(`${API}/interaction-log-entries/${entry.documentId}`, {
    data: { entryNo: 5000, contactCompany: contacts.other.documentId, evaluation: 'positive' },
  });
  expect(upd.status).toBe(200);
  const after = await docs(app.strapi, IUID.entry).findOne({
    documentId: entry.documentId,
    populate: ['contactCompany'],
  });
  expect(after).toMatchObject({ entryNo: entry.entryNo, evaluation: 'positive', contactCompany: { name: 'Fabrikam' } });
  await docs(app.strapi, IUID.entry).delete({ documentId: entry.documentId });
});

test('Bad input: negative cost → 400, and unknown contact / template / kind, a date that is not a date → 400; nothing written', async () => {
  const before = await entryCount();
  const cases: Array<[Record<string, any>, RegExp]> = [
    [{ contact: contacts.anna.documentId, kind: 'outgoingCalls', cost: -1 }, /^cost cannot be negative\.$/],
    [
      { contact: contacts.anna.documentId, kind: 'outgoingCalls', durationMin: 'long' },
      /^durationMin must be a number\.$/,
    ],
    [{ contact: 'no-such-contact', kind: 'outgoingCalls' }, /^No contact no-such-contact\.$/],
    [{ contact: contacts.anna.documentId, template: 'NOPE' }, /^No interaction template NOPE\.$/],
    [{ contact: contacts.anna.documentId, kind: 'phoneCalls' }, /^kind must be one of: emails, /],
    [
      { contact: contacts.anna.documentId, kind: 'emails' },
      /^No interaction template is set up for emails; choose a template or set one up\.$/,
    ],
    [
      { contact: contacts.anna.documentId, kind: 'outgoingCalls', date: '2024-02-30' },
      /^date "2024-02-30" is not a date \(use YYYY-MM-DD\)\.$/,
    ],
    [{ contact: contacts.anna.documentId, kind: 'outgoingCalls', date: 'yesterday' }, /is not a date/],
    [{ contact: contacts.anna.documentId, kind: 'outgoingCalls', time: '25:00' }, /is not a time of day/],
    [{ contact: contacts.anna.documentId }, /^Give the kind of interaction/],
    [{ contact: contacts.anna.documentId, kind: 'outgoingCalls', colour: 'red' }, /colour/],
  ];
  for (const [body, message] of cases) {
    const res = await log(body);
    expect([res.status, body]).toEqual([400, body]);
    expect(res.body.error.message).toMatch(message);
  }
  // Straight through the content type's own route: the rules check the values too.
  const direct = await api.post(`${API}/interaction-log-entries`, {
    data: { contact: contacts.anna.documentId, cost: -3 },
  });
  expect(direct.status).toBe(400);
  expect(direct.body.error.message).toBe('Cost cannot be negative.');
  const noContact = await api.post(`${API}/interaction-log-entries`, {
    data: { interactionTemplate: tpl.OUTCALL.documentId },
  });
  expect(noContact.status).toBe(400);
  expect(noContact.body.error.message).toBe('An interaction log entry needs a contact.');
  const badTemplate = await api.post(`${API}/interaction-templates`, { data: { code: 'NEG', unitCost: -1 } });
  expect(badTemplate.status).toBe(400);
  expect(await entryCount()).toBe(before);
});

test("Timeline of CT000001 lists its own and its persons' entries, newest first, paginated", async () => {
  await log({ contact: contacts.company.documentId, kind: 'coverSheets', date: '2024-03-09', time: '09:00' });
  await log({ contact: contacts.other.documentId, kind: 'coverSheets', date: '2024-03-09', time: '09:30' }); // another company
  const page1 = await api.get(`${API}/contacts/${contacts.company.documentId}/interactions?pageSize=3`);
  expect(page1.status).toBe(200);
  expect(page1.body.meta.pagination).toEqual({ page: 1, pageSize: 3, pageCount: 2, total: 6 });
  const line = (e: any) => `${e.date} ${e.contact.no} ${e.interactionTemplate.code}`;
  expect(page1.body.data.map(line)).toEqual([
    '2024-03-09 CT000001 COVERSH',
    '2024-03-07 CT000003 MEETINV',
    '2024-03-06 CT000003 COVERSH',
  ]);
  const page2 = await api.get(`${API}/contacts/${contacts.company.documentId}/interactions?pageSize=3&page=2`);
  // Same date: the later entry first.
  expect(page2.body.data.map((e: any) => `${line(e)} ${e.cost}`)).toEqual([
    '2024-03-05 CT000003 OUTCALL 4',
    '2024-03-05 CT000003 OUTCALL 2.5',
    '2024-03-04 CT000002 OUTCALL 2.5',
  ]);

  // A person's own timeline; filters by date range, template and direction.
  const anna = await api.get(`${API}/contacts/${contacts.anna.documentId}/interactions`);
  expect(anna.body.data.map(line)).toEqual(['2024-03-04 CT000002 OUTCALL']);
  const ranged = await api.get(
    `${API}/contacts/${contacts.company.documentId}/interactions?from=2024-03-05&to=2024-03-06`,
  );
  expect(ranged.body.data.map(line)).toEqual([
    '2024-03-06 CT000003 COVERSH',
    '2024-03-05 CT000003 OUTCALL',
    '2024-03-05 CT000003 OUTCALL',
  ]);
  const calls = await api.get(
    `${API}/contacts/${contacts.company.documentId}/interactions?template=OUTCALL&direction=outbound`,
  );
  expect(calls.body.data.map((e: any) => `${line(e)} ${e.informationFlow}`)).toEqual([
    '2024-03-05 CT000003 OUTCALL outbound',
    '2024-03-04 CT000002 OUTCALL outbound',
  ]);
  const inbound = await api.get(`${API}/contacts/${contacts.company.documentId}/interactions?direction=inbound`);
  expect(inbound.body.meta.pagination.total).toBe(1);

  // The admin side panel reads the same timeline.
  const viaAdmin = await admin.get(`/marketing-setup/contacts/${contacts.company.documentId}/interactions?pageSize=3`);
  expect(viaAdmin.status).toBe(200);
  expect(viaAdmin.body.data.map(line)).toEqual(page1.body.data.map(line));

  for (const [query, status, message] of [
    ['from=2024-13-01', 400, '"from" (2024-13-01) is not a date (use YYYY-MM-DD).'],
    ['direction=sideways', 400, 'direction must be one of: inbound, outbound.'],
    ['pageSize=0', 400, 'pageSize must be a whole number of at least 1.'],
    ['pageSize=1000', 400, 'pageSize can be at most 100.'],
    ['template=NOPE', 400, 'No interaction template NOPE.'],
  ] as const) {
    const res = await api.get(`${API}/contacts/${contacts.company.documentId}/interactions?${query}`);
    expect([query, res.status, res.body.error?.message]).toEqual([query, status, message]);
  }
  const missing = await api.get(`${API}/contacts/nope/interactions`);
  expect(missing.status).toBe(404);
});

test('entry numbers are sequential with no duplicates under 50 parallel logs', async () => {
  const [{ max }] = await app.strapi.db.connection('ms_interaction_log_entries').max({ max: 'entry_no' });
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      log({
        contact: i % 2 ? contacts.anna.documentId : contacts.other.documentId,
        kind: 'outgoingCalls',
        date: '2024-04-01',
        subject: `Call ${i}`,
      }),
    ),
  );
  expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
  const numbers = responses.map((r) => r.body.data.entryNo).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => Number(max) + 1 + i));
});

test('a person moving to another company keeps its old entries with the old company; new entries get the new one', async () => {
  const carl = (
    await api.post(`${API}/contacts`, {
      data: { type: 'person', name: 'Carl Maes', company: contacts.company.documentId },
    })
  ).body.data;
  const old = (await log({ contact: carl.documentId, kind: 'outgoingCalls', date: '2024-05-01' })).body.data;
  expect(old.contactCompany.name).toBe('Fabrikam');
  const moved = await api.put(`${API}/contacts/${carl.documentId}`, { data: { company: contacts.other.documentId } });
  expect(moved.status).toBe(200);
  const fresh = (await log({ contact: carl.documentId, kind: 'outgoingCalls', date: '2024-05-02' })).body.data;
  expect(fresh).toMatchObject({ contact: { name: 'Carl Maes' }, contactCompany: { name: 'Litware' } });
  // BC 24: the old entry stays with Fabrikam (contact := the old company), so it is no longer Carl's.
  const fabrikam = (
    await api.get(`${API}/contacts/${contacts.company.documentId}/interactions?from=2024-05-01&to=2024-05-31`)
  ).body.data;
  expect(fabrikam.map((e: any) => [e.entryNo, e.contact.name, e.contactCompany.name])).toEqual([
    [old.entryNo, 'Fabrikam', 'Fabrikam'],
  ]);
  const litware = (
    await api.get(`${API}/contacts/${contacts.other.documentId}/interactions?from=2024-05-01&to=2024-05-31`)
  ).body.data;
  expect(litware.map((e: any) => [e.entryNo, e.contact.name, e.contactCompany.name])).toEqual([
    [fresh.entryNo, 'Carl Maes', 'Litware'],
  ]);
  const own = (await api.get(`${API}/contacts/${carl.documentId}/interactions`)).body.data;
  expect(own.map((e: any) => e.entryNo)).toEqual([fresh.entryNo]);
});

test('deleting a person re-points its entries to its company', async () => {
  const dirk = (
    await api.post(`${API}/contacts`, {
      data: { type: 'person', name: 'Dirk Wouters', company: contacts.other.documentId },
    })
  ).body.data;
  const entry = (await log({ contact: dirk.documentId, kind: 'meetingInvitations', date: '2024-06-01' })).body.data;
  expect((await api.del(`${API}/contacts/${dirk.documentId}`)).status).toBe(204);
  const stored = await docs(app.strapi, IUID.entry).findOne({
    documentId: entry.documentId,
    populate: ['contact', 'contactCompany'],
  });
  expect([stored.contact.name, stored.contactCompany.name]).toEqual(['Litware', 'Litware']);
  const litware = (await api.get(`${API}/contacts/${contacts.other.documentId}/interactions?from=2024-06-01`)).body
    .data;
  expect(litware.map((e: any) => [e.entryNo, e.contact.name])).toEqual([[entry.entryNo, 'Litware']]);
});

test("record(): a kind without template records nothing; a kind with one records inside the caller's transaction", async () => {
  // Recording inside a caller's transaction is the shared entry operation (automatic recording, e-mail logging).
  const { recordEntry } = require(
    path.resolve(__dirname, '../../dist/src/plugins/marketing-setup/server/src/operations/interaction-entries'),
  );
  const service = { record: recordEntry };
  const contact = await app.strapi.db
    .query(UID.contact as any)
    .findOne({ where: { documentId: contacts.anna.documentId } });
  const before = await entryCount();
  const write = (fn: (w: any) => Promise<any>) =>
    app.strapi.db.transaction(({ trx }: any) =>
      fn({ strapi: app.strapi, trx, uid: IUID.entry, action: 'create', params: {} }),
    );
  expect(
    await write((w) =>
      service.record(w, { contactId: contact.id, documentKind: 'salesInvoices', documentNo: 'INV-1' }),
    ),
  ).toBeNull();
  const failed = await write(async (w) => {
    await service.record(w, { contactId: contact.id, documentKind: 'coverSheets', documentNo: 'CS-1' });
    throw new Error('the source write failed');
  }).then(
    (r: any) => r,
    (e: any) => e,
  );
  expect(String(failed)).toMatch(/the source write failed/);
  expect(await entryCount()).toBe(before); // rolled back with the source write
  const created = await write((w) =>
    service.record(w, {
      contactId: contact.id,
      documentKind: 'coverSheets',
      documentNo: 'CS-2',
      sourceUid: 'api::sales-quote.sales-quote',
      sourceDocumentId: 'abc',
    }),
  );
  const stored = await docs(app.strapi, IUID.entry).findOne({
    documentId: created.documentId,
    populate: ['interactionTemplate'],
  });
  expect(stored).toMatchObject({
    documentKind: 'coverSheets',
    documentNo: 'CS-2',
    sourceUid: 'api::sales-quote.sales-quote',
    sourceDocumentId: 'abc',
    interactionTemplate: { code: 'COVERSH' },
  });
  expect(await entryCount()).toBe(before + 1);
});
