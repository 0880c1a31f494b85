/**
 * Who may call what: every kind of caller × the plugin's REST routes and admin API routes, with the
 * status each one gets. The contacts acted on were created by someone else (an API client), so the
 * Author's "is creator" condition refuses them (its own contacts: permissions.test.ts).
 *
 * REST (/api/marketing-setup): API tokens and users-permissions roles decide; an admin JWT is not a
 * credential there (401). Admin API (/marketing-setup): admin JWT + the plugin's RBAC actions + the
 * Content Manager's permission on the contact itself; API tokens and users' JWTs are not credentials (401).
 */
import request from 'supertest';
import { API, UID, adminLogin, createOk, createSeries, docs, updateSetup, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true, masterData: true });
const PLUGIN = 'plugin::marketing-setup';

const CALLERS = [
  'public',
  'readOnlyToken',
  'customToken',
  'fullToken',
  'user',
  'author',
  'editor',
  'customRole',
  'superAdmin',
] as const;
type Caller = (typeof CALLERS)[number];
const tokens = {} as Record<Caller, string | null>;

/** A request of a matrix row; `prepare` makes fresh records for routes that change or remove them. */
interface Call {
  method: 'get' | 'post' | 'put' | 'delete';
  url: string;
  body?: unknown;
}
interface Row {
  name: string;
  call: () => Promise<Call>;
  expected: Record<Caller, number>;
}

/** Expected statuses in CALLERS order. */
const row = (name: string, call: () => Promise<Call>, statuses: number[]): Row => ({
  name,
  call,
  expected: Object.fromEntries(CALLERS.map((c, i) => [c, statuses[i]])) as Record<Caller, number>,
});

let shared: { company: any; person: any; saluted: any };
let seq = 0;
const company = async (extra: Record<string, any> = {}) =>
  (
    await createOk(t.api, 'contacts', {
      type: 'company',
      name: `Matrix Company ${++seq}`,
      city: 'Gent',
      phoneNo: '09 111 11 11',
      ...extra,
    })
  ).data;
const person = async (companyDocumentId: string) =>
  (
    await createOk(t.api, 'contacts', {
      type: 'person',
      name: `Matrix Person ${++seq}`,
      company: companyDocumentId,
      phoneNo: '0470 12 34 56',
    })
  ).data;
/** Two contacts the duplicate search pairs (same address, phone and e-mail). */
const twins = async () => {
  const twin = {
    type: 'company',
    address: `Twinstraat ${++seq}`,
    postCode: '9000',
    city: 'Gent',
    phoneNo: `09 ${100 + seq} 00 00`,
    email: `twin${seq}@example.com`,
  };
  const a = (await createOk(t.api, 'contacts', { ...twin, name: `Twin ${seq} NV` })).data;
  const b = (await createOk(t.api, 'contacts', { ...twin, name: `Twin ${seq} N.V.` })).data;
  return { a, b };
};
const merged = async () => {
  const { a, b } = await twins();
  return t.strapi.plugin('marketing-setup').service('merge').merge(a.documentId, { duplicate: b.documentId });
};
const pairOf = async () => {
  const { a } = await twins();
  const [pair] = await t.strapi.plugin('marketing-setup').service('duplicates').listFor(a.documentId, false);
  return pair.pairDocumentId;
};
/** A customer not linked to any contact (created while the customers' business relation code is unset). */
const orphanCustomer = async () => {
  await updateSetup(t.strapi, { busRelCodeForCustomers: null });
  const customer = await docs(t.strapi, `${PLUGIN}.customer`).create({
    data: { name: `Orphan ${++seq}`, city: 'Mechelen' },
  });
  await updateSetup(t.strapi, { busRelCodeForCustomers: codes.CUST.documentId });
  return customer;
};
const codes: Record<string, any> = {};

const get = (url: string) => async (): Promise<Call> => ({ method: 'get', url });

