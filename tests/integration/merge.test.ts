import { startStrapi, apiToken, type TestApp } from '../helpers/strapi';
import { API, docs, http, masterData, standardNumbering, UID, adminLogin, createOk } from '../helpers/fixtures';

let app: TestApp;
let api: ReturnType<typeof http>;
let md: Awaited<ReturnType<typeof masterData>>;
const BR = 'plugin::marketing-setup.business-relation';
const CBR = 'plugin::marketing-setup.contact-business-relation';
const PLAIN = 'api::plain-contact.plain-contact';
const codes: Record<string, any> = {};

beforeAll(async () => {
  app = await startStrapi();
  api = http(app.strapi, await apiToken(app.strapi));
  await standardNumbering(app.strapi);
  md = await masterData(app.strapi);
  for (const code of ['PRESS', 'PARTNER'])
    codes[code] = await docs(app.strapi, BR).create({ data: { code, description: code } });
});
afterAll(async () => app?.stop());

const create = async (path: string, data: Record<string, any>) => (await createOk(api, path, data)).data;
const company = (name: string, extra: Record<string, any> = {}) =>
  create('contacts', { type: 'company', name, ...extra });
const person = (name: string, companyDoc: string, extra: Record<string, any> = {}) =>
  create('contacts', { type: 'person', name, company: companyDoc, ...extra });
const contact = async (documentId: string) =>
  (await api.get(`${API}/contacts/${documentId}?populate[company]=true&populate[salesperson]=true`)).body.data;
const merge = (survivor: string, body: Record<string, any>) => api.post(`${API}/contacts/${survivor}/merge`, body);
const opportunity = async (documentId: string) =>
  (await api.get(`${API}/opportunities/${documentId}?populate[contact]=true&populate[contactCompany]=true`)).body.data;
const relationCodes = async (documentId: string) =>
  (await docs(app.strapi, CBR).findMany({ filters: { contact: { documentId } }, populate: ['businessRelation'] }))
    .map((r: any) => r.businessRelation.code)
    .sort();
const link = (contactDoc: string, code: string) =>
  create('contact-business-relations', {
    contact: contactDoc,
    businessRelation: codes[code].documentId,
    linkToTable: 'none',
  });

/** Company B with two persons (one overriding its phone), an opportunity, a PRESS relation and a host-app record linked to it. */
async function scenario(tag: string) {
  const a = await company(`Fabrikam ${tag} NV`, {
    city: 'Gent',
    postCode: '9000',
    phoneNo: '09 111 11 11',
    salesperson: md.salesperson.AB.documentId,
  });
  const b = await company(`Fabrikam ${tag}`, {
    city: 'Brugge',
    postCode: '8000',
    phoneNo: '050 22 22 22',
    salesperson: md.salesperson.CD.documentId,
  });
  const ann = await person(`Ann ${tag}`, b.documentId);
  const bob = await person(`Bob ${tag}`, b.documentId, { phoneNo: '0499 00 00 00' });
  const opp = await create('opportunities', {
    description: `Printers ${tag}`,
    contact: ann.documentId,
    estimatedValue: 1000,
  });
  await link(b.documentId, 'PRESS');
  const plain = await docs(app.strapi, PLAIN).create({
    data: { name: `Host record ${tag}`, company: await idOf(b.documentId) },
  });
  return { a, b, ann, bob, opp, plain };
}
const idOf = async (documentId: string) =>
  (await app.strapi.db.query(UID.contact).findOne({ where: { documentId }, select: ['id'] })).id;
const plainCompany = async (documentId: string) =>
  (await docs(app.strapi, PLAIN).findOne({ documentId, populate: { company: { fields: ['documentId'] } } })).company
    ?.documentId ?? null;

