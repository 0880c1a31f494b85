/**
 * Domain events reach a real HTTP receiver through Strapi's webhooks, created in the admin API as an admin
 * would (Settings → Webhooks), and only for writes that committed.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import { API, adminLogin, createOk, docs, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true, masterData: true });

interface Received {
  event: string;
  body: any;
}
const received: Received[] = [];
let receiver: http.Server;
let url: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      received.push({ event: String(req.headers['x-strapi-event']), body: JSON.parse(raw) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => new Promise<void>((resolve) => receiver.close(() => resolve())));

/** Waits until an event of `name` matching `where` arrived (the runner posts asynchronously). */
async function arrival(name: string, where: (body: any) => boolean = () => true) {
  for (let i = 0; i < 100; i++) {
    const hit = received.find((r) => r.event === name && where(r.body));
    if (hit) return hit.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${name} event arrived; got ${received.map((r) => r.event).join(', ') || 'none'}`);
}

const EVENTS = [
  'marketing-setup.contact.merged',
  'marketing-setup.merge.undone',
  'marketing-setup.duplicate.found',
  'marketing-setup.interaction.recorded',
  'marketing-setup.email.logged',
];

test('the events are offered to webhooks and an admin can subscribe to them', async () => {
  const jwt = await adminLogin(t.strapi, 'hooks@example.com', 'strapi-super-admin');
  const res = await request(t.strapi.server.httpServer)
    .post('/admin/webhooks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ name: 'crm', url, headers: {}, events: EVENTS });
  expect(res.status).toBe(201);
  const refused = await request(t.strapi.server.httpServer)
    .post('/admin/webhooks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ name: 'typo', url, headers: {}, events: ['marketing-setup.contact.mergd'] });
  expect(refused.status).toBe(400);
});

test('duplicate found, contact merged and merge undone arrive with the contacts named', async () => {
  const a = (
    await createOk(t.api, 'contacts', {
      type: 'company',
      name: 'Proseware Antwerpen',
      city: 'Antwerpen',
      vatRegistrationNo: 'BE0444555666',
    })
  ).data;
  const b = (
    await createOk(t.api, 'contacts', {
      type: 'company',
      name: 'Proseware Antwerpen NV',
      city: 'Antwerpen',
      vatRegistrationNo: 'BE0444555666',
    })
  ).data;
  const found = await arrival(
    'marketing-setup.duplicate.found',
    (p) => p.contact?.documentId === b.documentId || p.duplicate?.documentId === b.documentId,
  );
  expect([found.contact.name, found.duplicate.name].sort()).toEqual(['Proseware Antwerpen', 'Proseware Antwerpen NV']);
  expect(found.rules.length).toBeGreaterThan(0);
  expect(found.event).toBe('marketing-setup.duplicate.found');

  // A dry run commits nothing and sends nothing.
  expect(
    (await t.api.post(`${API}/contacts/${a.documentId}/merge`, { duplicate: b.documentId, dryRun: true })).status,
  ).toBe(200);
  const merged = await t.api.post(`${API}/contacts/${a.documentId}/merge`, {
    duplicate: b.documentId,
    fields: ['name'],
  });
  expect(merged.status).toBe(200);
  const m = await arrival('marketing-setup.contact.merged');
  expect(m).toMatchObject({
    mergeLog: merged.body.data.mergeLog,
    survivor: { documentId: a.documentId, no: a.no, name: 'Proseware Antwerpen NV' },
    duplicate: { documentId: b.documentId, no: b.no },
    fields: ['name'],
  });
  expect(received.filter((r) => r.event === 'marketing-setup.contact.merged')).toHaveLength(1);

  const undo = await t.api.post(`${API}/merge-log/${merged.body.data.mergeLog}/undo`, {});
  expect(undo.status).toBe(200);
  const u = await arrival('marketing-setup.merge.undone');
  expect(u).toMatchObject({
    mergeLog: merged.body.data.mergeLog,
    restored: { documentId: b.documentId, no: b.no },
    survivor: { documentId: a.documentId },
  });
});

test('a refused merge sends nothing', async () => {
  const before = received.length;
  const c = (await createOk(t.api, 'contacts', { type: 'company', name: 'Litware Gent' })).data;
  const res = await t.api.post(`${API}/contacts/${c.documentId}/merge`, { duplicate: c.documentId });
  expect(res.status).toBe(400);
  await new Promise((r) => setTimeout(r, 300));
  expect(received.slice(before).filter((r) => r.event === 'marketing-setup.contact.merged')).toHaveLength(0);
});

test('interaction recorded and e-mail logged arrive with the entry, its contact and template', async () => {
  const company = (await createOk(t.api, 'contacts', { type: 'company', name: 'Wide World Importers' })).data;
  const group = await docs(t.strapi, 'plugin::marketing-setup.interaction-group').create({
    data: { code: 'SALES', description: 'Sales' },
  });
  const call = await docs(t.strapi, 'plugin::marketing-setup.interaction-template').create({
    data: {
      code: 'OUTCALL',
      description: 'Outgoing call',
      interactionGroup: group.documentId,
      informationFlow: 'outbound',
      initiatedBy: 'us',
    },
  });
  const res = await t.api.post(`${API}/interactions`, {
    contact: company.documentId,
    template: 'OUTCALL',
    description: 'Called about the offer',
  });
  expect(res.status).toBe(201);
  const rec = await arrival(
    'marketing-setup.interaction.recorded',
    (p) => p.entry?.description === 'Called about the offer',
  );
  expect(rec).toMatchObject({
    entry: { entryNo: res.body.data.entryNo, informationFlow: 'outbound', initiatedBy: 'us', emailLogged: false },
    contact: { documentId: company.documentId, no: company.no, name: 'Wide World Importers' },
    template: { documentId: call.documentId, code: 'OUTCALL' },
  });
  expect(received.some((r) => r.event === 'marketing-setup.email.logged')).toBe(false);

  await docs(t.strapi, 'plugin::marketing-setup.interaction-log-entry').create({
    data: {
      contact: company.documentId,
      interactionTemplate: call.documentId,
      description: 'Re: offer',
      emailLogged: true,
      messageId: '<abc@wwi.example>',
    },
  });
  const mail = await arrival('marketing-setup.email.logged');
  expect(mail).toMatchObject({
    entry: { description: 'Re: offer', emailLogged: true, messageId: '<abc@wwi.example>' },
    contact: { documentId: company.documentId },
  });
});
