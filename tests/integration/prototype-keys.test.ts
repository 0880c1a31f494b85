/**
 * A contact body with a `__proto__` or `constructor` key, sent as JSON through REST and through the Content Manager.
 * Before: REST and the Content Manager answered `__proto__` with Strapi's body parser's "Object contains forbidden
 * prototype property" (no key, no field named), `constructor` with "The key "constructor" is not allowed (in data)." /
 * "(in The request body)." Now each endpoint treats them as it treats any other key that is no field of a contact:
 * REST refuses one in `data` (as `colour`: 400, nothing written) and leaves one beside `data` out (as Strapi does);
 * the Content Manager leaves them out of the record (as any unknown key) and saves the rest. Never a 500.
 */
import { API, UID, adminClient, docs, useTestApp, type http } from '../helpers/fixtures';
import { fingerprint, pluginTables } from '../helpers/db-fingerprint';

const t = useTestApp({ numbering: true });
let admin: ReturnType<typeof http>;
let adminToken: string;
let apiToken: string;
let tables: string[];
let fabrikam: { documentId: string };
const CM = `/content-manager/collection-types/${UID.contact}`;

/** Sends the JSON text as written (supertest would serialise an object, and `__proto__` would not survive it). */
const raw = (token: string, method: 'post' | 'put', url: string, json: string) =>
  admin.raw()[method](url).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(json);

beforeAll(async () => {
  admin = await adminClient(t.strapi, 'proto-admin@example.com', 'strapi-super-admin');
  tables = await pluginTables(t.strapi);
  fabrikam = (await t.api.post(`${API}/contacts`, { data: { type: 'company', name: 'Fabrikam', city: 'Gent' } })).body
    .data;
});

/** The token of a client made by fixtures' http(): read back from a request it builds. */
const tokenOf = (client: ReturnType<typeof http>) =>
  ((client.get('/') as any).header.Authorization as string).replace('Bearer ', '');

beforeAll(() => {
  adminToken = tokenOf(admin);
  apiToken = tokenOf(t.api);
});

describe('REST /api/marketing-setup/contacts', () => {
  test.each([
    [
      'POST',
      '__proto__',
      'post',
      () => `${API}/contacts`,
      '{"data":{"type":"company","name":"X1","__proto__":{"city":"Hacked"}}}',
    ],
    [
      'POST',
      'constructor',
      'post',
      () => `${API}/contacts`,
      '{"data":{"type":"company","name":"X2","constructor":{"prototype":{"x":1}}}}',
    ],
    [
      'PUT',
      '__proto__',
      'put',
      () => `${API}/contacts/${fabrikam.documentId}`,
      '{"data":{"city":"Brugge","__proto__":{"isAdmin":true}}}',
    ],
    [
      'PUT',
      'constructor',
      'put',
      () => `${API}/contacts/${fabrikam.documentId}`,
      '{"data":{"city":"Brugge","constructor":"x"}}',
    ],
  ] as const)(
    '%s with "%s" in data: 400, no field of a contact, nothing written',
    async (_m, key, method, url, json) => {
      const before = await fingerprint(t.strapi, tables);
      const res = await raw(apiToken, method, url(), json);
      expect([
        res.status,
        res.body.error?.name,
        res.body.error?.message,
        res.body.error?.details?.errors?.[0]?.path,
      ]).toEqual([
        400,
        'ValidationError',
        `There is no field "${key}" on a Contact record; leave it out.`,
        ['data', key],
      ]);
      expect(await fingerprint(t.strapi, tables)).toBe(before);
    },
  );

  test('any other unknown field gets the same words', async () => {
    const res = await t.api.put(`${API}/contacts/${fabrikam.documentId}`, { data: { city: 'Brugge', colour: 'red' } });
    expect([res.status, res.body.error?.message]).toEqual([
      400,
      'There is no field "colour" on a Contact record; leave it out.',
    ]);
  });

  test('beside data, where Strapi leaves any unknown key out, they are left out too', async () => {
    const res = await raw(
      apiToken,
      'post',
      `${API}/contacts`,
      '{"__proto__":{"x":1},"constructor":1,"colour":"red","data":{"type":"company","name":"Beside NV"}}',
    );
    expect([res.status, res.body.data?.name]).toEqual([201, 'Beside NV']);
    expect(({} as any).x).toBeUndefined();
  });
});

describe('Content Manager /content-manager/collection-types/plugin::marketing-setup.contact', () => {
  test('POST with "__proto__" and "constructor": left out as any key that is no field; the contact is created', async () => {
    const res = await raw(
      adminToken,
      'post',
      CM,
      '{"type":"company","name":"CM Proto NV","__proto__":{"city":"Hacked"},"constructor":{"prototype":{"y":1}},"colour":"red"}',
    );
    expect([res.status, res.body.data?.name, res.body.data?.city]).toEqual([201, 'CM Proto NV', null]);
    const stored = await docs(t.strapi, UID.contact).findOne({ documentId: res.body.data.documentId });
    expect([stored.name, stored.city]).toEqual(['CM Proto NV', null]);
    expect([({} as any).city, ({} as any).y]).toEqual([undefined, undefined]);
  });

  test('PUT with "__proto__" or "constructor": left out; the other fields are saved', async () => {
    for (const [json, city] of [
      ['{"city":"Brugge","__proto__":{"isAdmin":true}}', 'Brugge'],
      ['{"city":"Kortrijk","constructor":"x"}', 'Kortrijk'],
    ]) {
      const res = await raw(adminToken, 'put', `${CM}/${fabrikam.documentId}`, json);
      expect([res.status, res.body.data?.city]).toEqual([200, city]);
    }
    expect((await docs(t.strapi, UID.contact).findOne({ documentId: fabrikam.documentId })).city).toBe('Kortrijk');
  });

  test('inside a relation, where an unknown key is refused, they are refused too: 400, nothing written', async () => {
    const before = await fingerprint(t.strapi, tables);
    const res = await raw(
      adminToken,
      'put',
      `${CM}/${fabrikam.documentId}`,
      '{"city":"Mol","salesperson":{"connect":[],"__proto__":{"x":1}}}',
    );
    expect([res.status, res.body.error?.message]).toEqual([
      400,
      'The key "__proto__" is not allowed (in Salesperson).',
    ]);
    expect(await fingerprint(t.strapi, tables)).toBe(before);
  });
});

test("another app's route keeps Strapi's own answer (the plugin only reads its own routes' bodies again)", async () => {
  const res = await raw(apiToken, 'post', '/api/sales-quotes', '{"data":{"number":"SQ-P1","__proto__":{"x":1}}}');
  expect([res.status, res.body.error?.message]).toEqual([400, 'Object contains forbidden prototype property']);
});