test('dry run lists the field differences, the related records that would move and no conflicts; nothing changes', async () => {
  const { a, b } = await scenario('Dry');
  const res = await merge(a.documentId, { duplicate: b.documentId, dryRun: true });
  expect(res.status).toBe(200);
  const plan = res.body.data;
  expect(plan.survivor).toEqual({ documentId: a.documentId, no: a.no, name: 'Fabrikam Dry NV', type: 'company' });
  expect(plan.duplicate).toEqual({ documentId: b.documentId, no: b.no, name: 'Fabrikam Dry', type: 'company' });
  const diff = Object.fromEntries(plan.differences.map((d: any) => [d.field, [d.survivor, d.duplicate]]));
  expect(diff.name).toEqual(['Fabrikam Dry NV', 'Fabrikam Dry']);
  expect(diff.city).toEqual(['Gent', 'Brugge']);
  expect(diff.phoneNo).toEqual(['09 111 11 11', '050 22 22 22']);
  expect(diff.salesperson).toEqual([
    { documentId: md.salesperson.AB.documentId, code: 'AB', name: 'Annelies Bauwens' },
    { documentId: md.salesperson.CD.documentId, code: 'CD', name: 'Cedric Dubois' },
  ]);
  expect(diff.no).toBeUndefined();
  const moves = Object.fromEntries(plan.moves.map((m: any) => [`${m.uid}.${m.attribute}`, m.count]));
  expect(moves).toMatchObject({
    [`${UID.contact}.company`]: 2, // the persons
    [`${UID.opportunity}.contactCompany`]: 1,
    [`${CBR}.contact`]: 1,
    [`${PLAIN}.company`]: 1, // a host-app type, found from the metadata
  });
  expect(plan.conflicts).toEqual([]);
  expect((await api.get(`${API}/contacts/${b.documentId}`)).status).toBe(200);
  expect(await relationCodes(b.documentId)).toEqual(['PRESS']);
});

test("merge moves B's persons, opportunities, relations and host records to A; persons inherit A's values; undo restores B with its persons", async () => {
  const { a, b, ann, bob, opp, plain } = await scenario('Real');
  const res = await merge(a.documentId, { duplicate: b.documentId, fields: ['city', 'postCode'] });
  expect(res.status).toBe(200);
  const { mergeLog, survivor, moves } = res.body.data;
  expect(survivor).toEqual({ documentId: a.documentId, no: a.no, name: 'Fabrikam Real NV', type: 'company' });
  expect(moves.find((m: any) => m.attribute === 'company' && m.uid === UID.contact).count).toBe(2);

  expect((await api.get(`${API}/contacts/${b.documentId}`)).status).toBe(404);
  expect(await contact(a.documentId)).toMatchObject({
    city: 'Brugge',
    postCode: '8000',
    phoneNo: '09 111 11 11',
    businessRelation: 'other',
  });
  // Ann inherited B's phone and city: now A's; Bob's own phone (an override) stays.
  expect(await contact(ann.documentId)).toMatchObject({
    company: { documentId: a.documentId },
    companyName: 'Fabrikam Real NV',
    phoneNo: '09 111 11 11',
    city: 'Brugge',
    salesperson: { code: 'AB' },
  });
  expect(await contact(bob.documentId)).toMatchObject({
    company: { documentId: a.documentId },
    phoneNo: '0499 00 00 00',
    salesperson: { code: 'AB' },
  });
  expect((await opportunity(opp.documentId)).contactCompany.documentId).toBe(a.documentId);
  expect(await relationCodes(a.documentId)).toEqual(['PRESS']);
  expect(await plainCompany(plain.documentId)).toBe(a.documentId);

  const log = (await api.get(`${API}/merge-logs/${mergeLog}`)).body.data;
  expect(log).toMatchObject({ survivorNo: a.no, duplicateNo: b.no, fields: ['city', 'postCode'], undoneAt: null });
  expect(log.snapshot).toBeUndefined(); // private
  expect((await api.post(`${API}/merge-logs`, { data: { survivorDocumentId: 'x' } })).status).toBe(405);

  const undo = await api.post(`${API}/merge-log/${mergeLog}/undo`, {});
  expect(undo.status).toBe(200);
  expect(undo.body.data).toEqual({
    survivor: { documentId: a.documentId, no: a.no, name: 'Fabrikam Real NV', type: 'company' },
    restored: { documentId: b.documentId, no: b.no, name: 'Fabrikam Real', type: 'company' },
  });
  expect(await contact(b.documentId)).toMatchObject({
    no: b.no,
    city: 'Brugge',
    phoneNo: '050 22 22 22',
    salesperson: { code: 'CD' },
    businessRelation: 'other',
  });
  expect(await contact(a.documentId)).toMatchObject({ city: 'Gent', postCode: '9000', businessRelation: 'none' });
  expect(await contact(ann.documentId)).toMatchObject({
    company: { documentId: b.documentId },
    companyName: 'Fabrikam Real',
    phoneNo: '050 22 22 22',
    salesperson: { code: 'CD' },
  });
  expect(await contact(bob.documentId)).toMatchObject({
    company: { documentId: b.documentId },
    phoneNo: '0499 00 00 00',
  });
  expect((await opportunity(opp.documentId)).contactCompany.documentId).toBe(b.documentId);
  expect(await relationCodes(b.documentId)).toEqual(['PRESS']);
  expect(await relationCodes(a.documentId)).toEqual([]);
  expect(await plainCompany(plain.documentId)).toBe(b.documentId);
  // B is a company again in every way: it can take a new person.
  expect((await person('Cis Real', b.documentId)).companyName).toBe('Fabrikam Real');

  const again = await api.post(`${API}/merge-log/${mergeLog}/undo`, {});
  expect(again.status).toBe(400);
  expect(again.body.error.message).toBe(`The merge of ${b.no} into ${a.no} was already undone.`);
});

