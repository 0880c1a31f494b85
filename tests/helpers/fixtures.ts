import path from 'path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, apiToken, type TestApp } from './strapi';

/** A module of the compiled plugin server (dist/), for tests that call its functions directly. */
export const dist = (m: string) => path.resolve(__dirname, '../../dist/src/plugins/marketing-setup/server/src', m);

export const UID = {
  setup: 'plugin::marketing-setup.setup',
  contact: 'plugin::marketing-setup.contact',
  opportunity: 'plugin::marketing-setup.opportunity',
  noSeries: 'plugin::marketing-setup.no-series',
  noSeriesLine: 'plugin::marketing-setup.no-series-line',
  salesperson: 'plugin::marketing-setup.salesperson',
  territory: 'plugin::marketing-setup.territory',
  salesCycle: 'plugin::marketing-setup.sales-cycle',
  salesCycleStage: 'plugin::marketing-setup.sales-cycle-stage',
} as const;

export const docs = (strapi: Core.Strapi, uid: string) => strapi.documents(uid as any) as any;

/** A number series with one line; returns the series and line documents. */
export async function createSeries(
  strapi: Core.Strapi,
  code: string,
  line: Record<string, any>,
  series: Record<string, any> = {},
) {
  const s = await docs(strapi, UID.noSeries).create({ data: { code, description: `${code} numbers`, ...series } });
  const l = await docs(strapi, UID.noSeriesLine).create({ data: { series: s.documentId, lineNo: 10000, ...line } });
  return { series: s, line: l };
}

export async function updateSetup(strapi: Core.Strapi, data: Record<string, any>) {
  const setup = await docs(strapi, UID.setup).findFirst({});
  return docs(strapi, UID.setup).update({ documentId: setup.documentId, data });
}

/** The reference demo numbering: CONT = CT000001.., OPP = OP000001.., both set in the setup. */
export async function standardNumbering(strapi: Core.Strapi) {
  const cont = await createSeries(strapi, 'CONT', { startingNo: 'CT000001', endingNo: 'CT999999' });
  const opp = await createSeries(strapi, 'OPP', { startingNo: 'OP000001', endingNo: 'OP999999' });
  await updateSetup(strapi, { contactNos: cont.series.documentId, opportunityNos: opp.series.documentId });
  return { cont, opp };
}

/** A supertest client that sends a full-access API token. */
/** A request whose answer (a CSV file, say) is read as text into `body`, whatever its content type. */
export const asText = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    let s = '';
    r.on('data', (d: Buffer) => {
      s += d.toString('utf8');
    });
    r.on('end', () => cb(null, s));
  });

export function http(strapi: Core.Strapi, token: string) {
  const server = strapi.server.httpServer;
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  return {
    get: (url: string) => auth(request(server).get(url)),
    post: (url: string, body?: any) => auth(request(server).post(url)).send(body),
    put: (url: string, body?: any) => auth(request(server).put(url)).send(body),
    del: (url: string) => auth(request(server).delete(url)),
    raw: () => request(server),
  };
}

export const API = '/api/marketing-setup';

/** Row counts of the plugin tables, to assert that a refused write changed nothing. */
export async function counts(strapi: Core.Strapi) {
  const out: Record<string, number> = {};
  for (const [k, uid] of Object.entries(UID)) out[k] = await strapi.db.query(uid as any).count({});
  return out;
}

