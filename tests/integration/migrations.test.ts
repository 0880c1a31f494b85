/**
 * Schema changes that travel with the plugin (server/src/migrations): an existing database of the
 * previous release boots into the new shape without losing data.
 */
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { apiToken } from '../helpers/strapi';
import { API, http, masterData, standardNumbering } from '../helpers/fixtures';

const apiTokenClient = async (strapi: TestApp['strapi']) => http(strapi, await apiToken(strapi));

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => app?.stop());

/** Puts the database back into the previous release's shape: the opportunity status column was `status`. */
async function asPreviousRelease(app: TestApp) {
  const db = app.strapi.db.connection;
  await db.schema.alterTable('ms_opportunities', (t) => t.renameColumn('opportunity_status', 'status'));
  const stored = await db('strapi_database_schema').orderBy('id', 'desc').first();
  const schema = typeof stored.schema === 'string' ? stored.schema : JSON.stringify(stored.schema);
  await db('strapi_database_schema')
    .where({ id: stored.id })
    .update({ schema: schema.split('"opportunity_status"').join('"status"') });
}

test('an opportunity status stored by the previous release (column `status`) is kept after the upgrade', async () => {
  await standardNumbering(app.strapi);
  const md = await masterData(app.strapi);
  let api = await apiTokenClient(app.strapi);
  const company = (
    await api.post(`${API}/contacts`, {
      data: { type: 'company', name: 'Upgrade NV', salesperson: md.salesperson.AB.documentId },
    })
  ).body.data;
  const opp = (
    await api.post(`${API}/opportunities`, {
      data: { description: 'Kept deal', contact: company.documentId, estimatedValue: 900 },
    })
  ).body.data;
  expect((await api.put(`${API}/opportunities/${opp.documentId}`, { data: { opportunityStatus: 'won' } })).status).toBe(
    200,
  );

  await asPreviousRelease(app);
  expect(await app.strapi.db.connection.schema.hasColumn('ms_opportunities', 'status')).toBe(true);
  await app.restart();

  const db = app.strapi.db.connection;
  expect([
    await db.schema.hasColumn('ms_opportunities', 'status'),
    await db.schema.hasColumn('ms_opportunities', 'opportunity_status'),
  ]).toEqual([false, true]);
  api = await apiTokenClient(app.strapi);
  const after = (await api.get(`${API}/opportunities/${opp.documentId}`)).body.data;
  expect(after).toMatchObject({
    description: 'Kept deal',
    opportunityStatus: 'won',
    closed: true,
    probabilityPercent: 100,
  });
  // A second boot finds nothing to do.
  await app.restart();
  api = await apiTokenClient(app.strapi);
  expect((await api.get(`${API}/opportunities/${opp.documentId}`)).body.data.opportunityStatus).toBe('won');
});

test('an e-mail review status stored by the previous release (column `status`) is kept after the upgrade', async () => {
  const now = new Date();
  const db = () => app.strapi.db.connection;
  await db()('ms_email_reviews').insert({
    document_id: 'upgradereview000000000001',
    message_id: 'upgrade-1@litware.com',
    sender: 'lise@litware.com',
    review_status: 'ignored',
    created_at: now,
    updated_at: now,
    published_at: now,
  });
  // The previous release's shape: the column was `status`.
  await db().schema.alterTable('ms_email_reviews', (t) => t.renameColumn('review_status', 'status'));
  const stored = await db()('strapi_database_schema').orderBy('id', 'desc').first();
  const schema = typeof stored.schema === 'string' ? stored.schema : JSON.stringify(stored.schema);
  await db()('strapi_database_schema')
    .where({ id: stored.id })
    .update({ schema: schema.split('"review_status"').join('"status"') });
  await app.restart();

  expect([
    await db().schema.hasColumn('ms_email_reviews', 'status'),
    await db().schema.hasColumn('ms_email_reviews', 'review_status'),
  ]).toEqual([false, true]);
  const review = await app.strapi.db
    .query('plugin::marketing-setup.email-review')
    .findOne({ where: { messageId: 'upgrade-1@litware.com' } });
  expect(review).toMatchObject({ sender: 'lise@litware.com', reviewStatus: 'ignored' });
});

test('an import job stored before the separator and the unchanged count were kept gets the columns, and its errors CSV stays comma-separated', async () => {
  const db = () => app.strapi.db.connection;
  // The previous release's job table had no `delimiter` and no `unchanged` column.
  await db().schema.alterTable('ms_import_jobs', (t) => {
    t.dropColumn('delimiter');
    t.dropColumn('unchanged');
  });
  const [row] = await db()('ms_import_jobs')
    .insert({
      state: 'done',
      file_name: 'old.csv',
      headers: JSON.stringify(['Name', 'City']),
      mapping: JSON.stringify({ Name: 'name', City: 'city' }),
      total: 1,
      processed: 1,
      failed: 1,
      cursor: 1,
    })
    .returning('id');
  const id = Number(typeof row === 'object' ? row.id : row);
  await db()('ms_import_rows').insert({
    job_id: id,
    row_no: 1,
    cells: JSON.stringify({ Name: '', City: 'Gent' }),
    outcome: 'failed',
    error: 'Name is required.',
  });
  await app.restart();

  expect(await db().schema.hasColumn('ms_import_jobs', 'delimiter')).toBe(true);
  expect(await db()('ms_import_jobs').where('id', id).first()).toMatchObject({ unchanged: 0, failed: 1 });
  const dist = path.resolve(__dirname, '../../dist/src/plugins/marketing-setup/server/src/jobs/contact-import');
  const { importErrorsCsv } = require(dist);
  expect(await importErrorsCsv(app.strapi, id)).toBe('\uFEFFName,City,Row,Error\r\n,Gent,1,Name is required.\r\n');
});

(process.env.TEST_DB === 'postgres' ? test : test.skip)(
  "PostgreSQL: the contacts table keeps 30 % of each page free for company changes written in place; a DBA's own fill factor stands",
  async () => {
    const db = () => app.strapi.db.connection;
    const options = async () =>
      (await db().raw(`SELECT reloptions FROM pg_class WHERE oid = 'ms_contacts'::regclass`)).rows[0].reloptions;
    expect(await options()).toEqual(['fillfactor=70']);

    await db().raw('ALTER TABLE ms_contacts SET (fillfactor = 90)');
    await app.restart();
    expect(await options()).toEqual(['fillfactor=90']);

    await db().raw('ALTER TABLE ms_contacts RESET (fillfactor)');
    await app.restart();
    expect(await options()).toEqual(['fillfactor=70']);
  },
);