test('interaction log entries of the duplicate (found by the generic relation walk) move to the survivor and back on undo', async () => {
  const { a, b, ann } = await scenario('Log');
  const group = await docs(app.strapi, 'plugin::marketing-setup.interaction-group').create({
    data: { code: 'MRG', description: 'Merge test' },
  });
  await docs(app.strapi, 'plugin::marketing-setup.interaction-template').create({
    data: {
      code: 'MRGCALL',
      description: 'Call',
      interactionGroup: group.documentId,
      unitCost: 1,
      unitDurationMin: 3,
      informationFlow: 'outbound',
      initiatedBy: 'us',
    },
  });
  const logCall = async (contactDoc: string) => {
    const res = await api.post(`${API}/interactions`, { contact: contactDoc, template: 'MRGCALL', date: '2024-05-06' });
    expect(res.status).toBe(201);
    return res.body.data.documentId;
  };
  const onB = await logCall(b.documentId);
  const onAnn = await logCall(ann.documentId);
  const entry = async (documentId: string) => {
    const e = await docs(app.strapi, 'plugin::marketing-setup.interaction-log-entry').findOne({
      documentId,
      populate: ['contact', 'contactCompany'],
    });
    return [e.contact.documentId, e.contactCompany.documentId];
  };

  const res = await merge(a.documentId, { duplicate: b.documentId });
  expect(res.status).toBe(200);
  expect(await entry(onB)).toEqual([a.documentId, a.documentId]);
  expect(await entry(onAnn)).toEqual([ann.documentId, a.documentId]);
  const timeline = (await api.get(`${API}/contacts/${a.documentId}/interactions`)).body.data
    .map((e: any) => e.documentId)
    .sort();
  expect(timeline).toEqual([onB, onAnn].sort());

  expect((await api.post(`${API}/merge-log/${res.body.data.mergeLog}/undo`, {})).status).toBe(200);
  expect(await entry(onB)).toEqual([b.documentId, b.documentId]);
  expect(await entry(onAnn)).toEqual([ann.documentId, b.documentId]);
});

test("merging two persons moves the duplicate's own opportunities; taking the name parts from it", async () => {
  const co = await company('Person Merge Co');
  const p1 = await person('Jon Smith', co.documentId);
  const p2 = await person('John Smith', co.documentId, { email: 'john@smith.test' });
  const opp = await create('opportunities', {
    description: 'Merge person opp',
    contact: p2.documentId,
    estimatedValue: 10,
  });
  const res = await merge(p1.documentId, { duplicate: p2.documentId, fields: ['firstName', 'email'] });
  expect(res.status).toBe(200);
  expect(await contact(p1.documentId)).toMatchObject({
    name: 'John Smith',
    firstName: 'John',
    email: 'john@smith.test',
  });
  expect((await opportunity(opp.documentId)).contact.documentId).toBe(p1.documentId);
});

test('a conflict (both have business relation PRESS) → 400 listing it, nothing changed; the dry run shows it', async () => {
  const c = await company('Conflict Left');
  const d = await company('Conflict Right');
  const dp = await person('Dina Right', d.documentId);
  await link(c.documentId, 'PRESS');
  await link(d.documentId, 'PRESS');
  await link(d.documentId, 'PARTNER');
  const message = `Both contacts have business relation PRESS (${c.no} and ${d.no}); remove it from one of them before merging.`;
  const dry = await merge(c.documentId, { duplicate: d.documentId, dryRun: true });
  expect(dry.body.data.conflicts).toEqual([{ code: 'businessRelation', message }]);

  const res = await merge(c.documentId, { duplicate: d.documentId, fields: ['city'] });
  expect(res.status).toBe(400);
  expect(res.body.error.details.conflicts).toEqual([{ code: 'businessRelation', message }]);
  expect(res.body.error.message).toBe(`Resolve this conflict before merging: ${message}`);
  expect(await relationCodes(d.documentId)).toEqual(['PARTNER', 'PRESS']);
  expect(await relationCodes(c.documentId)).toEqual(['PRESS']);
  expect((await contact(dp.documentId)).company.documentId).toBe(d.documentId);
  expect(
    await app.strapi.db
      .query('plugin::marketing-setup.merge-log')
      .count({ where: { duplicateDocumentId: d.documentId } }),
  ).toBe(0);
});