/** Master data by code: { salesperson: { AB: doc }, territory: { EAST: doc }, ... }. */
export async function masterData(strapi: Core.Strapi) {
  const make = async (uid: string, rows: Record<string, any>[]) =>
    Object.fromEntries(await Promise.all(rows.map(async (r) => [r.code, await docs(strapi, uid).create({ data: r })])));
  return {
    salesperson: await make(UID.salesperson, [
      { code: 'AB', name: 'Annelies Bauwens' },
      { code: 'CD', name: 'Cedric Dubois' },
      { code: 'KL', name: 'Karel Lenaerts' },
      { code: 'JR', name: 'Jan Rommens' },
    ]),
    territory: await make(UID.territory, [
      { code: 'EAST', name: 'East Flanders' },
      { code: 'NORTH', name: 'Antwerp' },
      { code: 'SOUTH', name: 'Wallonia' },
    ]),
    countryRegion: await make('plugin::marketing-setup.country-region', [
      { code: 'BE', name: 'Belgium', isoCode: 'BE' },
      { code: 'NL', name: 'Netherlands', isoCode: 'NL' },
    ]),
    language: await make('plugin::marketing-setup.language', [
      { code: 'NLB', name: 'Dutch (Belgium)', formatRegion: 'nl-BE' },
      { code: 'DEU', name: 'German', formatRegion: 'de-DE' },
      { code: 'ENU', name: 'English', formatRegion: 'en-US' },
      { code: 'FRA', name: 'French', formatRegion: 'fr-BE' },
    ]),
  };
}

export interface TestContext {
  app: TestApp;
  strapi: Core.Strapi;
  api: ReturnType<typeof http>;
  md: Awaited<ReturnType<typeof masterData>>;
}

/**
 * The common preamble of an integration test file: a fresh app before the file's tests (with the standard
 * contact / opportunity series and the master data when asked for), an API token client, and the app
 * stopped after them. The returned object is filled in by beforeAll, so read its fields inside tests.
 */
export function useTestApp(opts: { numbering?: boolean; masterData?: boolean } = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.app = await startStrapi();
    ctx.strapi = ctx.app.strapi;
    ctx.api = http(ctx.strapi, await apiToken(ctx.strapi));
    if (opts.numbering) await standardNumbering(ctx.strapi);
    if (opts.masterData) ctx.md = await masterData(ctx.strapi);
  });
  afterAll(async () => ctx.app?.stop());
  return ctx;
}

/** POST a record through REST and return its body's data; anything but 201 fails with the server's answer. */
export async function createOk(api: ReturnType<typeof http>, path: string, data: Record<string, any>) {
  const res = await api.post(`${API}/${path}`, { data });
  if (res.status !== 201) throw new Error(`create ${path} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * An active admin user with the given role (a role code such as 'strapi-super-admin', or a role id),
 * logged in through POST /admin/login: its JWT, for the plugin's admin routes.
 */
export async function adminLogin(strapi: Core.Strapi, email: string, role: string | number): Promise<string> {
  const password = 'Test12345!';
  const roleId =
    typeof role === 'number' ? role : (await strapi.db.query('admin::role').findOne({ where: { code: role } })).id;
  await strapi
    .service('admin::user')
    .create({ email, firstname: 'Test', lastname: 'User', password, isActive: true, roles: [roleId] });
  const res = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}

/** adminLogin, as an HTTP client with that admin's JWT. */
export const adminClient = async (strapi: Core.Strapi, email: string, role: string | number) =>
  http(strapi, await adminLogin(strapi, email, role));

/** A contact created through the Content Manager by this admin user (so it is its creator); its stored data. */
export async function contactCreatedBy(client: ReturnType<typeof http>, data: Record<string, any>) {
  const res = await client.post(`/content-manager/collection-types/${UID.contact}`, data);
  if (res.status !== 201) throw new Error(`CM create ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** Fields of a Content Manager answer that its edit form does not send back (bookkeeping, locale, status). */
const NOT_IN_FORM = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
  'status',
]);

/**
 * The Content Manager's edit form as loaded for a contact: every field it sends back on save. Relations come as
 * `{ count }`; the form sends those the user left alone as an empty connect / disconnect.
 */
export async function contentManagerForm(client: ReturnType<typeof http>, documentId: string) {
  const loaded = await client.get(`/content-manager/collection-types/${UID.contact}/${documentId}`);
  if (loaded.status !== 200) throw new Error(`form load failed ${loaded.status}: ${JSON.stringify(loaded.body)}`);
  const form: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(loaded.body.data as Record<string, unknown>)) {
    if (NOT_IN_FORM.has(k)) continue;
    form[k] = v && typeof v === 'object' && !Array.isArray(v) ? { connect: [], disconnect: [] } : v;
  }
  return form;
}
