/**
 * `candidateIdsOfMany` (a batch's candidates in a few statements on PostgreSQL) against `candidateIds` (one
 * statement per contact) for the same inputs: the re-index queue's (no bound), a regeneration's (`belowId`) and
 * an import chunk's (the contacts created after each one hidden). The town, street and phone are shared by more
 * than FANOUT_CAP contacts, so whether hidden contacts are left out of the fan-out counts changes what is found.
 */
import { dist, docs, UID, useTestApp } from '../helpers/fixtures';
import { isPostgres } from '../helpers/strapi';

const t = useTestApp({ numbering: true });

const WORDS = ['Alfa', 'Bravo', 'Delta', 'Echo', 'Kilo', 'Lima', 'Nova', 'Orion', 'Polar', 'Quartz', 'Sigma'];
const KINDS = ['Bouw', 'Logistiek', 'Consult', 'Techniek', 'Media', 'Voeding', 'Zorg'];
const COUNT = 70;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

test('candidateIdsOfMany finds for each contact what candidateIds finds', async () => {
  const ids: number[] = [];
  for (let i = 0; i < COUNT; i += 1) {
    const data = {
      type: 'company',
      name: `${WORDS[i % WORDS.length]} ${KINDS[i % KINDS.length]} ${i}`,
      address: 'Kerkstraat 1',
      city: 'Gent',
      postCode: '9000',
      phoneNo: i % 10 ? '09 111 22 33' : null,
    };
    ids.push((await docs(t.strapi, UID.contact).create({ data })).id);
  }
  const { candidateIds, candidateIdsOfMany } = require(dist('repositories/duplicate-candidates'));
  const { searchLines } = require(dist('repositories/search-setup-lines'));
  const { loadSetup } = require(dist('repositories/setup'));
  const { requiredMatches } = require(dist('domain/duplicates'));
  const db = t.strapi.db.connection;
  await db.transaction(async (trx: any) => {
    const write = { strapi: t.strapi, trx, uid: UID.contact, action: 'create', params: {} };
    const required = requiredMatches(
      (await searchLines(t.strapi, trx)).length,
      (await loadSetup(t.strapi, trx)).searchHitPercent,
    );
    const names = await trx.schema.hasTable('ms_contact_search_names');
    // Each contact's input as the search builds it, read back from its stored index rows.
    const inputOf = async (id: number) => {
      const strings = await trx('ms_contact_search_strings').where('contact_id', id).count({ n: '*' });
      const keys = await trx('ms_contact_blocking_keys').where('contact_id', id).select('key');
      // Search names are stored on PostgreSQL only (trigrams).
      const name = names ? await trx('ms_contact_search_names').where('contact_id', id).first() : null;
      return {
        contactId: id,
        type: 'company',
        stringCount: Number(strings[0].n),
        required,
        keys: keys.map((k: { key: string }) => k.key),
        name: { name: name?.name ?? '', city: name?.city ?? '', initial: name?.initial ?? '' },
      };
    };
    const inputs = await Promise.all(ids.map(inputOf));
    const variants: Record<string, (input: any, i: number) => any> = {
      queue: (input) => input,
      regeneration: (input) => ({ ...input, belowId: input.contactId }),
      import: (input, i) => ({ ...input, hidden: ids.slice(i + 1) }),
      // As searchNewContacts passes consecutive ids: the range itself.
      'import, as a range': (input, i) => ({
        ...input,
        hidden: i + 1 < ids.length ? { lo: ids[i + 1], hi: ids[ids.length - 1] } : [],
      }),
      // Not a range (another writer's contact among them): each contact on its own.
      'import, ids not consecutive': (input, i) => ({ ...input, hidden: ids.slice(i + 1).filter((_, j) => j !== 1) }),
    };
    for (const [variant, make] of Object.entries(variants)) {
      const batch = inputs.map(make);
      const many: Map<number, number[]> = await candidateIdsOfMany(write, batch);
      for (const input of batch) {
        expect({ variant, id: input.contactId, ids: sorted(many.get(input.contactId)!) }).toEqual({
          variant,
          id: input.contactId,
          ids: sorted(await candidateIds(write, input)),
        });
      }
    }
    // The fan-out counts matter here: an early contact with the rest hidden finds through the town and street.
    const early = await candidateIds(write, { ...inputs[5], hidden: ids.slice(6) });
    const all = await candidateIds(write, inputs[5]);
    expect(sorted(early)).not.toEqual(sorted(all.filter((id: number) => id < ids[6])));
  });
});