test('a failure in the middle of a merge leaves both contacts as they were', async () => {
  const { a, b, ann } = await scenario('Fail');
  let fail = true;
  app.strapi.documents.use(async (ctx: any, next: any) => {
    if (fail && ctx.uid === 'plugin::marketing-setup.merge-log' && ctx.action === 'create')
      throw new Error('injected failure');
    return next();
  });
  const res = await merge(a.documentId, { duplicate: b.documentId, fields: ['city'] });
  fail = false;
  expect(res.status).toBe(500);
  expect(await contact(b.documentId)).toMatchObject({ name: 'Fabrikam Fail', city: 'Brugge' });
  expect(await contact(a.documentId)).toMatchObject({ city: 'Gent' });
  expect(await contact(ann.documentId)).toMatchObject({
    company: { documentId: b.documentId },
    phoneNo: '050 22 22 22',
  });
  expect(await relationCodes(b.documentId)).toEqual(['PRESS']);
});

test('two merges of the same duplicate at once: one merges it, the other is told it is gone', async () => {
  const a = await company('Race A');
  const c = await company('Race C');
  const b = await company('Race B');
  const [r1, r2] = await Promise.all([
    merge(a.documentId, { duplicate: b.documentId }),
    merge(c.documentId, { duplicate: b.documentId }),
  ]);
  expect([r1.status, r2.status].sort()).toEqual([200, 400]);
  expect([r1, r2].find((r) => r.status === 400)!.body.error.message).toMatch(
    /no longer exists: it may have been merged into another contact or deleted/,
  );
  expect(
    await app.strapi.db
      .query('plugin::marketing-setup.merge-log')
      .count({ where: { duplicateDocumentId: b.documentId } }),
  ).toBe(1);
});

