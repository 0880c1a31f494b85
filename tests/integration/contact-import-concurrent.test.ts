/**
 * Two imports of one file at once (two tabs, two admins, an API retry): they run one after the other, and the
 * second finds the first's contacts. They ran side by side and made every contact twice (800 for a 400-row file).
 * A file of its own: its 800 rows would change the planner statistics the import tests in contact-import.test.ts
 * measure.
 */
import { dist, adminClient, UID, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true });
let admin: Awaited<ReturnType<typeof adminClient>>;

beforeAll(async () => {
  t.strapi.config.set('plugin::marketing-setup.importAutoRun', false);
  admin = await adminClient(t.strapi, 'import-twice@example.com', 'strapi-super-admin');
});

describe('two imports of one file at once', () => {
  test('run one after the other: the second waits for the first, then finds its contacts (unchanged)', async () => {
    const { driveImport } = require(dist('jobs/contact-import'));
    t.strapi.config.set('plugin::marketing-setup.importChunkSize', 100);
    t.strapi.config.set('plugin::marketing-setup.importWaitMs', 20);
    try {
      const lines = Array.from(
        { length: 400 },
        (_, i) => `Twin Firm ${i} BV;Gent;BE09${String(i).padStart(8, '0')};twin${i}@twins.example`,
      );
      const file = `Name;City;VAT Registration No.;E-mail\n${lines.join('\n')}\n`;
      // Sent as the JSON body (the multipart upload is read into the same job), twice at once with one admin's JWT.
      const upload = () => admin.post('/marketing-setup/contacts/import/jobs', { csv: file, fileName: 'twins.csv' });
      const [a, b] = await Promise.all([upload(), upload()]);
      expect([a.status, b.status]).toEqual([202, 202]);
      const ids: number[] = [a.body.data.id, b.body.data.id];
      // Both driven at once, as two instances (or one instance receiving both uploads) would drive them.
      const ends = await Promise.all(ids.map((id) => driveImport(t.strapi, id)));
      expect(await t.strapi.db.query(UID.contact).count({ where: { name: { $startsWith: 'Twin Firm ' } } })).toBe(400);
      expect(ends.map((e: any) => [e.created, e.unchanged]).sort()).toEqual([
        [0, 400],
        [400, 0],
      ]);
      const first = ends.find((e: any) => e.created === 400);
      const second = ends.find((e: any) => e.id !== first?.id);
      expect(first).toMatchObject({ state: 'done', created: 400, unchanged: 0, failed: 0, waitingFor: null });
      expect(second).toMatchObject({ state: 'done', created: 0, updated: 0, unchanged: 400, failed: 0 });
      // A third upload of the file while one import has begun: it waits for that one (its status says which).
      const c1 = await upload();
      const c2 = await upload();
      await driveImport(t.strapi, c1.body.data.id, { maxChunks: 1 });
      const waiting = await admin.get(`/marketing-setup/contacts/import/jobs/${c2.body.data.id}`);
      expect(waiting.body.data).toMatchObject({ state: 'running', processed: 0, waitingFor: c1.body.data.id });
      await Promise.all([driveImport(t.strapi, c1.body.data.id), driveImport(t.strapi, c2.body.data.id)]);
      expect(await t.strapi.db.query(UID.contact).count({ where: { name: { $startsWith: 'Twin Firm ' } } })).toBe(400);
    } finally {
      t.strapi.config.set('plugin::marketing-setup.importChunkSize', 2);
    }
  });
});