// PostgreSQL: the lookups count a common string's holders up to a cap; a bitmap scan would read them all first.
(isPostgres() ? test : test.skip)(
  'the lookups run with bitmap scans and JIT off, and the transaction keeps its own settings afterwards',
  async () => {
    const { withPlainIndexScans } = require(dist('repositories/planner'));
    const settings = async (q: any) =>
      (await q.raw(`SELECT current_setting('enable_bitmapscan') AS bitmap, current_setting('jit') AS jit`)).rows[0];
    await t.strapi.db.connection.transaction(async (trx: any) => {
      await trx.raw(`SET LOCAL jit = on`);
      expect(await withPlainIndexScans(trx, () => settings(trx))).toEqual({ bitmap: 'off', jit: 'off' });
      expect(await settings(trx)).toEqual({ bitmap: 'on', jit: 'on' });
      // A setting the caller chose stays as chosen.
      await trx.raw(`SET LOCAL enable_bitmapscan = off`);
      await withPlainIndexScans(trx, () => settings(trx));
      expect(await settings(trx)).toEqual({ bitmap: 'off', jit: 'on' });
    });
    // A failed lookup inside a savepoint: rolling the savepoint back takes the settings back with it.
    await t.strapi.db.connection.transaction(async (trx: any) => {
      await expect(trx.transaction((sp: any) => withPlainIndexScans(sp, () => sp.raw('SELECT 1 / 0')))).rejects.toThrow(
        /division by zero/,
      );
      expect(await settings(trx)).toEqual({ bitmap: 'on', jit: expect.any(String) });
    });
  },
);

test('insertRows stores hostile text exactly as given; one statement on PostgreSQL, chunks on SQLite', async () => {
  const { insertRows } = require(dist('repositories/bulk-insert'));
  const values = ['plain', 'a "quoted" word', 'back\\slash', 'comma, {brace}', 'NULL', '', 'Liège ß 😀', "it's"];
  // 300 rows more: SQLite takes 150 rows a statement.
  const keys = [...values, ...Array.from({ length: 300 }, (_, i) => `filler ${i}`)];
  const rows = keys.map((key, i) => ({ contact_id: 900000 + i, key }));
  const sent: string[] = [];
  const listen = (q: { sql: string }) => sent.push(q.sql);
  const db = t.strapi.db.connection;
  const ROLLBACK = new Error('rollback');
  let back: { key: string }[] = [];
  db.on('query', listen);
  try {
    await db
      .transaction(async (trx: any) => {
        await insertRows(
          { strapi: t.strapi, trx },
          'ms_contact_blocking_keys',
          { contact_id: 'int', key: 'text' },
          rows,
        );
        back = await trx('ms_contact_blocking_keys').where('contact_id', '>=', 900000).orderBy('contact_id');
        throw ROLLBACK;
      })
      .catch((e: unknown) => {
        if (e !== ROLLBACK) throw e;
      });
  } finally {
    db.off('query', listen);
  }
  expect(back.map((r) => r.key)).toEqual(keys);
  expect(sent.filter((s) => /^insert/i.test(s.trim()))).toHaveLength(isPostgres() ? 1 : 3);
  expect(await db('ms_contact_blocking_keys').where('contact_id', '>=', 900000)).toHaveLength(0);
});