describe('bad input → 400 (404 for an unknown survivor), nothing merged', () => {
  let a: any;
  let b: any;
  let p: any;
  beforeAll(async () => {
    a = await company('Bad Input A');
    b = await company('Bad Input B');
    p = await person('Pat Bad', a.documentId);
  });
  const cases: [string, () => [string, Record<string, any>], number, RegExp][] = [
    ['with itself', () => [a.documentId, { duplicate: a.documentId }], 400, /cannot be merged with itself/],
    [
      'a company into a person',
      () => [p.documentId, { duplicate: b.documentId }],
      400,
      /only contacts of the same type can be merged/,
    ],
    [
      'a person into a company',
      () => [a.documentId, { duplicate: p.documentId }],
      400,
      /only contacts of the same type can be merged/,
    ],
    [
      'an unknown duplicate',
      () => [a.documentId, { duplicate: 'nosuchdocumentid000000' }],
      400,
      /^The contact to merge no longer exists: it may have been merged into another contact or deleted\. Reload the duplicates and choose again\.$/,
    ],
    [
      'one field name not in a list',
      () => [a.documentId, { duplicate: b.documentId, fields: 'city' }],
      400,
      /^fields must be a list of field names, e\.g\. \["city", "postCode"\], even for one field\.$/,
    ],
    [
      'an unknown field',
      () => [a.documentId, { duplicate: b.documentId, fields: ['colour'] }],
      400,
      /colour is not a contact field/,
    ],
    [
      'the number',
      () => [a.documentId, { duplicate: b.documentId, fields: ['no'] }],
      400,
      /no cannot be taken from the duplicate: the surviving contact keeps its own number/,
    ],
    ['the type', () => [a.documentId, { duplicate: b.documentId, fields: ['type'] }], 400, /type cannot be taken/],
    [
      'a person field on companies',
      () => [a.documentId, { duplicate: b.documentId, fields: ['firstName'] }],
      400,
      /firstName is a person field/,
    ],
    ['fields not a list', () => [a.documentId, { duplicate: b.documentId, fields: 'name' }], 400, /fields/],
    ['no duplicate', () => [a.documentId, {}], 400, /Name the duplicate contact/],
    ['an unknown key', () => [a.documentId, { duplicate: b.documentId, keep: true }], 400, /keep/],
    [
      'an unknown survivor',
      () => ['nosuchdocumentid000000', { duplicate: b.documentId }],
      404,
      /No contact with documentId/,
    ],
  ];
  test.each(cases)('%s', async (_name, input, status, message) => {
    const [survivor, body] = input();
    const res = await merge(survivor, body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect((await api.get(`${API}/contacts/${b.documentId}`)).status).toBe(200);
  });
  test('undo of an unknown merge log → 404', async () => {
    expect((await api.post(`${API}/merge-log/nosuchlog/undo`, {})).status).toBe(404);
  });
});

describe('undo refuses what it cannot restore; the merge log', () => {
  test('the survivor deleted since the merge → 400 in plain words, nothing restored', async () => {
    const a = await company('Undo Gone A');
    const b = await company('Undo Gone B');
    const { mergeLog } = (await merge(a.documentId, { duplicate: b.documentId })).body.data;
    expect((await api.del(`${API}/contacts/${a.documentId}`)).status).toBe(204);
    const res = await api.post(`${API}/merge-log/${mergeLog}/undo`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `The merge of ${b.no} into ${a.no} cannot be undone: contact ${a.no} has been deleted or merged since.`,
    );
    expect((await api.get(`${API}/contacts/${b.documentId}`)).status).toBe(404);
  });

  test('a field changed on the survivor after the merge keeps its newer value on undo', async () => {
    const a = await company('Undo Newer A', { city: 'Gent', phoneNo: '09 1' });
    const b = await company('Undo Newer B', { city: 'Brugge', phoneNo: '050 2' });
    const { mergeLog } = (await merge(a.documentId, { duplicate: b.documentId, fields: ['city', 'phoneNo'] })).body
      .data;
    expect((await api.put(`${API}/contacts/${a.documentId}`, { data: { city: 'Antwerpen' } })).status).toBe(200);
    expect((await api.post(`${API}/merge-log/${mergeLog}/undo`, {})).status).toBe(200);
    expect(await contact(a.documentId)).toMatchObject({ city: 'Antwerpen', phoneNo: '09 1' });
    expect(await contact(b.documentId)).toMatchObject({ city: 'Brugge', phoneNo: '050 2' });
  });

  test("the duplicate's search strings and pairs go with it; the survivor is re-indexed", async () => {
    const a = await company('Contoso Pairs', { city: 'Leuven', phoneNo: '016 55 55 55' });
    const b = await company('Contoso Pairs', { city: 'Leuven', phoneNo: '016 55 55 55' });
    const ids = [await idOf(a.documentId), await idOf(b.documentId)];
    const strings = (id: number) =>
      app.strapi.db
        .connection('ms_contact_search_strings')
        .where('contact_id', id)
        .count({ n: '*' })
        .then(([r]: any) => Number(r.n));
    expect(await strings(ids[1])).toBeGreaterThan(0);
    const dry = (await merge(a.documentId, { duplicate: b.documentId, dryRun: true })).body.data;
    expect(dry.moves).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ uid: 'search-strings', action: 'drop' }),
        expect.objectContaining({ uid: 'plugin::marketing-setup.contact-duplicate', count: 1, action: 'drop' }),
      ]),
    );
    expect((await merge(a.documentId, { duplicate: b.documentId })).status).toBe(200);
    expect(await strings(ids[1])).toBe(0);
    expect(await strings(ids[0])).toBeGreaterThan(0);
    expect((await api.get(`${API}/contacts/${a.documentId}/duplicates`)).body.data).toEqual([]);
  });

  test('GET /merge-logs lists merges, newest first', async () => {
    const res = await api.get(`${API}/merge-logs?sort=createdAt:desc&sort=id:desc&pagination[pageSize]=1`);
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({
      survivorName: 'Contoso Pairs',
      duplicateName: 'Contoso Pairs',
      undoneAt: null,
    });
    expect(res.body.data[0].snapshot).toBeUndefined();
  });
});