//                                    public ro   custom full user author editor custom super
const REST_READ_ALL /*         */ = [403, 200, 200, 200, 200, 401, 401, 401, 401];
const REST_FULL_ONLY /*        */ = [403, 403, 403, 200, 403, 401, 401, 401, 401];
const REST_DELETED_FULL_ONLY /**/ = [403, 403, 403, 204, 403, 401, 401, 401, 401];
const REST_CREATED_FULL_ONLY /**/ = [403, 403, 403, 201, 403, 401, 401, 401, 401];
const ADMIN = (author: number, editor: number, customRole: number, superAdmin = 200) => [
  401,
  401,
  401,
  401,
  401,
  author,
  editor,
  customRole,
  superAdmin,
];

const ROWS: Row[] = [
  // REST: core routes of the contact type
  row('REST GET /contacts', get(`${API}/contacts`), REST_READ_ALL),
  row(
    'REST GET /contacts/:id',
    async () => ({ method: 'get', url: `${API}/contacts/${shared.company.documentId}` }),
    REST_READ_ALL,
  ),
  row(
    'REST POST /contacts',
    async () => ({
      method: 'post',
      url: `${API}/contacts`,
      body: { data: { type: 'company', name: `Matrix New ${++seq}` } },
    }),
    REST_CREATED_FULL_ONLY,
  ),
  row(
    'REST PUT /contacts/:id',
    async () => ({
      method: 'put',
      url: `${API}/contacts/${(await company()).documentId}`,
      body: { data: { city: 'Brugge' } },
    }),
    REST_FULL_ONLY,
  ),
  row(
    'REST DELETE /contacts/:id',
    async () => ({ method: 'delete', url: `${API}/contacts/${(await company()).documentId}` }),
    REST_DELETED_FULL_ONLY,
  ),
  // REST: the action routes
  row(
    'REST POST /contacts/:id/reset-inheritance',
    async () => ({ method: 'post', url: `${API}/contacts/${shared.person.documentId}/reset-inheritance`, body: {} }),
    REST_FULL_ONLY,
  ),
  row(
    'REST POST /contacts/:id/propagation-preview',
    async () => ({
      method: 'post',
      url: `${API}/contacts/${shared.company.documentId}/propagation-preview`,
      body: { data: { city: 'Brugge' } },
    }),
    REST_FULL_ONLY,
  ),
  row(
    'REST GET /contacts/:id/salutation',
    async () => ({ method: 'get', url: `${API}/contacts/${shared.saluted.documentId}/salutation` }),
    [403, 403, 403, 200, 200, 401, 401, 401, 401],
  ),
  row(
    'REST POST /contacts/:id/create-as',
    async () => ({
      method: 'post',
      url: `${API}/contacts/${(await company()).documentId}/create-as`,
      body: { kind: 'customer' },
    }),
    REST_CREATED_FULL_ONLY,
  ),
  row(
    'REST POST /contacts/:id/link',
    async () => ({
      method: 'post',
      url: `${API}/contacts/${(await company()).documentId}/link`,
      body: { kind: 'customer', target: (await orphanCustomer()).documentId },
    }),
    REST_FULL_ONLY,
  ),
  row(
    'REST POST /contacts/:id/find-duplicates',
    async () => ({ method: 'post', url: `${API}/contacts/${shared.company.documentId}/find-duplicates`, body: {} }),
    REST_FULL_ONLY,
  ),
  row(
    'REST GET /contacts/:id/duplicates',
    async () => ({ method: 'get', url: `${API}/contacts/${shared.company.documentId}/duplicates` }),
    [403, 403, 200, 200, 403, 401, 401, 401, 401],
  ),
  row(
    'REST POST /interactions',
    async () => ({
      method: 'post',
      url: `${API}/interactions`,
      body: { contact: shared.company.documentId, template: 'OUTCALL', description: 'Matrix call' },
    }),
    REST_CREATED_FULL_ONLY,
  ),
  row(
    'REST GET /contacts/:id/interactions',
    async () => ({ method: 'get', url: `${API}/contacts/${shared.company.documentId}/interactions` }),
    [403, 403, 200, 200, 403, 401, 401, 401, 401],
  ),
  row(
    'REST POST /contacts/:id/merge',
    async () => {
      const { a, b } = await twins();
      return { method: 'post', url: `${API}/contacts/${a.documentId}/merge`, body: { duplicate: b.documentId } };
    },
    REST_FULL_ONLY,
  ),
  row(
    'REST POST /merge-log/:id/undo',
    async () => ({ method: 'post', url: `${API}/merge-log/${(await merged()).mergeLog}/undo`, body: {} }),
    REST_FULL_ONLY,
  ),
  // Admin API: settings
  row('admin GET /settings', get('/marketing-setup/settings'), ADMIN(403, 403, 200)),
  row(
    'admin PUT /settings',
    async () => ({ method: 'put', url: '/marketing-setup/settings', body: { searchHitPercent: 60 } }),
    ADMIN(403, 403, 403),
  ),
  // Admin API: the contact side panels (contacts of others)
  row(
    'admin GET /contacts/:id/inheritance',
    async () => ({ method: 'get', url: `/marketing-setup/contacts/${shared.person.documentId}/inheritance` }),
    ADMIN(403, 200, 200),
  ),
  row(
    'admin POST /contacts/:id/reset-inheritance',
    async () => ({
      method: 'post',
      url: `/marketing-setup/contacts/${shared.person.documentId}/reset-inheritance`,
      body: {},
    }),
    ADMIN(403, 200, 403),
  ),
  row(
    'admin POST /contacts/:id/propagation-preview',
    async () => ({
      method: 'post',
      url: `/marketing-setup/contacts/${shared.company.documentId}/propagation-preview`,
      body: { data: { city: 'Brugge' } },
    }),
    ADMIN(403, 200, 200),
  ),
  row(
    'admin GET /contacts/:id/duplicates',
    async () => ({ method: 'get', url: `/marketing-setup/contacts/${shared.company.documentId}/duplicates` }),
    ADMIN(403, 200, 200),
  ),
  row(
    'admin GET /contacts/:id/interactions',
    async () => ({ method: 'get', url: `/marketing-setup/contacts/${shared.company.documentId}/interactions` }),
    ADMIN(403, 200, 200),
  ),
  // Admin API: duplicates review and merge
  row('admin GET /duplicates', get('/marketing-setup/duplicates'), ADMIN(403, 403, 200)),
  row(
    'admin POST /duplicates/:pair/separate',
    async () => ({ method: 'post', url: `/marketing-setup/duplicates/${await pairOf()}/separate`, body: {} }),
    ADMIN(403, 403, 200),
  ),
  row(
    'admin POST /contacts/:id/merge (dry run)',
    async () => {
      const { a, b } = await twins();
      return {
        method: 'post',
        url: `/marketing-setup/contacts/${a.documentId}/merge`,
        body: { duplicate: b.documentId, dryRun: true },
      };
    },
    ADMIN(403, 403, 200),
  ),
  row(
    'admin POST /contacts/:id/merge',
    async () => {
      const { a, b } = await twins();
      return {
        method: 'post',
        url: `/marketing-setup/contacts/${a.documentId}/merge`,
        body: { duplicate: b.documentId },
      };
    },
    ADMIN(403, 403, 403),
  ),
  row('admin GET /merge-logs', get('/marketing-setup/merge-logs'), ADMIN(403, 403, 200)),
  row(
    'admin POST /merge-logs/:id/undo',
    async () => ({ method: 'post', url: `/marketing-setup/merge-logs/${(await merged()).mergeLog}/undo`, body: {} }),
    ADMIN(403, 403, 403),
  ),
];

