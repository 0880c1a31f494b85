/**
 * The plugin's OpenAPI document: served at /api/marketing-setup/openapi.json, valid OpenAPI, every plugin route in
 * it (content API and admin), and docs/openapi.json (checked in) the same as what the routes now produce.
 */
import fs from 'fs';
import path from 'path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { API, useTestApp } from '../helpers/fixtures';
import { isPostgres } from '../helpers/strapi';

const t = useTestApp();

const opsOf = (doc: any) =>
  Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([p, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    )
    .sort();

/** The plugin's routes as Strapi mounted them, in OpenAPI's path syntax. */
function pluginRoutes() {
  const routers = Object.values(t.strapi.plugin('marketing-setup').routes as Record<string, any>);
  return routers
    .flatMap((router: any) => {
      const prefix = router.type === 'admin' ? '' : '/api';
      return router.routes.map((r: any) => `${r.method} ${prefix}/marketing-setup${r.path.replace(/:(\w+)/g, '{$1}')}`);
    })
    .sort();
}

test('served, valid, and covering every plugin route', async () => {
  const res = await t.api.get(`${API}/openapi.json`);
  expect(res.status).toBe(200);
  const doc = res.body;
  // The document does not depend on the database; its (slow) full validation runs once, on SQLite.
  if (!isPostgres()) await expect(SwaggerParser.validate(JSON.parse(JSON.stringify(doc)))).resolves.toBeTruthy();
  const ops = opsOf(doc);
  for (const route of pluginRoutes()) expect(ops).toContain(route);
  expect(ops).toContain('POST /api/marketing-setup/contacts/{documentId}/merge');
  expect(ops).toContain('PUT /marketing-setup/settings');

  const merge = doc.paths['/api/marketing-setup/contacts/{documentId}/merge'].post;
  expect(merge.requestBody.content['application/json'].schema).toMatchObject({
    required: ['duplicate'],
    properties: {
      duplicate: { type: 'string', example: expect.any(String) },
      fields: { type: 'array' },
      dryRun: { type: 'boolean' },
    },
  });
  expect(merge.parameters).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: 'documentId', in: 'path', required: true })]),
  );
  expect(
    doc.paths['/api/marketing-setup/interactions'].post.requestBody.content['application/json'].schema.properties.kind
      .enum,
  ).toContain('emails');
});

test("every operation names the answer it gives: a create's 201, a job's 202, CSV files, multipart uploads", async () => {
  const doc = (await t.api.get(`${API}/openapi.json`)).body;
  const ok = (p: string, m: string) => Object.keys(doc.paths[p][m].responses).filter((c) => c.startsWith('2'));
  for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, any>>))
    for (const [m, op] of Object.entries(item))
      if (op?.responses) expect({ op: `${m} ${p}`, ok: ok(p, m).length }).toEqual({ op: `${m} ${p}`, ok: 1 });
  expect(ok('/api/marketing-setup/contacts', 'post')).toEqual(['201']);
  expect(ok('/api/marketing-setup/interactions', 'post')).toEqual(['201']);
  expect(ok('/api/marketing-setup/contacts/{id}', 'delete')).toEqual(['204']);
  expect(ok('/marketing-setup/contacts/import/jobs', 'post')).toEqual(['202']);
  expect(Object.keys(doc.paths['/marketing-setup/contacts/export'].get.responses['200'].content)).toEqual(['text/csv']);
  expect(
    doc.paths['/marketing-setup/contacts/import/dry-run'].post.requestBody.content['multipart/form-data'].schema
      .required,
  ).toEqual(['file']);
  // What the server answers is what the document says.
  const created = await t.api.post(`${API}/territories`, { data: { code: 'OAPI', name: 'OpenAPI check' } });
  expect(created.status).toBe(201);
  expect(ok('/api/marketing-setup/territories/{id}', 'delete')).toEqual(['204']);
  expect((await t.api.del(`${API}/territories/${created.body.data.documentId}`)).status).toBe(204);
});

test('without a token the document is not served', async () => {
  expect((await t.api.raw().get(`${API}/openapi.json`)).status).toBe(403);
});

test('the served document and docs/openapi.json are what the routes now produce (regenerate with npm run openapi)', async () => {
  const served = (await t.api.get(`${API}/openapi.json`)).body;
  const { buildOpenApiDocument, pluginVersion } = require(
    path.resolve(__dirname, '../../dist/src/plugins/marketing-setup/server/src/openapi'),
  );
  const generated = JSON.parse(JSON.stringify(buildOpenApiDocument(t.strapi, pluginVersion())));
  const checkedIn = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../docs/openapi.json'), 'utf8'));
  expect(opsOf(served)).toEqual(opsOf(generated));
  expect(served).toEqual(generated);
  expect(checkedIn).toEqual(generated);
});