describe('admin API: dry run needs duplicates.review, merge and undo need duplicates.merge', () => {
  const request = require('supertest');
  // Both roles may also read, create, update and delete contacts in the Content Manager: a merge acts on the
  // contacts themselves (what each role may do to whose contacts: permissions.test.ts).
  const CONTACTS = ['read', 'create', 'update', 'delete'].map((a) => ({
    action: `plugin::content-manager.explorer.${a}`,
    subject: 'plugin::marketing-setup.contact',
    properties: {},
    conditions: [],
  }));
  const adminJwt = async (actions: string[]) => {
    const role = await app.strapi
      .service('admin::role')
      .create({ name: `Merge ${actions.length} ${Date.now()}`, description: 'merge test' });
    await app.strapi
      .service('admin::role')
      .assignPermissions(role.id, [
        ...CONTACTS,
        ...actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
      ]);
    return adminLogin(app.strapi, `merge${actions.length}.${Date.now()}@example.com`, role.id);
  };
  const adminPost = (jwt: string, url: string, body: any = {}) =>
    request(app.strapi.server.httpServer)
      .post(`/marketing-setup${url}`)
      .set('Authorization', `Bearer ${jwt}`)
      .send(body);

  test('an unknown or merged-away duplicate: 400 as over REST, saying the contact no longer exists', async () => {
    const a = await company('Admin Merge Gone A');
    const b = await company('Admin Merge Gone B');
    const reviewer = await adminJwt(['plugin::marketing-setup.duplicates.review']);
    const gone =
      'The contact to merge no longer exists: it may have been merged into another contact or deleted. Reload the duplicates and choose again.';
    for (const duplicate of ['abcdefghijklmnopqrstuvwx', b.documentId]) {
      if (duplicate === b.documentId) await docs(app.strapi, UID.contact).delete({ documentId: b.documentId });
      const res = await adminPost(reviewer, `/contacts/${a.documentId}/merge`, { duplicate, dryRun: true });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(gone);
      expect(res.body.error.details.errors[0].path).toEqual(['duplicate']);
      const rest = await merge(a.documentId, { duplicate, dryRun: true });
      expect([rest.status, rest.body.error.message]).toEqual([400, gone]);
    }
    // The contact in the URL is still a 404.
    const survivorGone = await adminPost(reviewer, `/contacts/abcdefghijklmnopqrstuvwx/merge`, {
      duplicate: a.documentId,
      dryRun: true,
    });
    expect(survivorGone.status).toBe(404);
  });

  test('a reviewer may dry-run but not merge; a merger may merge, list and undo', async () => {
    const a = await company('Admin Merge A');
    const b = await company('Admin Merge B');
    const reviewer = await adminJwt(['plugin::marketing-setup.duplicates.review']);
    const dry = await adminPost(reviewer, `/contacts/${a.documentId}/merge`, { duplicate: b.documentId, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.data.differences).toEqual([
      { field: 'name', survivor: 'Admin Merge A', duplicate: 'Admin Merge B' },
      { field: 'searchName', survivor: 'ADMIN MERGE A', duplicate: 'ADMIN MERGE B' },
    ]);
    expect((await adminPost(reviewer, `/contacts/${a.documentId}/merge`, { duplicate: b.documentId })).status).toBe(
      403,
    );
    expect((await api.get(`${API}/contacts/${b.documentId}`)).status).toBe(200);

    const merger = await adminJwt([
      'plugin::marketing-setup.duplicates.review',
      'plugin::marketing-setup.duplicates.merge',
    ]);
    const done = await adminPost(merger, `/contacts/${a.documentId}/merge`, { duplicate: b.documentId });
    expect(done.status).toBe(200);
    const list = await request(app.strapi.server.httpServer)
      .get('/marketing-setup/merge-logs?page=1&pageSize=1')
      .set('Authorization', `Bearer ${reviewer}`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      {
        documentId: done.body.data.mergeLog,
        createdAt: expect.any(String),
        fields: [],
        undoneAt: null,
        survivor: { documentId: a.documentId, no: a.no, name: 'Admin Merge A', type: 'company' },
        duplicate: { documentId: b.documentId, no: b.no, name: 'Admin Merge B', type: 'company' },
      },
    ]);
    expect(list.body.meta.pagination).toMatchObject({ page: 1, pageSize: 1 });
    expect((await adminPost(reviewer, `/merge-logs/${done.body.data.mergeLog}/undo`)).status).toBe(403);
    expect((await adminPost(merger, `/merge-logs/${done.body.data.mergeLog}/undo`)).status).toBe(200);
    expect((await api.get(`${API}/contacts/${b.documentId}`)).status).toBe(200);
  });
});