const send = (caller: Caller, c: Call) => {
  let req = request(t.strapi.server.httpServer)[c.method](c.url);
  if (tokens[caller]) req = req.set('Authorization', `Bearer ${tokens[caller]}`);
  return c.body === undefined ? req : req.send(c.body as any);
};

beforeAll(async () => {
  const s = t.strapi;
  const apiToken = async (type: string, permissions?: string[]) =>
    (
      await s
        .service('admin::api-token')
        .create({ name: `matrix-${type}-${Date.now()}`, type, lifespan: null, ...(permissions ? { permissions } : {}) })
    ).accessKey;
  tokens.public = null;
  tokens.readOnlyToken = await apiToken('read-only');
  tokens.customToken = await apiToken('custom', [
    `${PLUGIN}.contact.find`,
    `${PLUGIN}.contact.findOne`,
    `${PLUGIN}.contact-actions.duplicates`,
    `${PLUGIN}.interactions.timeline`,
  ]);
  tokens.fullToken = await apiToken('full-access');

  // An Authenticated users-permissions user whose role may list and read contacts and ask a salutation.
  const authenticated = await s.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  for (const action of ['contact.find', 'contact.findOne', 'contact-actions.salutation']) {
    await s.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action: `${PLUGIN}.${action}`, role: authenticated.id } });
  }
  await s.plugin('users-permissions').service('user').add({
    username: 'matrix-user',
    email: 'matrix-user@example.com',
    password: 'Matrix12345!',
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: authenticated.id,
  });
  const login = await request(s.server.httpServer)
    .post('/api/auth/local')
    .send({ identifier: 'matrix-user@example.com', password: 'Matrix12345!' });
  if (login.status !== 200) throw new Error(`users-permissions login ${login.status}: ${JSON.stringify(login.body)}`);
  tokens.user = login.body.jwt;

  tokens.author = await adminLogin(s, 'matrix-author@example.com', 'strapi-author');
  tokens.editor = await adminLogin(s, 'matrix-editor@example.com', 'strapi-editor');
  // Custom role: reads the setup and every contact, reviews duplicates; may not change the setup, update contacts or merge.
  const role = await s.service('admin::role').create({ name: 'Matrix reviewer', description: 'permission matrix' });
  await s.service('admin::role').assignPermissions(role.id, [
    { action: 'plugin::content-manager.explorer.read', subject: UID.contact, properties: {}, conditions: [] },
    { action: `${PLUGIN}.settings.read`, subject: null, properties: {}, conditions: [] },
    { action: `${PLUGIN}.duplicates.review`, subject: null, properties: {}, conditions: [] },
  ]);
  tokens.customRole = await adminLogin(s, 'matrix-reviewer@example.com', role.id);
  tokens.superAdmin = await adminLogin(s, 'matrix-super@example.com', 'strapi-super-admin');

  // Customers (create-as, link) and a salutation with a formula.
  const cust = await createSeries(s, 'CUST', { startingNo: 'C00001', endingNo: 'C99999' });
  codes.CUST = await docs(s, `${PLUGIN}.business-relation`).create({ data: { code: 'CUST', description: 'Customer' } });
  await updateSetup(s, { customerNos: cust.series.documentId, busRelCodeForCustomers: codes.CUST.documentId });
  const salutation = await docs(s, `${PLUGIN}.salutation`).create({ data: { code: 'M', description: 'Male' } });
  await docs(s, `${PLUGIN}.salutation-formula`).create({
    data: {
      salutation: salutation.documentId,
      language: t.md.language.ENU.documentId,
      salutationType: 'formal',
      text: 'Dear Mr. %1,',
      name1: 'surname',
    },
  });

  await docs(s, `${PLUGIN}.interaction-template`).create({
    data: { code: 'OUTCALL', description: 'Outgoing call', unitCost: 2.5, unitDurationMin: 5 },
  });

  const c = await company();
  shared = {
    company: c,
    person: await person(c.documentId),
    saluted: (
      await createOk(t.api, 'contacts', {
        type: 'person',
        name: 'John Smith',
        salutation: salutation.documentId,
        language: t.md.language.ENU.documentId,
      })
    ).data,
  };
});

describe.each(ROWS)('$name', (r) => {
  test(`statuses: ${CALLERS.map((c) => `${c} ${r.expected[c]}`).join(', ')}`, async () => {
    const actual = {} as Record<Caller, number>;
    for (const caller of CALLERS) {
      const res = await send(caller, await r.call());
      actual[caller] = res.status;
      if (res.status >= 500) throw new Error(`${r.name} as ${caller}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(actual).toEqual(r.expected);
  });
});
